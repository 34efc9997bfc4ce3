// SPDX-License-Identifier: MIT
// ShiftSchedule: lookups of the shift in force and of the next change.
#include "cisim/model/shift_schedule.hpp"

#include <algorithm>

#include "cisim/base/assert.hpp"

namespace cisim {

ShiftSchedule ShiftSchedule::constant(int officers) {
  return ShiftSchedule{{Shift{Duration::zero(), officers}}, std::nullopt};
}

ShiftSchedule::ShiftSchedule(std::vector<Shift> shifts, std::optional<Duration> cycle)
    : shifts_(std::move(shifts)), cycle_(cycle) {
  CISIM_ASSERT(!shifts_.empty() && shifts_.front().start == Duration::zero(), "first shift must start at 0");
  for (std::size_t i = 0; i < shifts_.size(); ++i) {
    CISIM_ASSERT(shifts_[i].officers >= 0, "officer count must be >= 0");
    CISIM_ASSERT(i == 0 || shifts_[i - 1].start < shifts_[i].start, "shift starts must increase");
  }
  CISIM_ASSERT(!cycle_ || shifts_.back().start < *cycle_, "shifts must start inside the cycle");
}

std::size_t ShiftSchedule::shift_index_at(Duration offset) const {
  // The last shift whose start is <= offset.
  const auto after = std::upper_bound(shifts_.begin(), shifts_.end(), offset,
                                      [](Duration t, const Shift& s) { return t < s.start; });
  return static_cast<std::size_t>(after - shifts_.begin()) - 1;
}

int ShiftSchedule::officers_at(SimTime t) const {
  Duration offset = t.since_start();
  if (cycle_) offset = Duration::from_ticks(offset.ticks() % cycle_->ticks());
  return shifts_[shift_index_at(offset)].officers;
}

std::optional<SimTime> ShiftSchedule::next_change_after(SimTime t) const {
  if (shifts_.size() == 1) return std::nullopt;
  if (!cycle_) {
    const std::size_t i = shift_index_at(t.since_start());
    if (i + 1 == shifts_.size()) return std::nullopt;
    return SimTime::start() + shifts_[i + 1].start;
  }
  const std::int64_t cycle_ticks = cycle_->ticks();
  const std::int64_t cycle_start = t.ticks() - t.ticks() % cycle_ticks;
  const std::size_t i = shift_index_at(Duration::from_ticks(t.ticks() - cycle_start));
  if (i + 1 < shifts_.size()) return SimTime::from_ticks(cycle_start) + shifts_[i + 1].start;
  return SimTime::from_ticks(cycle_start + cycle_ticks);
}

double ShiftSchedule::officer_hours(SimTime until) const {
  double hours = 0.0;
  SimTime t = SimTime::start();
  while (t < until) {
    const SimTime next = std::min(next_change_after(t).value_or(until), until);
    hours += officers_at(t) * (next - t).to_hours();
    t = next;
  }
  return hours;
}

}  // namespace cisim
