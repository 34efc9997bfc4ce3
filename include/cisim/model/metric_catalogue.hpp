// SPDX-License-Identifier: MIT
// The metric catalogue: every reported metric declared once, with its unit, kind, window and scopes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cisim/model/customs_tally.hpp"
#include "cisim/model/officer_pool_recorder.hpp"
#include "cisim/model/officer_time_recorder.hpp"

namespace cisim {

/// The kinds of scope a metric is reported for (docs/metrics.md).
enum class Scope : std::uint8_t { Run, Facility, Stream, Mode, Selection, Blitz, BlitzWindow, Day, Origin, AuditChannel, FiscalYear, Month };
inline constexpr std::size_t kScopeKinds = 12;
/// The names used in every output's "scope" column ("day" is timeseries.csv).
std::string_view scope_name(Scope s);

/// A set of Scope values.
using ScopeSet = std::uint16_t;
constexpr ScopeSet scope_bit(Scope s) { return static_cast<ScopeSet>(1u << static_cast<unsigned>(s)); }
constexpr bool has_scope(ScopeSet set, Scope s) { return (set & scope_bit(s)) != 0; }

enum class MetricKind : std::uint8_t { Count, Amount, Rate, Mean, TimeWeighted, Quantile, Level };
enum class Window : std::uint8_t { Arrival, Event, Time };

/// What one scope of one replication holds: counters always; officer time where the scope
/// has officers (facility, blitz, day, run); queue statistics for a facility.
struct ScopeData {
  const CustomsTally* tally = nullptr;
  const OfficerTime* officers = nullptr;
  const FacilityQueueStats* queue = nullptr;
};

/// One reported metric. `value` reads it from a scope; it is only called for the scopes in
/// `scopes`, which always provide what it reads.
struct MetricDefinition {
  std::string_view name;
  std::string_view label;  ///< plain words for tables, reports and charts ("Discrepancy rate, measured")
  std::string_view unit;  ///< "shipments", "fraction", "USD", "h", "officers", ...
  MetricKind kind;
  Window window;
  ScopeSet scopes;
  bool headline;  ///< a row of the terminal table
  std::string_view description;
  double (*value)(const ScopeData&);
};

/// Every metric, in report order.
const std::vector<MetricDefinition>& metric_catalogue();
/// The catalogue entry named `name`, or null.
const MetricDefinition* find_metric_definition(std::string_view name);

std::string_view kind_name(MetricKind k);
std::string_view window_name(Window w);

/// docs/metrics.md: the catalogue as Markdown (tests compare the file with it).
std::string format_metric_reference();

}  // namespace cisim
