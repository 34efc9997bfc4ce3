// SPDX-License-Identifier: MIT
// Report: results across replications as a table, CSV or JSON, in a stable order with fixed precision.
#pragma once

#include <string>
#include <vector>

#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/stats/replication_summary.hpp"

namespace cisim {

/// One reported metric of one scope summarised over replications.
struct MetricSummary {
  std::string scope;       ///< a scope kind: "run", "facility", "stream", "mode", "selection", "blitz", "blitz_window"
  std::string scope_name;  ///< "all" for the run, else the id
  std::string metric;      ///< for example "wait_hours_mean"
  std::string unit;        ///< from the metric catalogue: "h", "shipments", "officers", "fraction", ...
  std::string kind;        ///< from the metric catalogue: "count", "rate", "time-weighted", ...
  std::vector<double> values;  ///< one per replication
  ReplicationSummary summary;
};

/// Everything a report needs: where the run came from, and its metrics.
struct Report {
  std::string version;
  /// Names this run in every output file: FNV-1a 64 of version, scenario content hash, seed,
  /// replications and overrides, so the files of one run are recognised as a set.
  std::string run_id;
  std::string scenario_path;
  std::string scenario_name;
  std::string scenario_description;
  std::string content_hash;
  std::uint64_t seed = 0;
  int replications = 0;
  std::string horizon;
  std::string warmup;
  std::vector<Override> overrides;
  std::string start_date;  ///< YYYY-MM-DD of day 0
  /// Scopes in the order run, facilities, streams, modes, selection reasons, blitzes, blitz
  /// windows (each in scenario order); within a scope, catalogue order.
  std::vector<MetricSummary> metrics;
  /// What an analyst must not miss: selections that outran the officers, with where and when.
  std::vector<std::string> warnings;
  /// Daily series per facility (the catalogue's "day" metrics), mean over replications.
  struct DailyValue {
    std::size_t day;
    std::string facility;
    std::string metric;
    double value;
  };
  std::vector<DailyValue> daily;
};

Report make_report(const LoadedScenario& loaded, const RunResults& results);

/// The metric `metric` of scope `scope` / `name` ("run" / "all", "facility" / an id, ...), or null.
const MetricSummary* find_metric(const Report& r, const std::string& scope, const std::string& name, const std::string& metric);

/// The table an analyst pastes into a memo: one block per facility.
std::string format_table(const Report& report);
/// Summary rows: scope, scope_name, metric, unit, mean, sd, ci95_low, ci95_high, n.
std::string format_summary_csv(const Report& report);
/// Tidy per-replication rows: run_id, replication, scope, scope_name, metric, value (metrics.csv).
std::string format_metrics_csv(const Report& report);
/// summary.json: run metadata, then every metric with mean, sd, ci95 and n.
std::string format_json(const Report& report);
/// timeseries.csv: run_id, day, facility, metric, value (mean over replications).
std::string format_timeseries_csv(const Report& report);

}  // namespace cisim
