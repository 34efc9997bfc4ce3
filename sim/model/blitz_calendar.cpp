// SPDX-License-Identifier: MIT
// BlitzCalendar: slices, daily quotas and officer surges of blitzes.
#include "cisim/model/blitz_calendar.hpp"

namespace cisim {

BlitzCalendar::BlitzCalendar(const CustomsModelConfig& config, std::size_t days)
    : blitzes_(&config.blitzes),
      days_(days),
      taken_(config.blitzes.size() * config.facilities.size() * days, 0),
      facilities_(config.facilities.size()) {}

void BlitzCalendar::begin_slice(std::size_t f, SimTime from, SimTime to) {
  slice_from_ = from;
  slice_to_ = to;
  active_.clear();
  for (std::size_t b = 0; b < size(); ++b) {
    if (covers(b, f, from)) active_.push_back(b);
  }
}

bool BlitzCalendar::take_daily_quota(std::size_t b, std::size_t f, SimTime t) {
  const std::int64_t day_ticks = Duration::days(1).ticks();
  const auto day = static_cast<std::size_t>(t.ticks() / day_ticks);
  const std::int64_t hour = (t.ticks() % day_ticks) / Duration::hours(1).ticks();
  int& count = taken_[(b * facilities_ + f) * days_ + day];
  const bool fits = count < static_cast<int>(static_cast<std::int64_t>(*(*blitzes_)[b].daily_count) * (hour + 1) / 24);
  if (fits) ++count;
  return fits;
}

int BlitzCalendar::surge_officers(std::size_t f, SimTime t) const {
  int officers = 0;
  for (std::size_t b = 0; b < size(); ++b) {
    if (covers(b, f, t)) officers += (*blitzes_)[b].surge_officers;
  }
  return officers;
}

std::optional<SimTime> BlitzCalendar::next_surge_change_after(std::size_t f, SimTime now) const {
  std::optional<SimTime> next;
  for (const Blitz& b : *blitzes_) {
    if (!b.facilities[f] || b.surge_officers == 0) continue;
    for (SimTime edge : {b.start, b.end}) {
      if (edge > now && (!next || edge < *next)) next = edge;
    }
  }
  return next;
}

}  // namespace cisim
