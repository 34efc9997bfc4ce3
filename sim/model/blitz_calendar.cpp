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
  slice_facility_ = f;
  slice_from_ = from;
  slice_to_ = to;
  active_.clear();
  for (std::size_t b = 0; b < size(); ++b) {
    if (covers(b, f, from)) active_.push_back(b);
  }
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
