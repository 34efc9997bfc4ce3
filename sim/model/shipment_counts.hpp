// SPDX-License-Identifier: MIT
// What a shipment, or a class of like shipments, adds to a tally at arrival and on release.
#pragma once

#include <cstdint>

#include "cisim/model/customs_tally.hpp"
#include "cisim/model/entry_rules.hpp"
#include "cisim/model/shipment_record.hpp"

namespace cisim {

/// The facts about a shipment's arrival that its arrival-side counts depend on.
struct ArrivalFacts {
  bool refused = false;     ///< refused at the border (EO 13904 measures): no entry
  bool covered = false;     ///< a parcel of a lot entered in bulk: counted with the lot
  bool de_minimis = false;
  bool type86 = false;      ///< a Type 86 entry, when de minimis (de_minimis_kind)
  bool informal = false;    ///< else formal, when neither covered nor de minimis
  bool high_risk = false;   ///< formal under the high-risk rule
  bool bulk_entry = false;
  bool breakbulk = false;
  bool rerouted = false;
  ViolationSet carried = 0;
};

/// The arrival facts of a shipment (or a class of them) entered as `d`: the one place they are
/// built from an entry decision. The per-shipment path adds what only it knows (a refusal at
/// the border, a lot entered in bulk, a break-bulk parcel, a reroute).
inline ArrivalFacts arrival_facts(const EntryDecision& d, bool type86, bool high_risk, ViolationSet carried) {
  ArrivalFacts a;
  a.covered = d.covered;
  a.de_minimis = d.de_minimis;
  a.type86 = type86;
  a.informal = d.informal;
  a.high_risk = high_risk;
  a.carried = carried;
  return a;
}

/// The arrival-side counts of `shipments` shipments alike in `a`, with `items` items in all
/// and `duty_usd` of duty in all (collected, or forgone under de minimis). The one place
/// they are counted: the per-shipment path passes one shipment, the aggregated path a class.
inline void count_arrivals(CustomsTally& t, const ArrivalFacts& a, std::uint64_t shipments, std::uint64_t items,
                           double duty_usd) {
  t[Count::Arrivals] += shipments;
  if (a.refused) {
    t[Count::PostRefused] += shipments;  // no entry: neither duty-free nor dutiable
  } else if (a.covered) {
    t[Count::BulkCovered] += shipments;  // its items were counted with its bulk entry
  } else {
    t[Count::Items] += items;
    if (a.de_minimis) {
      t[Count::DeMinimis] += shipments;
      if (a.type86) t[Count::Type86] += shipments;
      t[Sum::DutiesForgoneUsd] += duty_usd;
    } else {
      t[a.informal ? Count::Informal : Count::Formal] += shipments;
      if (a.high_risk) t[Count::FormalHighRisk] += shipments;
      t[Sum::DutiesCollectedUsd] += duty_usd;
    }
  }
  if (a.bulk_entry) t[Count::BulkEntries] += shipments;
  if (a.breakbulk) t[Count::BreakbulkParcels] += shipments;
  if (a.rerouted) t[Count::Rerouted] += shipments;
  if (a.carried) {
    t[Count::CarryingAny] += shipments;
    for (int k = 0; k < kViolationKinds; ++k) {
      if (contains(a.carried, static_cast<ViolationKind>(k))) t[carrying(static_cast<ViolationKind>(k))] += shipments;
    }
  }
}

/// The count of selections for `reason`.
constexpr Count selected_count(SelectionReason reason) {
  switch (reason) {
    case SelectionReason::Blitz: return Count::SelectedBlitz;
    case SelectionReason::Targeted: return Count::SelectedTargeted;
    case SelectionReason::ReleaseProgram: return Count::SelectedReleaseProgram;
    case SelectionReason::FormalEntryRule: return Count::SelectedFormalEntryRule;
    case SelectionReason::Audit: return Count::SelectedAudit;
    default: return Count::SelectedRandom;
  }
}

/// The release of `shipments` shipments, of which `leaked` still carry a violation not found.
inline void count_releases(CustomsTally& t, std::uint64_t shipments, std::uint64_t leaked) {
  t[Count::Released] += shipments;
  t[Count::Leakage] += leaked;
}

}  // namespace cisim
