// SPDX-License-Identifier: MIT
// Targeting: the logistic risk score of a shipment, and whether it is targeted.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_record.hpp"

namespace cisim {

/// The score w.x over the feature layout of TargetingModel (docs/model.md, "Targeting").
/// The features are one-hot indicators plus two numbers, so the dot product is evaluated
/// sparsely. The logistic is monotone, so thresholds are compared as logits: no exponential.
class Targeting {
 public:
  explicit Targeting(const CustomsModelConfig& config);

  /// w.x of the shipment. Only advance electronic data reveals its category, value and
  /// seller before arrival; without it only origin, mode and the no-data flag are seen.
  double score(const ShipmentRecord& r, Mode mode, bool has_data, bool seller_has_history) const {
    const Eigen::VectorXd& w = *weights_;
    const auto at = [](std::size_t i) { return static_cast<Eigen::Index>(i); };
    double s = w[0] + w[at(1 + r.origin)] + w[at(1 + origins_ + categories_ + static_cast<std::size_t>(mode))];
    const std::size_t tail = 1 + origins_ + categories_ + kModes;
    if (has_data) {
      s += w[at(1 + origins_ + r.category)];
      if (w[at(tail)] != 0.0) s += w[at(tail)] * std::log1p(r.declared_value_usd);
      if (seller_has_history) s += w[at(tail + 2)];
    } else {
      s += w[at(tail + 1)];
    }
    return s;
  }
  bool enabled() const { return enabled_; }
  /// The weight of log(1 + declared value), which only advance data reveals (0 when none).
  double value_weight() const {
    const auto tail = static_cast<Eigen::Index>(1 + origins_ + categories_ + kModes);
    return weights_->size() > tail ? (*weights_)[tail] : 0.0;
  }
  /// Targeted: the logistic of the score at or above the threshold in force at `at` (dated:
  /// docs/model.md, "Dated parameters").
  bool targets(double score, SimTime at) const { return score >= step_at(at).threshold_logit; }
  /// The same answer as targets(score(...)), by construction: with advance data the score
  /// rises (or falls) with the declared value alone, so each (origin, category, mode,
  /// history) has a cut value precomputed, and the logarithm is taken only for a value
  /// within a hair (1e-9 relative) of its cut, where rounding could decide.
  bool targets(const ShipmentRecord& r, Mode mode, bool has_data, bool seller_has_history) const {
    const Step& step = step_at(r.arrived);
    if (!has_data || step.cuts.empty()) return score(r, mode, has_data, seller_has_history) >= step.threshold_logit;
    const ValueCut& cut = step.cuts[cut_index(r.origin, r.category, mode, seller_has_history)];
    if (r.declared_value_usd > cut.above) return cut.rising;
    if (r.declared_value_usd < cut.below) return !cut.rising;
    return score(r, mode, has_data, seller_has_history) >= step.threshold_logit;
  }
  /// Which of the threshold's dated steps is in force at `at` (0 for a plain threshold): the
  /// aggregated classes are built again when it changes.
  std::size_t step_index(SimTime at) const { return dated_ ? threshold_->step_index(at) : 0; }

  /// The declared value at which a shipment with advance data of (origin, category, mode,
  /// history) crosses the threshold, and whether values above it are the targeted ones;
  /// empty when the score does not depend on the value (no value weight, or no targeting).
  std::optional<std::pair<double, bool>> value_cut(std::uint16_t origin, std::uint16_t category, Mode mode, bool history,
                                                   SimTime at) const {
    const Step& step = step_at(at);
    if (step.cuts.empty()) return std::nullopt;
    const ValueCut& cut = step.cuts[cut_index(origin, category, mode, history)];
    return std::pair{0.5 * (cut.below + cut.above), cut.rising};
  }

  /// The declared value at which the score with advance data of (origin, category, mode,
  /// history) reaches `logit` (the formal-entry rule's cut); empty when the score does not
  /// depend on the value. Whether or not targeting is on: the rule scores with its weights.
  std::optional<double> value_at_score(std::uint16_t origin, std::uint16_t category, Mode mode, bool history, double logit) const;

  /// log(p / (1 - p)).
  static double logit(double p) { return std::log(p / (1.0 - p)); }

 private:
  // Declared values above `above` are targeted when `rising` (a positive value weight) and
  // not when falling; below `below` the opposite; in between, the score decides.
  struct ValueCut {
    double below = 0.0;
    double above = 0.0;
    bool rising = true;
  };
  // One threshold in force from `from`, with its value cuts.
  struct Step {
    SimTime from;
    double threshold_logit = 0.0;
    std::vector<ValueCut> cuts;  // by cut_index; empty without targeting or a value weight
  };
  // Inline: once per shipment; a plain threshold is one step, answered without a search.
  const Step& step_at(SimTime at) const { return dated_ ? steps_[threshold_->step_index(at)] : steps_.front(); }
  void make_cuts(Step& step) const;
  std::size_t cut_index(std::uint16_t origin, std::uint16_t category, Mode mode, bool history) const {
    return ((static_cast<std::size_t>(history) * origins_ + origin) * categories_ + category) * kModes + static_cast<std::size_t>(mode);
  }

  const Eigen::VectorXd* weights_;
  const DatedValue* threshold_;  // its steps are steps_'s dates, in order
  std::size_t origins_;
  std::size_t categories_;
  bool enabled_;
  std::vector<Step> steps_;  // at least one, the first from the start
  bool dated_ = false;       // more than one step
};

}  // namespace cisim
