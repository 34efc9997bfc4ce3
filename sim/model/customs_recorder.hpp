// SPDX-License-Identifier: MIT
// CustomsRecorder: counts each observation once into a cell and sums cells into the report's scopes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "cisim/model/blitz_calendar.hpp"
#include "cisim/model/customs_config.hpp"
#include "cisim/model/customs_result.hpp"
#include "cisim/model/officer_time_recorder.hpp"
#include "cisim/model/shipment_record.hpp"

namespace cisim {

/// Every count goes to one cell, (day, stream, lane), where the lane is "not selected" or
/// the shipment's selection reason, and only when it happens in the measured window: an
/// arrival-side count (arrivals, entries, violations carried, duties at entry) by its arrival,
/// an event-side count (selection, inspection, outcome, release) by the time of the event.
/// The scopes of the report are unions of cells, summed once at the end (a stream belongs to
/// one facility and one mode, and blitz windows are whole days), except each blitz's own
/// scope, which is counted directly: a blitz's selections and the arrivals it could select.
/// One update per shipment instead of one per scope is what keeps national runs fast.
/// A recorder of a model partition keeps cells for its own streams only; the recorder of
/// the whole model takes each part's cells (absorb) before finish.
class CustomsRecorder {
 public:
  /// Cells for `streams` (ascending stream indices); counts of other streams are a bug.
  CustomsRecorder(const CustomsModelConfig& config, std::size_t days, const std::vector<std::uint32_t>& streams);
  /// Cells for every stream of the model.
  CustomsRecorder(const CustomsModelConfig& config, std::size_t days);

  /// Counts before `t` belong to the warm-up and are not kept.
  void measure_from(SimTime t) { measured_from_ = t; }

  /// An arrival-side count of shipment `r`, made at its arrival; also in the scope of each
  /// blitz in `eligible` (those that could select it).
  template <class Update>
  void at_arrival(const ShipmentRecord& r, const std::vector<std::size_t>& eligible, Update&& update) {
    if (r.arrived < measured_from_) return;
    update(cell(r.arrived, r.stream, 0));
    if (eligible.empty()) return;
    for (const std::size_t b : eligible) update(blitzes_[b]);
    update(all_blitzes_);
  }
  template <class Update>
  void at_arrival(const ShipmentRecord& r, Update&& update) {
    if (r.arrived >= measured_from_) update(cell(r.arrived, r.stream, 0));
  }

  /// An event-side count of shipment `r` at time `t`, in the lane of its selection reason,
  /// and in its blitz's own scope when a blitz selected it.
  template <class Update>
  void at_event(const ShipmentRecord& r, SimTime t, Update&& update) {
    if (t < measured_from_) return;
    update(cell(t, r.stream, lane_of(r.reason)));
    update(origins_[r.origin]);
    if (r.reason == SelectionReason::Audit) [[unlikely]] update(audit_channels_[static_cast<std::size_t>(r.entry)]);
    if (r.blitz == kNoBlitz) return;
    update(blitzes_[static_cast<std::size_t>(r.blitz)]);
    update(all_blitzes_);
  }

  /// Takes the counts of a partition's recorder: its streams' cells, and its blitz scopes
  /// when `with_blitzes` (the partition holding the blitzed facilities). Each cell is
  /// copied, not added, so the whole equals a run of the whole model exactly. The origin
  /// scopes span partitions: they are added, in the order the parts are absorbed.
  void absorb(const CustomsRecorder& part, bool with_blitzes);

  /// The scopes of one replication, with each facility's officer time per day.
  void finish(const BlitzCalendar& calendar, const std::vector<const OfficerTimeRecorder*>& officers, CustomsResult& out) const;

 private:
  CustomsTally& cell(SimTime t, std::uint32_t stream, std::size_t lane) {
    // Counts come in time order within a part, so the day of the last count is nearly always
    // the day of this one: no division then.
    if (t < day_from_ || t >= day_to_) find_day(t);
    return cells_[(day_ * streams_ + local_[stream]) * kLanes + lane];
  }
  void find_day(SimTime t) {
    // An event exactly at the horizon belongs to the last day.
    day_ = std::min(day_index(t), days_ - 1);
    day_from_ = SimTime::start() + Duration::days(static_cast<std::int64_t>(day_));
    day_to_ = day_ + 1 == days_ ? SimTime::max() : day_from_ + Duration::days(1);
  }
  const CustomsModelConfig* config_;
  std::size_t days_;
  std::vector<std::uint32_t> recorded_;  // the streams with cells, ascending
  std::vector<std::uint32_t> local_;     // per stream of the model: its index in recorded_
  std::size_t streams_;                  // recorded_.size()
  SimTime measured_from_;
  std::vector<CustomsTally> cells_;  // [(day x streams_ + local stream) x lanes + lane]
  std::vector<CustomsTally> blitzes_;
  CustomsTally all_blitzes_;
  std::vector<CustomsTally> origins_;  // per origin (as shipped), event-side counts
  std::array<CustomsTally, kEntryKinds> audit_channels_;  // the audit's, per entry channel
  std::size_t day_ = 0;                          // the day of [day_from_, day_to_)
  SimTime day_from_ = SimTime::max(), day_to_ = SimTime::max();
};

}  // namespace cisim
