// SPDX-License-Identifier: MIT
// TimeWeighted: the time average of a piecewise-constant level (queue length, busy officers).
#pragma once

#include "cisim/base/assert.hpp"
#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// Integrates a level that holds its value between changes, from a start time on.
/// Invariant: updates come in non-decreasing time; the area covers [start, last_change].
/// Before any time has passed, mean() is the current level (the honest limit).
class TimeWeighted {
 public:
  explicit TimeWeighted(SimTime start = SimTime::start(), double level = 0.0)
      : start_(start), last_(start), level_(level) {}

  /// The level changes to `level` at `at`.
  void update(SimTime at, double level) {
    CISIM_ASSERT(at >= last_, "time-weighted update goes back in time");
    area_ += level_ * static_cast<double>((at - last_).ticks());
    last_ = at;
    level_ = level;
    if (level > max_) max_ = level;
  }
  /// Forgets the past and starts averaging again at `at`, keeping the current level
  /// (warm-up deletion).
  void restart(SimTime at) {
    update(at, level_);
    start_ = at;
    area_ = 0.0;
    max_ = level_;
  }

  /// Time average over [start, at]. Precondition: at >= the last update.
  double mean(SimTime at) const {
    CISIM_ASSERT(at >= last_, "time-weighted mean asked before the last update");
    const double span = static_cast<double>((at - start_).ticks());
    if (span <= 0.0) return level_;
    return (area_ + level_ * static_cast<double>((at - last_).ticks())) / span;
  }
  /// Integral of the level over [start, at], in level x seconds (for example officer-seconds).
  double integral_seconds(SimTime at) const {
    return (area_ + level_ * static_cast<double>((at - last_).ticks())) / Duration::kTicksPerSecond;
  }
  double level() const { return level_; }
  double max() const { return max_; }
  SimTime start() const { return start_; }

 private:
  SimTime start_;
  SimTime last_;
  double level_;
  double area_ = 0.0;  // level x ticks
  double max_ = level_;
};

}  // namespace cisim
