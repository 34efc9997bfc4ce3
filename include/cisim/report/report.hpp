// SPDX-License-Identifier: MIT
// Report: results across replications as a table, CSV or JSON, in a stable order with fixed precision.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cisim/report/transient.hpp"
#include "cisim/report/text_table.hpp"
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
  std::string scenario_question;  ///< the scenario's `question`, or empty
  std::string scenario_effective;  ///< the scenario as run (includes merged, overrides applied), as YAML
  std::string content_hash;
  std::uint64_t seed = 0;
  int replications = 0;
  std::string horizon;
  std::string warmup;
  std::string spin_up;  ///< simulated before start_date, never measured ("0s": none)
  /// Which path ran: "aggregated" (the default) or "exact" (every shipment drawn), the
  /// scenario's `simulation`. Said in every output: the two agree in distribution, not draw
  /// for draw, so a comparison across them pairs no random numbers.
  std::string simulation;
  /// Of all shipments (warm-up included, summed over replications), the share the aggregated
  /// path counted by class without drawing them one by one: 0 on the exact path, and also on
  /// the aggregated path where no stream or hour qualifies (docs/performance.md), so that a
  /// reader sees how much of the run the aggregation covered.
  double counted_by_class = 0.0;
  /// Why the rest was drawn one by one: each reason that applied (per_shipment_rules(), in
  /// the table's order) with its share of all shipments. Selected shipments of hours counted
  /// by class are drawn one by one too, and are in neither share.
  struct DrawnReason {
    std::string id;
    std::string text;
    double share = 0.0;
  };
  std::vector<DrawnReason> drawn_one_by_one;
  std::vector<Override> overrides;
  std::string start_date;  ///< YYYY-MM-DD of day 0, as the scenario wrote it (after any spin-up)
  /// The measured window: from the end of the warm-up to the horizon, in days (may be fractional).
  double measured_days = 0.0;
  std::string measured_from;  ///< YYYY-MM-DD of the first measured day
  std::string measured_to;    ///< YYYY-MM-DD of the last measured day
  /// Facility ids and the names reports show for them (`display_name`, else the id), in scenario order.
  std::vector<std::pair<std::string, std::string>> facility_names;
  /// Scopes in the order run, facilities, streams, modes, origins, selection reasons, blitzes,
  /// blitz windows (each in scenario order); within a scope, catalogue order.
  std::vector<MetricSummary> metrics;
  /// What an analyst must not miss: selections that outran the officers, with where and when.
  std::vector<std::string> warnings;
  /// Daily series per facility (the catalogue's "day" metrics) over the days that overlap
  /// the measured window: per replication and summarised.
  struct DailyValue {
    std::size_t day;     ///< days since start_date
    std::string date;    ///< YYYY-MM-DD
    bool partial = false;  ///< the day is cut by the end of the warm-up or by the horizon
    std::string facility;
    std::string metric;
    std::string unit;
    std::vector<double> values;  ///< one per replication
    ReplicationSummary summary;
  };
  std::vector<DailyValue> daily;
  /// MSER-5 on the whole run's daily series of the measured window (kTransientSeries), and
  /// whether each holds a transient (a warning says so).
  std::vector<TransientCheck> transients;
  /// The name a report shows for a scope: a facility's display name, else `scope_name`.
  std::string display_name(const std::string& scope, const std::string& scope_name) const;
  /// The path that ran, as every text output says it: "exact (every shipment drawn)",
  /// "aggregated (99.96% of shipments counted by class)", or, where nothing qualified,
  /// "aggregated (no stream or hour qualified: every shipment drawn)".
  std::string simulation_summary() const;
  /// Why shipments were drawn one by one, as one sentence ("Drawn one by one: 37.04% of
  /// shipments because the formal-entry rule is on; ..."); empty on the exact path, whose
  /// summary says so already, and when every shipment was counted by class.
  std::string drawn_one_by_one_summary() const;
};

Report make_report(const LoadedScenario& loaded, const RunResults& results);

/// The metric `metric` of scope `scope` / `name` ("run" / "all", "facility" / an id, ...), or null.
const MetricSummary* find_metric(const Report& r, const std::string& scope, const std::string& name, const std::string& metric);

/// The metrics of one scope kind by instance and metric, for tables that look up many of them:
/// find_metric scans the report, so a row per facility made tables quadratic in facilities.
class ScopeMetrics {
 public:
  ScopeMetrics(const Report& r, const std::string& scope);
  const MetricSummary* find(const std::string& name, const std::string& metric) const;

 private:
  std::unordered_map<std::string, const MetricSummary*> by_key_;  // "name\x1fmetric"
};

/// A metric as tables name it: its catalogue label and unit ("Wait for inspection, mean (h)"),
/// or its name when the catalogue has none.
std::string metric_label(std::string_view metric);
/// Whether tables show the metric as a part of the row above, indented ("of which Type 86"):
/// its label starts in lower case.
bool is_part_metric(std::string_view metric);

/// The headline table, shared by the terminal, Markdown and HTML reports: the catalogue's
/// headline metrics (rows that are zero everywhere dropped) for the whole run and what the
/// blitzes measured; cells are formatted by format_estimate.
struct HeadlineTable {
  struct Row {
    std::string metric;
    std::string label;  ///< catalogue label and unit
    bool part = false;  ///< a part of the row above ("of which Type 86")
    std::vector<std::string> cells;
  };
  std::vector<std::string> columns;  ///< "whole run", "all blitzes" or "blitz ID"
  std::vector<Row> rows;
};
HeadlineTable headline_table(const Report& report);

/// The table an analyst pastes into a memo (Text) or into a Markdown document (Markdown):
/// the same rows and numbers either way (docs/cli.md).
std::string format_table(const Report& report, TableStyle style = TableStyle::Text);
/// summary.csv: run_id, scope, scope_name, metric, label, unit, mean, sd, ci95_low, ci95_high, n, description.
std::string format_summary_csv(const Report& report);
/// metrics.csv, tidy per replication: run_id, replication, scope, scope_name, metric, unit, value.
std::string format_metrics_csv(const Report& report);
/// summary.json: run metadata, then every metric with mean, sd, ci95 and n.
std::string format_json(const Report& report);
/// timeseries.csv, summarised: run_id, date, day, partial_day, facility, metric, unit, mean, sd, ci95_low, ci95_high, n.
std::string format_timeseries_csv(const Report& report);
/// timeseries_replications.csv, tidy: run_id, date, day, partial_day, facility, metric, unit, replication, value.
std::string format_timeseries_replications_csv(const Report& report);

}  // namespace cisim
