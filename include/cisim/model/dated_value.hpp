// SPDX-License-Identifier: MIT
// DatedValue: a number a scenario may change on dates (a step function of time).
#pragma once

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "cisim/base/assert.hpp"
#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// A rate, share or count that policy or traffic changes over time (docs/model.md, "Dated
/// parameters"): steps of (from, value), the first from the clock's start, each in force until
/// the next. A plain value is one step. Inline: at() runs once per shipment where the audit
/// rate is read, and answers a plain value at once.
/// Invariant: at least one step; the first from SimTime::start(); froms strictly increasing.
class DatedValue {
 public:
  DatedValue(double value = 0.0) : steps_{{SimTime::start(), value}} {}  // NOLINT: a plain value converts
  explicit DatedValue(std::vector<std::pair<SimTime, double>> steps) : steps_(std::move(steps)) {
    CISIM_ASSERT(!steps_.empty() && steps_.front().first == SimTime::start(), "a dated value starts with the clock");
    for (std::size_t i = 1; i < steps_.size(); ++i) CISIM_ASSERT(steps_[i - 1].first < steps_[i].first, "dates must increase");
  }

  double at(SimTime t) const {
    if (steps_.size() == 1) return steps_.front().second;
    return steps_[step_index(t)].second;
  }
  /// Which step is in force at `t` (0 before the second).
  std::size_t step_index(SimTime t) const { return static_cast<std::size_t>(first_after(t) - steps_.begin()) - 1; }
  /// The first change strictly after `t`; empty when the value never changes again.
  std::optional<SimTime> next_change_after(SimTime t) const {
    const auto after = first_after(t);
    if (after == steps_.end()) return std::nullopt;
    return after->first;
  }
  double max() const {
    double m = steps_.front().second;
    for (const auto& s : steps_) m = std::max(m, s.second);
    return m;
  }
  double min() const {
    double m = steps_.front().second;
    for (const auto& s : steps_) m = std::min(m, s.second);
    return m;
  }
  bool dated() const { return steps_.size() > 1; }
  const std::vector<std::pair<SimTime, double>>& steps() const { return steps_; }
  /// The same steps, each value times `factor`.
  DatedValue scaled(double factor) const {
    DatedValue out = *this;
    for (auto& s : out.steps_) s.second *= factor;
    return out;
  }

 private:
  // The one search of at(), step_index() and next_change_after(): the first step after `t`.
  std::vector<std::pair<SimTime, double>>::const_iterator first_after(SimTime t) const {
    return std::upper_bound(steps_.begin(), steps_.end(), t, [](SimTime x, const auto& s) { return x < s.first; });
  }
  std::vector<std::pair<SimTime, double>> steps_;
};

}  // namespace cisim
