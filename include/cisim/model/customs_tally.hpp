// SPDX-License-Identifier: MIT
// CustomsTally: counts and sums over the shipments of one scope (run, facility, stream, blitz, day).
#pragma once

#include <array>
#include <cstdint>

#include "cisim/model/violation.hpp"
#include "cisim/stats/tally.hpp"

namespace cisim {

/// Plain counters; the rates of the report are ratios of these (docs/model.md, "Metrics").
/// Both what inspectors measure (found_*) and the hidden truth (carrying_*) are kept.
struct CustomsTally {
  std::uint64_t arrivals = 0;
  std::uint64_t items = 0;             ///< items in the arrived shipments
  std::uint64_t de_minimis = 0;        ///< released from manifest or Type 86
  std::uint64_t type86 = 0;            ///< de minimis with advance data
  std::uint64_t informal = 0;
  std::uint64_t formal = 0;
  std::uint64_t formal_high_risk = 0;  ///< formal because of the high-risk rule, whatever the value
  std::uint64_t bulk_entries = 0;      ///< lots entered in bulk by a fulfillment center (ultimate consignee)
  std::uint64_t bulk_entries_inspected = 0;
  std::uint64_t bulk_covered = 0;      ///< parcels of goods already entered in bulk: no de minimis, no duty
  std::uint64_t breakbulk_parcels = 0; ///< parcels of a fulfillment center's lot entered on their own
  std::uint64_t split_orders = 0;      ///< orders sent as several parcels to stay under the threshold
  double bulk_duty_avoided_usd = 0.0;  ///< duty that bulk entries would have paid on lots sent as parcels
  std::uint64_t lots_destroyed = 0;    ///< identical goods destroyed at centers after a seizure
  std::uint64_t units_destroyed = 0;
  std::uint64_t items_sampled = 0;     ///< items opened by lot sampling
  std::uint64_t carrying_any = 0;      ///< shipments with at least one violation
  std::array<std::uint64_t, kViolationKinds> carrying{};
  std::uint64_t selected_targeted = 0;
  std::uint64_t selected_random = 0;
  std::uint64_t selected_blitz = 0;
  std::uint64_t selected_release_program = 0;  ///< by a CSP-1 plan (screening or sampling)
  std::uint64_t selected_not_inspected = 0;  ///< released because the waiting line was full
  std::uint64_t inspected = 0;
  std::uint64_t found_any = 0;
  std::array<std::uint64_t, kViolationKinds> found{};
  std::uint64_t seized = 0;
  std::uint64_t abandoned = 0;
  std::uint64_t released = 0;
  std::uint64_t leakage = 0;                 ///< released while carrying a violation
  std::uint64_t counterfeit_interdicted = 0;  ///< counterfeit shipments seized or abandoned
  double duties_collected_usd = 0.0;
  double duties_forgone_usd = 0.0;
  double penalties_usd = 0.0;
  Tally dwell_hours;  ///< arrival to release, inspected shipments

  /// Adds another scope's counts (scopes are unions of day-and-stream cells).
  void merge(const CustomsTally& o);

  double discrepancy_rate() const { return ratio(found_any, inspected); }
  double counterfeit_rate() const { return ratio(found[0], inspected); }
  double true_discrepancy_prevalence() const { return ratio(carrying_any, arrivals); }
  double true_counterfeit_prevalence() const { return ratio(carrying[0], arrivals); }
  double counterfeit_interdiction_rate() const { return ratio(counterfeit_interdicted, carrying[0]); }

 private:
  static double ratio(std::uint64_t a, std::uint64_t b) { return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }
};

}  // namespace cisim
