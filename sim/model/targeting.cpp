// SPDX-License-Identifier: MIT
// Targeting: the threshold (each dated step) as a logit and value cuts, once per replication.
#include "cisim/model/targeting.hpp"

#include <algorithm>
#include <cmath>

namespace cisim {

Targeting::Targeting(const CustomsModelConfig& config)
    : weights_(&config.policies.targeting.weights),
      threshold_(&config.policies.targeting.threshold),
      origins_(config.origins.size()),
      categories_(config.categories.size()),
      enabled_(config.policies.targeting.enabled) {
  if (!enabled_) {
    steps_.push_back(Step{SimTime::start(), 0.0, {}});
    return;
  }
  for (const auto& [from, threshold] : config.policies.targeting.threshold.steps()) {
    Step step{from, logit(threshold), {}};
    make_cuts(step);
    steps_.push_back(std::move(step));
  }
  dated_ = steps_.size() > 1;
}

// The declared value at which each (origin, category, mode, history) with advance data
// crosses the step's threshold; none without a value weight.
void Targeting::make_cuts(Step& step) const {
  const Eigen::VectorXd& w = *weights_;
  const auto tail = static_cast<Eigen::Index>(1 + origins_ + categories_ + kModes);
  const double value_weight = w[tail];
  if (value_weight == 0.0) return;
  step.cuts.resize(2 * origins_ * categories_ * kModes);
  for (const bool history : {false, true}) {
    for (std::size_t o = 0; o < origins_; ++o) {
      for (std::size_t c = 0; c < categories_; ++c) {
        for (std::size_t m = 0; m < kModes; ++m) {
          // The score with a value of 0 (log1p(0) = 0): every other term, by score()'s own layout.
          ShipmentRecord r;
          r.origin = static_cast<std::uint16_t>(o);
          r.category = static_cast<std::uint16_t>(c);
          r.declared_value_usd = 0.0;
          const double rest = score(r, static_cast<Mode>(m), true, history);
          // rest + value_weight x log1p(v) = threshold at v = expm1((threshold - rest) / value_weight).
          const double cut = std::expm1((step.threshold_logit - rest) / value_weight);
          ValueCut& v = step.cuts[cut_index(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), static_cast<Mode>(m), history)];
          v.below = std::min(cut * (1.0 - 1e-9), cut * (1.0 + 1e-9));
          v.above = std::max(cut * (1.0 - 1e-9), cut * (1.0 + 1e-9));
          v.rising = value_weight > 0.0;
        }
      }
    }
  }
}

std::optional<double> Targeting::value_at_score(std::uint16_t origin, std::uint16_t category, Mode mode, bool history,
                                                double logit) const {
  const auto tail = static_cast<Eigen::Index>(1 + origins_ + categories_ + kModes);
  if (weights_->size() <= tail) return std::nullopt;
  const double value_weight = (*weights_)[tail];
  if (value_weight == 0.0) return std::nullopt;
  ShipmentRecord r;
  r.origin = origin;
  r.category = category;
  r.declared_value_usd = 0.0;
  // As the constructor's cuts: rest + value_weight x log1p(v) = logit.
  return std::expm1((logit - score(r, mode, true, history)) / value_weight);
}

}  // namespace cisim
