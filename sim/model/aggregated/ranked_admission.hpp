// SPDX-License-Identifier: MIT
// RankedAdmission: the selections of a stream that a full risk-ranked line still admits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cisim/model/targeting.hpp"
#include "model/aggregated/shipment_classes.hpp"
#include "model/aggregated/truncated_lognormal.hpp"

namespace cisim {

/// A full risk-ranked line (decision 0020) admits a selection only if it scores above the
/// lowest waiting one, the bar: the other selections (random sample, formal-entry rule) score
/// infinitely high and pass any finite bar; a targeted one passes by its score, which within
/// its class rises (or falls) with the declared value alone (Targeting::score), so its class
/// splits at the value where the score crosses the bar. For one bar this holds the admitted
/// share of every selected class and a table that draws admitted candidates as the selected
/// table does (ShipmentClasses: weights as built, thinned by keep()); the aggregated stream
/// presents those one by one and counts the rest of its selections by class, refused. While
/// the line stays full the bar only rises, so candidates drawn for an older bar that no
/// longer pass are turned away by the line itself: thinning again, exact.
///
/// A table is set whenever a line fills, so set() costs one crossing per (origin, category,
/// history) and one error function per (that and values' distribution), a few operations per
/// targeted class, and nothing for the others, whose part of the table never changes.
class RankedAdmission {
 public:
  RankedAdmission(const Targeting& targeting, Mode mode) : targeting_(&targeting), mode_(mode) {}

  /// The admitted shares and table of `classes` for a finite `bar` (a score, w.x).
  void set(const ShipmentClasses& classes, double bar);
  /// Chance per shipment of an admitted candidate (keep() thins them to the current chances).
  double candidate_chance(const ShipmentClasses& classes) const { return total_ * classes.bound(); }
  /// An admitted candidate's class, by inversion of the cumulative weights.
  std::size_t draw(Xoshiro256& g) const;
  /// Of class i's selections, the share that passes the bar.
  double admitted(std::size_t i) const { return admitted_[i]; }
  /// The targeted classes with a selected weight: the only ones a bar may turn away.
  const std::vector<std::uint32_t>& ranked_classes() const { return targeted_; }
  /// The declared values of class i's selections that pass the bar (`passing`) or do not:
  /// the class's own values where the bar does not split it.
  TruncatedLogNormal declared(const ShipmentClasses& classes, std::size_t i, bool passing) const;

 private:
  // What the classes share: the score's terms other than the value, per (origin, category,
  // history) seen with data; the values' lognormal, per (that, undervalued or not).
  struct ScoreGroup {
    double rest = 0.0;      // the score at a declared value of 0
    double crossing = 0.0;  // for the current bar: the declared value where the score crosses it
  };
  struct ValueGroup {
    std::uint32_t score_group = 0;
    double mu = 0.0, sigma = 1.0;                // of the values' lognormal
    double z = 0.0, phi = 0.0, phi_minus = 0.0;  // of the crossing, for the current bar
  };
  void prepare(const ShipmentClasses& classes);

  const Targeting* targeting_;
  Mode mode_;
  std::uint64_t prepared_ = 0;  // classes.builds() when the groups were made (0: never)
  std::vector<ScoreGroup> score_groups_;
  std::vector<ValueGroup> value_groups_;
  // Per class: its value group when its score rises or falls with the value, else its score.
  std::vector<std::int32_t> value_group_of_;  // -1: the score does not depend on the value
  std::vector<double> fixed_score_;
  std::vector<double> admitted_;    // per class
  // The table in two parts: the classes not targeted (always admitted, set by prepare()) and
  // the targeted ones (by the bar), each a list of classes and their cumulative weights.
  std::vector<std::uint32_t> untargeted_, targeted_;
  std::vector<double> untargeted_cumulative_, targeted_cumulative_;
  double untargeted_total_ = 0.0;
  double total_ = 0.0;
};

}  // namespace cisim
