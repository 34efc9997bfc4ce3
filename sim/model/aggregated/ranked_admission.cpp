// SPDX-License-Identifier: MIT
// RankedAdmission: each targeted class split at the value where its score crosses the bar.
#include "model/aggregated/ranked_admission.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "cisim/base/assert.hpp"

namespace cisim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

}  // namespace

// The groups of the classes as built: the score without its value term (Targeting::score's
// layout, as its own value cuts), and the class's lognormal's place among the value groups;
// the untargeted part of the table. Again whenever the tables are built (the weights change).
void RankedAdmission::prepare(const ShipmentClasses& classes) {
  prepared_ = classes.builds();
  score_groups_.clear();
  value_groups_.clear();
  value_group_of_.assign(classes.size(), -1);
  fixed_score_.assign(classes.size(), kUnbounded);
  admitted_.assign(classes.size(), 1.0);
  untargeted_.clear();
  targeted_.clear();
  untargeted_cumulative_.clear();
  untargeted_total_ = 0.0;
  const bool by_value = targeting_->value_weight() != 0.0;
  std::map<std::tuple<std::uint16_t, std::uint16_t, bool>, std::uint32_t> score_at;
  std::map<std::tuple<std::uint32_t, double, double>, std::uint32_t> value_at;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const ShipmentClass& k = classes[i];
    const double weight = classes.selected_as_built(i);
    if (!(weight > 0.0)) continue;
    if (!k.targeted) {  // its selections score infinitely high
      untargeted_.push_back(static_cast<std::uint32_t>(i));
      untargeted_total_ += weight;
      untargeted_cumulative_.push_back(untargeted_total_);
      continue;
    }
    targeted_.push_back(static_cast<std::uint32_t>(i));
    ShipmentRecord r;
    r.origin = k.origin;
    r.category = k.category;
    r.declared_value_usd = 0.0;
    const double rest = targeting_->score(r, mode_, k.sees_data, k.sees_data && k.history);
    if (!by_value || !k.sees_data) {
      fixed_score_[i] = rest;
      continue;
    }
    const auto [s, new_score] = score_at.try_emplace({k.origin, k.category, k.history}, static_cast<std::uint32_t>(score_groups_.size()));
    if (new_score) score_groups_.push_back({rest, 0.0});
    // Classes of one lognormal share z; the class's own bounds only set its share.
    const auto [v, new_value] =
        value_at.try_emplace({s->second, k.declared.mu(), k.declared.sigma()}, static_cast<std::uint32_t>(value_groups_.size()));
    if (new_value) value_groups_.push_back({s->second, k.declared.mu(), k.declared.sigma(), 0.0, 0.0, 0.0});
    value_group_of_[i] = static_cast<std::int32_t>(v->second);
  }
  targeted_cumulative_.resize(targeted_.size());
}

void RankedAdmission::set(const ShipmentClasses& classes, double bar) {
  CISIM_ASSERT(std::isfinite(bar), "a full line whose lowest score is not finite admits nothing");
  if (prepared_ != classes.builds()) prepare(classes);
  const double w = targeting_->value_weight();
  // rest + w log1p(v) = bar at v = expm1((bar - rest) / w); its z on each value group's scale.
  for (ScoreGroup& g : score_groups_) g.crossing = std::expm1((bar - g.rest) / w);
  for (ValueGroup& g : value_groups_) {
    const double v = score_groups_[g.score_group].crossing;
    g.z = !(v > 0.0) ? -kUnbounded : std::isinf(v) ? kUnbounded : (std::log(v) - g.mu) / g.sigma;
    g.phi = normal_cdf(g.z);
    g.phi_minus = normal_cdf(-g.z);
  }
  double sum = 0.0;
  for (std::size_t t = 0; t < targeted_.size(); ++t) {
    const std::uint32_t c = targeted_[t];
    const std::int32_t vg = value_group_of_[c];
    double& admitted = admitted_[c];
    if (vg >= 0) {
      const ValueGroup& g = value_groups_[static_cast<std::size_t>(vg)];
      const double above = classes[c].declared.share_above(g.z, g.phi, g.phi_minus);
      admitted = w > 0.0 ? above : 1.0 - above;  // rising: the values above pass; falling: below
    } else {
      admitted = fixed_score_[c] > bar ? 1.0 : 0.0;
    }
    sum += classes.selected_as_built(c) * admitted;
    targeted_cumulative_[t] = sum;
  }
  total_ = untargeted_total_ + sum;
}

std::size_t RankedAdmission::draw(Xoshiro256& g) const {
  double u = g.uniform01() * total_;
  const auto pick = [](const std::vector<std::uint32_t>& classes, const std::vector<double>& cumulative, double x) {
    const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return classes[static_cast<std::size_t>(std::min<std::ptrdiff_t>(at - cumulative.begin(), static_cast<std::ptrdiff_t>(classes.size()) - 1))];
  };
  if (u < untargeted_total_ || targeted_.empty()) return pick(untargeted_, untargeted_cumulative_, u);
  return pick(targeted_, targeted_cumulative_, u - untargeted_total_);
}

TruncatedLogNormal RankedAdmission::declared(const ShipmentClasses& classes, std::size_t i, bool passing) const {
  const ShipmentClass& k = classes[i];
  const std::int32_t vg = value_group_of_[i];
  if (vg < 0 || admitted_[i] <= 0.0 || admitted_[i] >= 1.0) return k.declared;  // not split
  const double v = score_groups_[value_groups_[static_cast<std::size_t>(vg)].score_group].crossing;
  if (!(v > k.declared.low() && v < k.declared.high())) return k.declared;
  // Rising: the values above the crossing pass; falling: those below.
  const bool above = (targeting_->value_weight() > 0.0) == passing;
  return above ? k.declared.within(v, kUnbounded) : k.declared.within(0.0, v);
}

}  // namespace cisim
