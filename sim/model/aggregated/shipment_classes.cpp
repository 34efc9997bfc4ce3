// SPDX-License-Identifier: MIT
// ShipmentClasses: value intervals from the entry and targeting cuts; class chances; thinning ratios.
#include "model/aggregated/shipment_classes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cisim/base/assert.hpp"

namespace cisim {
namespace {

// A ratio of current to built chances past this bound, or below its floor, rebuilds the
// tables: candidates are then kept with chance at least 1 / 1.05 - what a findings-driven
// change of the sellers costs is one rebuild per 5% drift, not one per finding.
constexpr double kBound = 1.05;
constexpr double kFloor = 0.8;
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

ShipmentClasses::ShipmentClasses(const CustomsModelConfig& config, std::uint32_t stream, const Targeting& targeting,
                                 const EntryRules& rules)
    : config_(&config),
      stream_(&config.streams[stream]),
      targeting_(&targeting),
      rules_(&rules),
      categories_(config.categories.size()) {
  set_risk(stream_->risk_multiplier.at(SimTime::start()));
}

// The chances of each kind of violation per (origin, category, data) at the stream's risk
// multiplier `risk` (dated: set again when it changes), and their polynomials in the sellers'
// multiplier.
void ShipmentClasses::set_risk(double risk) {
  built_risk_ = risk;
  const CustomsModelConfig& config = *config_;
  kind_chances_.resize(config.origins.size() * categories_ * 2);
  for (std::size_t o = 0; o < config.origins.size(); ++o) {
    for (std::size_t c = 0; c < categories_; ++c) {
      for (const bool data : {false, true}) {
        PerViolation& a = kind_chances_[(o * categories_ + c) * 2 + (data ? 1 : 0)];
        for (std::size_t k = 0; k < a.size(); ++k) {
          a[k] = config.categories[c].prevalence[k] * config.origins[o].risk_multiplier * risk * stream_->data_risk[data ? 1 : 0];
        }
      }
    }
  }
  polynomials_.resize(kind_chances_.size() * 32);
  for (std::size_t oc = 0; oc < kind_chances_.size(); ++oc) {
    for (unsigned v = 0; v < 32; ++v) polynomials_[oc * 32 + v] = SellerMoments::polynomial(kind_chances_[oc], static_cast<ViolationSet>(v));
  }
}

void ShipmentClasses::group_chances(const SellerMoments& moments, std::vector<double>& out) const {
  out.assign(config_->origins.size() * categories_ * 128, 0.0);
  for (std::size_t o = 0; o < config_->origins.size(); ++o) {
    for (std::size_t c = 0; c < categories_; ++c) {
      if (stream_->origin_mix[o] * stream_->category_mix[c] == 0.0) continue;
      for (const bool data : {false, true}) {
        const std::size_t ocd = (o * categories_ + c) * 2 + (data ? 1 : 0);
        for (const bool history : {false, true}) {
          std::array<double, 32> chances{};
          moments.chances(history, kind_chances_[ocd], &polynomials_[ocd * 32], chances);
          std::copy(chances.begin(), chances.end(), out.begin() + group_of(o, c, data, history, 0));
        }
      }
    }
  }
}

std::vector<char> ShipmentClasses::eligibility(SimTime at) const {
  std::vector<char> eligible(config_->origins.size() * categories_);
  for (std::size_t o = 0; o < config_->origins.size(); ++o) {
    for (std::size_t c = 0; c < categories_; ++c) {
      eligible[o * categories_ + c] = rules_->de_minimis_eligible(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), at);
    }
  }
  return eligible;
}

bool ShipmentClasses::rules_changed(SimTime at) const {
  return eligibility(at) != eligible_ || posts_ != built_posts_ || config_->policies.audit_rate.at(at) != built_audit_ ||
         stream_->advance_data_share.at(at) != built_data_share_ || targeting_->step_index(at) != built_threshold_step_ ||
         stream_->risk_multiplier.at(at) != built_risk_;
}


// The classes of (origin, category, data, history, violations): the declared value's range
// cut at every value where its entry or its selection may change, adjacent pieces alike
// merged. Each piece is classified at an inner point: entry and targeting are constant
// between cuts (the targeting score is monotone in the declared value).
void ShipmentClasses::add_classes(SimTime at, std::uint16_t o, std::uint16_t c, bool data, bool history, ViolationSet v,
                                  double chance) {
  const CustomsPolicies& p = config_->policies;
  const ProductCategory& category = config_->categories[c];
  const auto& value = std::get<LogNormal>(category.true_value_usd);
  const bool undervalued = contains(v, ViolationKind::Undervaluation);
  const double mu = value.mu + (undervalued ? std::log(category.undervaluation_factor) : 0.0);
  std::vector<double> cuts{p.de_minimis_threshold_usd, p.informal_limit_usd};
  if (targeting_->enabled()) {
    if (const auto cut = targeting_->value_cut(o, c, stream_->mode, history, at)) cuts.push_back(cut->first);
  }
  if (p.formal_entry.enabled && p.formal_entry.min_score) {
    const double logit = Targeting::logit(*p.formal_entry.min_score);
    if (const auto cut = targeting_->value_at_score(o, c, stream_->mode, history, logit)) cuts.push_back(*cut);
  }
  cuts.erase(std::remove_if(cuts.begin(), cuts.end(), [](double x) { return !(x > 0.0) || std::isinf(x); }), cuts.end());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  cuts.push_back(kInf);
  ShipmentClass k;
  k.origin = o;
  k.category = c;
  k.carried = v;
  k.has_data = data;
  k.history = history;
  k.group = group_of(o, c, data, history, v);
  k.duty_rate = rules_->duty_rate(c, o);
  double low = 0.0;
  bool open = false;  // a piece is being extended
  for (const double high : cuts) {
    const double inner = low == 0.0 ? 0.5 * high : (std::isinf(high) ? 2.0 * low : 0.5 * (low + high));
    // The piece's entry and selection, asked of the rules as the per-shipment path asks them
    // (CustomsRun::enter_inline) for a shipment of the piece: the formal-entry rule first
    // (it sees the data as sent), then the entry, then targeting with the data the entry files.
    ShipmentRecord r;
    r.origin = o;
    r.category = c;
    r.declared_value_usd = inner;
    r.arrived = at;
    const bool high_risk = rules_->is_high_risk(r, [&] { return targeting_->score(r, stream_->mode, data, history); });
    const EntryDecision entry = rules_->classify(r, stream_->mode, high_risk, Entry::Own);
    const bool sees_data = data || high_risk || rules_->entry_files_data(entry);
    const bool targeted = targeting_->enabled() && targeting_->targets(r, stream_->mode, sees_data, sees_data && history);
    const bool de_minimis = entry.de_minimis, informal = entry.informal, specific = entry.specific_duty;
    if (open && de_minimis == k.de_minimis && informal == k.informal && targeted == k.targeted && specific == k.specific_duty &&
        high_risk == k.high_risk && sees_data == k.sees_data) {
      k.declared = TruncatedLogNormal{mu, value.sigma, k.declared.low(), high};
    } else {
      if (open && k.declared.probability() > 0.0) {
        k.fixed_chance = chance * k.declared.probability();
        classes_.push_back(k);
      }
      k.de_minimis = de_minimis;
      k.informal = informal;
      k.targeted = targeted;
      k.specific_duty = specific;
      k.specific_duty_usd = specific ? entry.duty_usd : 0.0;  // one item
      k.high_risk = high_risk;
      k.sees_data = sees_data;
      // CustomsRun::enter_inline: a blocked post's items, and those without data once more
      // data is required, are refused; the others of a post under any measure are prioritized.
      const std::optional<PostTerms> post = o < posts_.size() ? posts_[o] : std::nullopt;
      k.refused = post && (post->measure == PostMeasure::Blocked || (post->measure == PostMeasure::DataRequired && !data));
      k.prioritized = post && post->measure != PostMeasure::None && !k.refused;
      k.declared = TruncatedLogNormal{mu, value.sigma, low, high};
      open = true;
    }
    low = high;
  }
  if (open && k.declared.probability() > 0.0) {
    k.fixed_chance = chance * k.declared.probability();
    classes_.push_back(k);
  }
}

void ShipmentClasses::build(SimTime at, const SellerMoments& moments) {
  eligible_ = eligibility(at);
  built_audit_ = config_->policies.audit_rate.at(at);
  built_data_share_ = stream_->advance_data_share.at(at);
  if (const double risk = stream_->risk_multiplier.at(at); risk != built_risk_) set_risk(risk);
  built_threshold_step_ = targeting_->step_index(at);
  built_posts_ = posts_;
  classes_.clear();
  for (std::size_t o = 0; o < config_->origins.size(); ++o) {
    const std::optional<PostTerms> post = o < posts_.size() ? posts_[o] : std::nullopt;
    // A scored post that files more data once asked for it raises its items' share.
    const double data_share = post ? post->data_share : built_data_share_;
    for (std::size_t c = 0; c < categories_; ++c) {
      const double oc = stream_->origin_mix[o] * stream_->category_mix[c];
      if (oc == 0.0) continue;
      for (const bool data : {false, true}) {
        const double d = data ? data_share : 1.0 - data_share;
        if (d <= 0.0) continue;
        const PerViolation& a = kind_chances(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), data);
        for (const bool history : {false, true}) {
          for (unsigned v = 0; v < 32; ++v) {
            bool possible = true;
            for (int k = 0; k < kViolationKinds; ++k) {
              if (contains(static_cast<ViolationSet>(v), static_cast<ViolationKind>(k)) && a[static_cast<std::size_t>(k)] == 0.0) possible = false;
            }
            if (possible) add_classes(at, static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), data, history, static_cast<ViolationSet>(v), oc * d);
          }
        }
      }
    }
  }
  CISIM_ASSERT(!classes_.empty(), "a stream without classes");
  groups_.resize(classes_.size());
  for (std::size_t i = 0; i < classes_.size(); ++i) groups_[i] = classes_[i].group;
  build_tables(moments);
}

// The classes' value intervals depend on the rules alone; the sellers change only the
// group chances, so a change of sellers rebuilds the tables and not the classes.
void ShipmentClasses::build_tables(const SellerMoments& moments) {
  ++builds_;
  group_chances(moments, built_);
  ratio_.assign(built_.size(), 1.0);
  bound_ = 1.0;
  all_kept_ = true;
  const FormalEntryRule& rule = config_->policies.formal_entry;
  std::vector<double>& not_selected = not_selected_;
  std::vector<double>& selected = selected_;
  std::vector<double> filed(classes_.size());
  not_selected.assign(classes_.size(), 0.0);
  selected.assign(classes_.size(), 0.0);
  selected_cumulative_.resize(classes_.size());
  filed_cumulative_.resize(classes_.size());
  audit_cumulative_.resize(classes_.size());
  selected_total_ = filed_total_ = audit_total_ = 0.0;
  const double audit = built_audit_;
  for (std::size_t i = 0; i < classes_.size(); ++i) {
    const ShipmentClass& k = classes_[i];
    const double w = k.fixed_chance * built_[k.group];
    // Targeting selects the whole class; else the random sample, then (high-risk entries
    // it did not take) the formal-entry rule's own share (CustomsRun::select's order).
    // A refused class is never selected: it is counted as refused with the not-selected.
    // The random audit takes its share of every class that enters first (CustomsRun::enter).
    const double chosen = k.refused ? 0.0 : k.targeted ? 1.0 : chance_chosen(k);
    const double left = k.refused ? 1.0 : 1.0 - audit;
    not_selected[i] = k.targeted && !k.refused ? 0.0 : left * w * (1.0 - chosen);
    const double s = k.refused ? 0.0 : left * (k.targeted ? w : w * chosen);
    (k.high_risk && rule.filing_delay > Duration::zero() ? filed : selected)[i] = s;
    selected_total_ += selected[i];
    filed_total_ += filed[i];
    audit_total_ += k.refused ? 0.0 : audit * w;
    selected_cumulative_[i] = selected_total_;
    filed_cumulative_[i] = filed_total_;
    audit_cumulative_[i] = audit_total_;
  }
}

std::size_t ShipmentClasses::draw(const std::vector<double>& cumulative, Xoshiro256& g) {
  const double u = g.uniform01() * cumulative.back();
  const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  // u < total, so some class lies above it; a class of weight 0 is never the first above.
  return static_cast<std::size_t>(std::min<std::ptrdiff_t>(at - cumulative.begin(), static_cast<std::ptrdiff_t>(cumulative.size()) - 1));
}

// enter_inline's order: the random sample, then a prioritized post's own share, then the
// formal-entry rule's share of high-risk entries that neither took.
double ShipmentClasses::chance_chosen(const ShipmentClass& k) const {
  const double random_rate = config_->policies.random_rate;
  const double rule_rate = k.high_risk ? config_->policies.formal_entry.inspection_rate : 0.0;
  const double prioritized_rate = k.prioritized ? config_->policies.post_scoring.prioritized_rate : 0.0;
  if (prioritized_rate == 0.0) return rule_rate > 0.0 ? random_rate + (1.0 - random_rate) * rule_rate : random_rate;
  return random_rate + (1.0 - random_rate) * (prioritized_rate + (1.0 - prioritized_rate) * rule_rate);
}

SelectionShares ShipmentClasses::selection_shares(std::size_t i) const {
  const ShipmentClass& k = classes_[i];
  const double chosen = chance_chosen(k);
  if (!(chosen > 0.0)) return {};
  const double random_rate = config_->policies.random_rate;
  const double prioritized_rate = k.prioritized ? config_->policies.post_scoring.prioritized_rate : 0.0;
  return {random_rate / chosen, (1.0 - random_rate) * prioritized_rate / chosen};
}

bool ShipmentClasses::refresh(const SellerMoments& moments) {
  std::vector<double> now;
  group_chances(moments, now);
  double high = 0.0, low = kInf;
  for (std::size_t g = 0; g < now.size(); ++g) {
    if (built_[g] == 0.0) {
      if (now[g] > 0.0) return false;  // a group the tables cannot draw
      continue;
    }
    ratio_[g] = now[g] / built_[g];
    high = std::max(high, ratio_[g]);
    low = std::min(low, ratio_[g]);
  }
  if (high > kBound || low < kFloor) return false;
  bound_ = high;
  all_kept_ = high == 1.0 && low == 1.0;
  return true;
}

}  // namespace cisim
