// SPDX-License-Identifier: MIT
// BlitzCalendar: where and when blitzes run, which shipments they may select, their surges and quotas.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "cisim/model/customs_config.hpp"

namespace cisim {

/// The blitzes of a scenario over one replication. One rule says what a blitz covers
/// (covers()): its facilities, from its start up to its end. Blitz windows are whole days,
/// so the blitzes at a facility are the same for a whole hour and are found once per
/// arrival slice (begin_slice), not once per shipment.
class BlitzCalendar {
 public:
  BlitzCalendar(const CustomsModelConfig& config, std::size_t days);

  /// The one covers rule: blitz `b` is in force at facility `f` at time `t`.
  bool covers(std::size_t b, std::size_t f, SimTime t) const {
    const Blitz& blitz = (*blitzes_)[b];
    return blitz.facilities[f] && t >= blitz.start && t < blitz.end;
  }
  /// Blitz `b` covers facility `f` on all of day `day` (windows are whole days).
  bool covers_day(std::size_t b, std::size_t f, std::size_t day) const {
    return covers(b, f, SimTime::start() + Duration::days(static_cast<std::int64_t>(day)));
  }
  std::size_t size() const { return blitzes_->size(); }

  /// Finds the blitzes covering facility `f` over [from, to) (one arrival slice).
  void begin_slice(std::size_t f, SimTime from, SimTime to);

  /// Some blitz covers the slice's facility (after begin_slice).
  bool slice_in_force() const { return !active_.empty(); }

  /// The blitzes that may select a shipment of `origin` and `category` at facility `f` at
  /// time `t` (their origin and category lists allow it), into `out`. Uses the current
  /// slice unless `t` is outside it (a parcel in transit from a fulfillment center) or `f`
  /// is not the slice's facility (a violator moved to another route, docs/model.md "Displacement").
  void eligible(std::size_t f, SimTime t, std::uint16_t origin, std::uint16_t category, std::vector<std::size_t>& out) const {
    out.clear();
    if (f == slice_facility_ && t >= slice_from_ && t < slice_to_) {
      if (active_.empty()) return;  // the common answer outside blitzes
      for (const std::size_t b : active_) {
        if (allows(b, origin, category)) out.push_back(b);
      }
      return;
    }
    for (std::size_t b = 0; b < size(); ++b) {
      if (covers(b, f, t) && allows(b, origin, category)) out.push_back(b);
    }
  }

  /// Blitz `b` by daily count: whether one more shipment at facility `f` fits its quota now
  /// (and takes it). The day's count is spread evenly over its hours, first come within each
  /// hour, so inspections do not all queue at midnight: by the end of hour h at most
  /// count x (h + 1) / 24 are selected, and exactly the count by the end of the day.
  bool take_daily_quota(std::size_t b, std::size_t f, SimTime t) {
    const std::size_t day = day_index(t);
    const std::int64_t hour = (t.ticks() % Duration::days(1).ticks()) / Duration::hours(1).ticks();
    int& count = taken_[(b * facilities_ + f) * days_ + day];
    const bool fits = count < static_cast<int>(static_cast<std::int64_t>(*(*blitzes_)[b].daily_count) * (hour + 1) / 24);
    if (fits) ++count;
    return fits;
  }

  /// Officers added at facility `f` at time `t` by the blitzes covering it.
  int surge_officers(std::size_t f, SimTime t) const;
  /// The next start or end of a surge at facility `f` after `now`, if any.
  std::optional<SimTime> next_surge_change_after(std::size_t f, SimTime now) const;

 private:
  bool allows(std::size_t b, std::uint16_t origin, std::uint16_t category) const {
    const Blitz& blitz = (*blitzes_)[b];
    return (blitz.origins.empty() || blitz.origins[origin]) && (blitz.categories.empty() || blitz.categories[category]);
  }
  const std::vector<Blitz>* blitzes_;
  std::size_t days_;
  std::vector<int> taken_;  // [(blitz x facilities + facility) x days + day]: daily-count selections so far
  std::size_t facilities_;
  std::vector<std::size_t> active_;
  SimTime slice_from_, slice_to_;
  std::size_t slice_facility_ = 0;
};

}  // namespace cisim
