// SPDX-License-Identifier: MIT
// CustomsResult: one replication's tallies per scope, officer time, and queue statistics.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/customs_tally.hpp"
#include "cisim/model/officer_pool_recorder.hpp"
#include "cisim/model/officer_time_recorder.hpp"
#include "cisim/model/per_shipment_reason.hpp"
#include "cisim/model/shipment_record.hpp"

namespace cisim {

/// One replication's results, over the measured window (after the warm-up). Which window
/// each counter uses (arrival or event time) is in the metric catalogue.
struct CustomsResult {
  CustomsTally run;
  std::vector<CustomsTally> facilities;
  std::vector<CustomsTally> streams;
  std::array<CustomsTally, kModes> modes;
  /// By selection reason, in SelectionReason order from Blitz (kSelectionReasonNames).
  std::array<CustomsTally, kSelectionReasons> selections;
  /// By origin (as shipped), event-side counts only.
  std::vector<CustomsTally> origins;
  /// The random audit's selections by entry channel (EntryKind, kEntryKindNames), event-side.
  std::array<CustomsTally, kEntryKinds> audit_channels;
  /// What each blitz measured: its own selections and their outcomes, and the arrivals it
  /// could select (in its window, at its facilities, of its origins and categories).
  std::vector<CustomsTally> blitzes;
  CustomsTally all_blitzes;  ///< the union of the blitzes' own scopes, each shipment once
  /// Everything at a blitz's facilities on its days, whatever selected it.
  std::vector<CustomsTally> blitz_windows;
  CustomsTally all_blitz_windows;
  /// daily[day][facility]; days counted from the start of the run.
  std::vector<std::vector<CustomsTally>> daily;

  /// Officer time per facility over its active days (days with traffic or work), per blitz
  /// over its window at its facilities, over every facility's active days, and per day.
  std::vector<OfficerTime> facility_officers;
  std::vector<OfficerTime> blitz_officers;
  OfficerTime all_blitz_officers;
  OfficerTime all_officers;
  std::vector<std::vector<OfficerTime>> daily_officers;  ///< [day][facility]
  /// Wait quantiles and counts per facility over the measured window.
  std::vector<FacilityQueueStats> queues;
  std::uint64_t events_processed = 0;
  /// Shipments over the whole horizon (warm-up included), and those of them the aggregated
  /// path counted by class instead of drawing one by one (0 on the per-shipment path).
  std::uint64_t shipments_arrived = 0;
  std::uint64_t shipments_counted_by_class = 0;
  /// Of shipments_arrived: those entered one by one, by the reason their stream or hour kept
  /// the per-shipment path (per_shipment_rules()).
  PerShipmentCounts drawn_one_by_one{};
};

}  // namespace cisim
