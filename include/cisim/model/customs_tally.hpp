// SPDX-License-Identifier: MIT
// CustomsTally: the counters of one scope (run, facility, stream, mode, selection reason, blitz, day).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "cisim/model/violation.hpp"
#include "cisim/stats/tally.hpp"

namespace cisim {

/// Every counter the model keeps. The metric catalogue (metric_catalogue.hpp) says what each
/// one counts, its unit and window; reports read them only through it. Kinds of violation
/// follow ViolationKind's order (carrying(k), found(k)).
enum class Count : std::uint8_t {
  Arrivals,
  Items,
  DeMinimis,
  Type86,
  Informal,
  Formal,
  FormalHighRisk,
  BulkEntries,
  BulkCovered,
  BreakbulkParcels,
  SplitOrders,
  Rerouted,
  PostRefused,
  CarryingAny,
  CarryingCounterfeit,
  CarryingUndervaluation,
  CarryingMisdescription,
  CarryingProhibited,
  CarryingAgricultural,
  SelectedBlitz,
  SelectedTargeted,
  SelectedRandom,
  SelectedReleaseProgram,
  SelectedFormalEntryRule,
  SelectedAudit,
  SelectedNotInspected,
  Inspected,
  BulkEntriesInspected,
  ItemsSampled,
  FoundAny,
  FoundCounterfeit,
  FoundUndervaluation,
  FoundMisdescription,
  FoundProhibited,
  FoundAgricultural,
  Seized,
  IprSeized,
  Abandoned,
  Released,
  Leakage,
  CounterfeitInterdicted,
  LotsDestroyed,
  UnitsDestroyed,
};
inline constexpr std::size_t kCounts = static_cast<std::size_t>(Count::UnitsDestroyed) + 1;

/// Every sum of money the model keeps (USD).
enum class Sum : std::uint8_t { DutiesCollectedUsd, DutiesForgoneUsd, BulkDutyAvoidedUsd, PenaltiesUsd };
inline constexpr std::size_t kSums = static_cast<std::size_t>(Sum::PenaltiesUsd) + 1;

/// Every per-shipment duration the model keeps (hours; mean, sd, min and max).
enum class Per : std::uint8_t { WaitHours, DwellHours };
inline constexpr std::size_t kPers = static_cast<std::size_t>(Per::DwellHours) + 1;

constexpr Count carrying(ViolationKind k) { return static_cast<Count>(static_cast<int>(Count::CarryingCounterfeit) + static_cast<int>(k)); }
constexpr Count found(ViolationKind k) { return static_cast<Count>(static_cast<int>(Count::FoundCounterfeit) + static_cast<int>(k)); }

/// Plain counters, sums and per-shipment tallies over the shipments of one scope. Held as
/// arrays indexed by the enums above, so merging and every output loop over all of them:
/// a new counter cannot be forgotten in one of them.
struct CustomsTally {
  std::array<std::uint64_t, kCounts> counts{};
  std::array<double, kSums> sums{};
  std::array<Tally, kPers> pers{};

  std::uint64_t& operator[](Count c) { return counts[static_cast<std::size_t>(c)]; }
  std::uint64_t operator[](Count c) const { return counts[static_cast<std::size_t>(c)]; }
  double& operator[](Sum s) { return sums[static_cast<std::size_t>(s)]; }
  double operator[](Sum s) const { return sums[static_cast<std::size_t>(s)]; }
  Tally& operator[](Per p) { return pers[static_cast<std::size_t>(p)]; }
  const Tally& operator[](Per p) const { return pers[static_cast<std::size_t>(p)]; }

  /// Adds another scope's counts (scopes are unions of cells).
  void merge(const CustomsTally& o);

  /// a / b; undefined (NaN) when b is 0: a rate over no shipments is not 0% (decision 0015).
  double ratio(Count a, Count b) const {
    const std::uint64_t d = (*this)[b];
    return d > 0 ? static_cast<double>((*this)[a]) / static_cast<double>(d) : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace cisim
