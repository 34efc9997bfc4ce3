// SPDX-License-Identifier: MIT
// ShiftSchedule: how many officers are on duty at each moment.
#pragma once

#include <optional>
#include <vector>

#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// One shift: from `start` (offset within the cycle) until the next shift's start.
struct Shift {
  Duration start;
  int officers = 0;
};

/// A piecewise-constant officer count. Shifts tile the cycle without gaps or overlaps by
/// construction: each lasts until the next one starts, and the last until the cycle ends.
/// With a cycle (for example 1 day) the schedule repeats; without one the last shift lasts
/// for ever.
/// Invariant: shifts non-empty, first start 0, starts strictly increasing and inside the cycle.
class ShiftSchedule {
 public:
  /// The same officer count at all times.
  static ShiftSchedule constant(int officers);
  ShiftSchedule(std::vector<Shift> shifts, std::optional<Duration> cycle);

  int officers_at(SimTime t) const;
  /// The first shift start strictly after `t`; empty when the count never changes again.
  std::optional<SimTime> next_change_after(SimTime t) const;
  const std::vector<Shift>& shifts() const { return shifts_; }
  const std::optional<Duration>& cycle() const { return cycle_; }
  /// Officer-hours on duty over [0, until).
  double officer_hours(SimTime until) const;

 private:
  std::size_t shift_index_at(Duration offset) const;
  std::vector<Shift> shifts_;
  std::optional<Duration> cycle_;
};

}  // namespace cisim
