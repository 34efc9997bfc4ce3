// SPDX-License-Identifier: MIT
// ShipmentRecord: what the customs model keeps of one shipment, and why it was selected.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/violation.hpp"

namespace cisim {

inline constexpr std::uint32_t kNoSeller = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t kNoLot = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::int16_t kNoBlitz = -1;

/// Why a shipment was selected for inspection. None: not selected (released on arrival);
/// Pending: a release program decides when it is presented. The reasons from Blitz to
/// Audit are the "selection" scopes of the report, in this order.
enum class SelectionReason : std::uint8_t { None, Blitz, Targeted, Random, ReleaseProgram, FormalEntryRule, Audit, Pending };
inline constexpr std::size_t kSelectionReasons = 6;
inline constexpr std::array<std::string_view, kSelectionReasons> kSelectionReasonNames{
    "blitz", "targeted", "random", "release_program", "formal_entry_rule", "audit"};
/// Cells of the recorder per (day, stream): not selected, then one per reason.
inline constexpr std::size_t kLanes = kSelectionReasons + 1;
constexpr std::size_t lane_of(SelectionReason r) { return r == SelectionReason::Pending ? 0 : static_cast<std::size_t>(r); }

/// How a shipment is entered: on its own, as a parcel of a fulfillment center's lot (on its
/// own too), as a lot entered in bulk by the center, or as a parcel of a lot so entered.
enum class Entry : std::uint8_t { Own, BreakBulkParcel, BulkEntry, BulkCovered };

/// How a shipment was entered (--trace): de minimis (released from its manifest, or a Type 86
/// entry), informal, formal (by value, or by the high-risk rule), a lot in bulk, a parcel so
/// covered, or de minimis as an item of international mail (a stream entered as `postal`).
enum class EntryKind : std::uint8_t { DeMinimis, Type86, Informal, Formal, FormalHighRisk, BulkEntry, BulkCovered, Postal };
inline constexpr std::size_t kEntryKinds = 8;
inline constexpr std::array<std::string_view, kEntryKinds> kEntryKindNames{
    "de_minimis", "type86", "informal", "formal", "formal_high_risk", "bulk_entry", "bulk_covered", "postal"};

/// A shipment while the model needs it: from arrival to release for a selected one, only
/// during its arrival for the others (they are counted and dropped).
struct ShipmentRecord {
  SimTime arrived;
  double true_value_usd = 0.0;
  double declared_value_usd = 0.0;
  std::uint32_t stream = 0;        ///< the stream it arrives on (a moved violator: its route)
  std::uint32_t drawn_stream = 0;  ///< the stream it was drawn from, whose seller sent it
  std::uint32_t seller = kNoSeller;
  std::uint32_t lot = kNoLot;    ///< the fulfillment-center lot it came from, if any
  std::uint32_t items = 1;
  std::uint16_t category = 0;
  std::uint16_t origin = 0;
  std::int16_t blitz = kNoBlitz;  ///< the blitz that selected it, if any
  ViolationSet carried = 0;
  SelectionReason reason = SelectionReason::None;
  std::uint8_t method = 0;
  bool bulk_entry = false;
  EntryKind entry = EntryKind::DeMinimis;
  float waited_hours = 0.0f;  ///< in the inspection line, once started (for the trace)
  double score = 0.0;  ///< a targeted selection's score (logit) in a risk-ranked line
};

}  // namespace cisim
