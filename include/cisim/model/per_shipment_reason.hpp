// SPDX-License-Identifier: MIT
// PerShipmentReason: the one table of why a stream or an hour keeps the per-shipment path.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "cisim/model/customs_config.hpp"

namespace cisim {

class SellerMarket;

/// Why shipments were drawn one by one instead of counted by class (docs/performance.md,
/// "The aggregated path"). Each reason is one row of kPerShipmentRules, in the order the
/// rows are tried: a stream or hour is listed under the first row that applies.
enum class PerShipmentReason : std::uint8_t {
  Exact,
  FulfillmentCenter,
  ReleaseProgram,
  LotSampling,
  Displacement,
  ArrivalBatches,
  SeveralItems,
  SellerExclusion,
  RankedLine,
  ValuesNotLognormal,
  UndervaluesToNothing,
  // Per hour, in a stream that may be aggregated:
  BlitzInForce,
  WarmupEnds,
  PostQuarterEnds,
  FewShipments,
  DeMinimisRulesChange,  // last: asking it builds the stream's classes
};
inline constexpr std::size_t kPerShipmentReasons = 16;

/// What decides whether a stream may be aggregated at all.
struct StreamFacts {
  const CustomsModelConfig* config = nullptr;
  std::uint32_t stream = 0;
  const SellerMarket* sellers = nullptr;
  bool displaced = false;    ///< violator displacement moves or counts its shipments
};

/// What decides whether one hour of an aggregated stream may be counted by class.
struct HourFacts {
  double expected_shipments = 0.0;
  bool blitz_in_force = false;  ///< a blitz may select at the stream's facility in the hour
  bool warmup_ends = false;     ///< the end of the warm-up falls strictly inside the hour
  bool rules_change = false;    ///< de minimis eligibility changes inside the hour
  bool post_quarter_ends = false;  ///< a scored post's quarter (EO 13904) ends inside the hour
};

/// One row: its reason, a stable id (summary.json, Python), the text the report shows after
/// "because", and the test that decides it (exactly one of the two is set).
struct PerShipmentRule {
  PerShipmentReason reason;
  std::string_view id;
  std::string_view text;
  bool (*stream_test)(const StreamFacts&);
  bool (*hour_test)(const HourFacts&);
};

/// Every row, in the order they are tried (stream rows first). The conformance test
/// (tests/model/per_shipment_reason_test.cpp) runs a scenario for each.
std::span<const PerShipmentRule> per_shipment_rules();
const PerShipmentRule& per_shipment_rule(PerShipmentReason reason);

/// The first stream row that applies, or empty when the stream may be aggregated.
std::optional<PerShipmentReason> stream_per_shipment_reason(const StreamFacts& facts);
/// The first hour row that applies, or empty when the hour may be counted by class.
std::optional<PerShipmentReason> hour_per_shipment_reason(const HourFacts& facts);

/// Shipments drawn one by one, per reason (indexed by the enum).
using PerShipmentCounts = std::array<std::uint64_t, kPerShipmentReasons>;

}  // namespace cisim
