// SPDX-License-Identifier: MIT
// Report formatting: the table, CSV and JSON, with fixed rules so output is byte-stable.
#include "cisim/report/report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>

#include <fmt/core.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/base/assert.hpp"
#include "report/csv_field.hpp"
#include "cisim/report/json_estimate.hpp"
#include "cisim/report/number_format.hpp"

namespace cisim {
namespace {

const MetricDefinition& definition(std::string_view metric) {
  const MetricDefinition* def = find_metric_definition(metric);
  CISIM_ASSERT(def != nullptr, "a report names a metric the catalogue does not declare");
  return *def;
}

// A column header from the catalogue: label and unit, broken after the comma so that the
// terminal table stays narrow ("Discrepancy rate,\nmeasured").
std::string header_of(std::string_view metric) {
  const MetricDefinition& def = definition(metric);
  std::string label{def.label};
  if (const auto comma = label.find(", "); comma != std::string::npos) label.replace(comma, 2, ",\n");
  return label + unit_suffix(def.unit);
}

std::string cell(const MetricSummary& m) { return format_estimate(m.summary.mean, m.summary.half_width, m.unit); }

// Rows of the headline table: the catalogue's headline metrics, in its order; rows that are
// zero everywhere are dropped.
std::vector<std::string> headline_metrics() {
  std::vector<std::string> out;
  for (const auto& m : metric_catalogue()) {
    if (m.headline) out.emplace_back(m.name);
  }
  return out;
}

std::string plural(double n, const char* one, const char* many) {
  return fmt::format("{} {}", shortest_number(n), n == 1.0 ? one : many);
}

// One sentence on the transient check, for every text output: none found, found (the warning
// gives the figures), or a window too short to test.
std::string transient_summary(const Report& r) {
  std::vector<std::string> found;
  bool tested = false;
  for (const TransientCheck& c : r.transients) {
    tested = tested || !c.per_replication.empty();
    if (c.detected) found.push_back(fmt::format("{} for the first {} days", c.metric, c.days));
  }
  if (!tested) return "Transient: not tested (the measured window has fewer than 10 whole days).";
  if (found.empty()) return "Transient: none in the measured window (MSER-5 on daily inspected, discrepancies found and seizures).";
  std::string list;
  for (std::size_t i = 0; i < found.size(); ++i) list += (i == 0 ? "" : i + 1 == found.size() ? " and " : ", ") + found[i];
  return fmt::format("Transient in the measured window (MSER-5): {}; see the warning.", list);
}

// The block of one scope kind: a row per scope instance, a column per metric, means only;
// with `shared`, a last column: the row's share of the run's value of that metric (where the
// seizures are, by mode or origin).
TextTable scope_block(const Report& r, const std::string& title, const std::string& scope, const std::vector<std::string>& metrics,
                      const std::string& shared = "", const std::string& shared_header = "") {
  std::vector<std::string> headers{title};
  for (const auto& metric : metrics) headers.push_back(header_of(metric));
  if (!shared.empty()) headers.push_back(shared_header);
  const MetricSummary* all = shared.empty() ? nullptr : find_metric(r, "run", "all", shared);
  const double total = all ? all->summary.mean : 0.0;
  TextTable table{headers};
  const ScopeMetrics of_scope{r, scope};
  for (const auto& m : r.metrics) {
    if (m.scope != scope || m.metric != "inspected") continue;
    // A fulfillment center without officers inspects nothing: it has no row.
    const MetricSummary* officers = of_scope.find(m.scope_name, "officers_on_duty_mean");
    if (scope == "facility" && m.summary.mean == 0.0 && officers && officers->summary.mean == 0.0) continue;
    std::vector<std::string> cells{r.display_name(scope, m.scope_name)};
    for (const auto& metric : metrics) {
      const MetricSummary* x = of_scope.find(m.scope_name, metric);
      cells.push_back(x ? format_value(x->summary.mean, x->unit) : "");
    }
    if (!shared.empty()) {
      const MetricSummary* part = of_scope.find(m.scope_name, shared);
      cells.push_back(part && total > 0.0 ? format_value(part->summary.mean / total, "fraction") : "");
    }
    table.add_row(std::move(cells));
  }
  return table;
}

std::size_t count_scopes(const Report& r, const std::string& scope) {
  return static_cast<std::size_t>(
      std::count_if(r.metrics.begin(), r.metrics.end(), [&](const MetricSummary& m) { return m.scope == scope && m.metric == "inspected"; }));
}

}  // namespace

std::string metric_label(std::string_view metric) {
  const MetricDefinition* def = find_metric_definition(metric);
  return def ? std::string(def->label) + unit_suffix(def->unit) : std::string(metric);
}

bool is_part_metric(std::string_view metric) {
  const MetricDefinition* def = find_metric_definition(metric);
  return def && !def->label.empty() && std::islower(static_cast<unsigned char>(def->label.front()));
}

HeadlineTable headline_table(const Report& r) {
  HeadlineTable h;
  // Columns: the whole run, and what the blitzes measured (their own selections) when there
  // are any (every scope and metric are in --format csv and json).
  std::vector<std::pair<std::string, std::string>> columns{{"run", "all"}};
  if (find_metric(r, "blitz", "all", "arrivals")) {
    columns.emplace_back("blitz", "all");
  } else {
    for (const auto& m : r.metrics) {
      if (m.scope == "blitz" && m.metric == "arrivals") columns.emplace_back("blitz", m.scope_name);
    }
  }
  for (const auto& [scope, name] : columns) h.columns.push_back(scope == "run" ? "whole run" : (name == "all" ? "all blitzes" : "blitz " + name));
  for (const std::string& metric : headline_metrics()) {
    std::vector<const MetricSummary*> row;
    bool any = false;
    for (const auto& [scope, name] : columns) {
      row.push_back(find_metric(r, scope, name, metric));
      if (row.back()) any = any || std::any_of(row.back()->values.begin(), row.back()->values.end(), [](double v) { return v != 0.0 && !std::isnan(v); });
    }
    if (!any) continue;
    HeadlineTable::Row out{metric, metric_label(metric), is_part_metric(metric), {}};
    for (const auto* m : row) out.cells.push_back(m ? cell(*m) : "");
    h.rows.push_back(std::move(out));
  }
  return h;
}

std::string format_table(const Report& r, TableStyle style) {
  const bool md = style == TableStyle::Markdown;
  std::string out;
  const std::string paragraph_end = md ? "\n\n" : "\n";
  out += md ? fmt::format("### {}\n\n", r.scenario_name) : "";
  if (!r.scenario_question.empty()) out += fmt::format("{}{}", r.scenario_question, paragraph_end);
  out += fmt::format("{}{}", r.scenario_description, paragraph_end);
  out += fmt::format("cisim {}, {} ({}, {}), run {}; seed {}, {}; horizon {}, warm-up {}: {} from {} to {}; simulation: {}",
                     r.version, r.scenario_name, r.scenario_path, r.content_hash, r.run_id, r.seed,
                     plural(r.replications, "replication", "replications"), r.horizon, r.warmup,
                     plural(r.measured_days, "measured day", "measured days"), r.measured_from, r.measured_to, r.simulation_summary());
  if (r.overrides.empty()) {
    out += "; no overrides";
  } else {
    out += "; overrides:";
    for (const auto& o : r.overrides) out += fmt::format(" {}={}", o.key, o.value);
  }
  out += paragraph_end;
  if (const std::string drawn = r.drawn_one_by_one_summary(); !drawn.empty()) out += drawn + paragraph_end;
  out += transient_summary(r) + paragraph_end;
  if (r.replications < 2) {
    out += "One replication: values without confidence intervals (they need at least 2).";
  } else {
    out += fmt::format("Mean ± 95% CI half-width over {} replications (Student t); rates in %, their half-widths in percentage points (pp).",
                       r.replications);
  }
  out += "\n\n";
  const std::size_t tables_from = out.size();  // the tables, not the scenario's own text, may hold n/a cells
  const HeadlineTable h = headline_table(r);
  std::vector<std::string> headers{"metric"};
  headers.insert(headers.end(), h.columns.begin(), h.columns.end());
  TextTable headline{headers};
  for (const auto& row : h.rows) {
    std::vector<std::string> cells{row.label};
    cells.insert(cells.end(), row.cells.begin(), row.cells.end());
    headline.add_row(std::move(cells), row.part);
  }
  out += headline.render(style);
  out += '\n';
  out += scope_block(r, "facility", "facility",
                     {"inspected", "officer_utilization", "wait_hours_mean", "wait_hours_p95", "officers_on_duty_mean", "discrepancy_rate"})
             .render(style);
  // What each selection reason measured, and where the seizures are, by mode.
  out += '\n';
  out += scope_block(r, "selection reason", "selection", {"selected", "inspected", "discrepancy_rate", "counterfeit_rate", "seizures"}).render(style);
  out += '\n';
  out += scope_block(r, "mode", "mode", {"arrivals", "inspected", "discrepancy_rate", "seizures"}, "seizures", "Share of\nall seizures").render(style);
  // What the random audit measured in each entry channel (release from manifest, Type 86, ...).
  if (count_scopes(r, "audit_channel") > 0) {
    out += '\n';
    out += scope_block(r, "audit by entry channel", "audit_channel", {"inspected", "discrepancy_rate", "counterfeit_rate"}).render(style);
  }
  if (count_scopes(r, "origin") > 1) {
    out += '\n';
    out += scope_block(r, "origin", "origin", {"selected", "inspected", "counterfeit_rate", "ipr_seizures"}, "ipr_seizures",
                       "Share of all\nIPR seizures").render(style);
  }
  // A run over several fiscal years (a national history) reads year by year.
  if (count_scopes(r, "fiscal_year") > 1) {
    out += '\n';
    out += scope_block(r, "fiscal year", "fiscal_year", {"arrivals", "inspected", "discrepancy_rate", "ipr_seizures",
                       "counterfeit_interdiction_rate"}).render(style);
  }
  out += "\n";
  out += "Measured rates are among inspected shipments (what inspectors report); true rates are among all arrivals (what\n"
         "measurement hides). A blitz column counts the blitz's own selections and the arrivals it could select. Facility,\n"
         "selection and mode blocks show means; officer figures are over each facility's days with traffic or work. Every\n"
         "metric with its interval, per facility, stream, mode, selection reason, blitz, fiscal year and month: --format csv\n"
         "or json, --out DIR, or --report FILE.html (docs/metrics.md).\n";
  if (out.find(std::string{"  "} + kUndefinedText, tables_from) != std::string::npos) {
    out += fmt::format("{}: undefined, a rate or mean over no shipments (none inspected, or none arrived), not 0.\n", kUndefinedText);
  }
  for (const auto& w : r.warnings) out += md ? fmt::format("\n> **Warning:** {}\n", w) : fmt::format("\nwarning: {}\n", w);
  return out;
}

std::string format_summary_csv(const Report& r) {
  std::string out = "run_id,scope,scope_name,metric,label,unit,mean,sd,ci95_low,ci95_high,n,description\n";
  for (const auto& m : r.metrics) {
    const MetricDefinition& def = definition(m.metric);
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", r.run_id, m.scope, csv_field(m.scope_name), m.metric,
                       csv_field(std::string(def.label)), m.unit, shortest_number(m.summary.mean), shortest_number(m.summary.sd),
                       m.summary.low() ? shortest_number(*m.summary.low()) : "", m.summary.high() ? shortest_number(*m.summary.high()) : "",
                       m.summary.n, csv_field(std::string(def.description)));
  }
  return out;
}

std::string format_metrics_csv(const Report& r) {
  std::string out = "run_id,replication,scope,scope_name,metric,unit,value\n";
  for (int rep = 0; rep < r.replications; ++rep) {
    for (const auto& m : r.metrics) {
      out += fmt::format("{},{},{},{},{},{},{}\n", r.run_id, rep, m.scope, csv_field(m.scope_name), m.metric, m.unit,
                         shortest_number(m.values[static_cast<std::size_t>(rep)]));
    }
  }
  return out;
}

// The daily series are the long files (a day x facility x metric row, per replication in the
// second): each row's fields that do not change are formatted once, into a buffer reserved
// for the whole file.
namespace {

void append_daily_key(std::string& out, const Report& r, const Report::DailyValue& d) {
  fmt::memory_buffer key;  // fmt's own buffer: see append_shortest_number
  fmt::format_to(fmt::appender(key), "{},{},{},{},{},{},{},", r.run_id, d.date, d.day, d.partial ? "true" : "false",
                 csv_field(d.facility), d.metric, d.unit);
  out.append(key.data(), key.size());
}

}  // namespace

std::string format_timeseries_csv(const Report& r) {
  std::string out = "run_id,date,day,partial_day,facility,metric,unit,mean,sd,ci95_low,ci95_high,n\n";
  out.reserve(out.size() + r.daily.size() * 128);
  for (const auto& d : r.daily) {
    append_daily_key(out, r, d);
    append_shortest_number(out, d.summary.mean);
    out += ',';
    append_shortest_number(out, d.summary.sd);
    out += ',';
    if (d.summary.low()) append_shortest_number(out, *d.summary.low());
    out += ',';
    if (d.summary.high()) append_shortest_number(out, *d.summary.high());
    out += ',';
    out += std::to_string(d.summary.n);
    out += '\n';
  }
  return out;
}

std::string format_timeseries_replications_csv(const Report& r) {
  std::string out = "run_id,date,day,partial_day,facility,metric,unit,replication,value\n";
  std::size_t rows = 0;
  for (const auto& d : r.daily) rows += d.values.size();
  out.reserve(out.size() + rows * 96);
  std::string key;
  for (const auto& d : r.daily) {
    key.clear();
    append_daily_key(key, r, d);
    for (std::size_t rep = 0; rep < d.values.size(); ++rep) {
      out += key;
      out += std::to_string(rep);
      out += ',';
      append_shortest_number(out, d.values[rep]);
      out += '\n';
    }
  }
  return out;
}

std::string format_json(const Report& r) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["cisim_version"] = r.version;
  j["run_id"] = r.run_id;
  j["scenario"] = {{"path", r.scenario_path}, {"name", r.scenario_name}, {"description", r.scenario_description},
                   {"question", r.scenario_question}, {"content_hash", r.content_hash},
                   {"effective", r.scenario_effective}};
  j["seed"] = r.seed;
  j["replications"] = r.replications;
  j["horizon"] = r.horizon;
  j["warmup"] = r.warmup;
  j["spin_up"] = r.spin_up;
  j["simulation"] = r.simulation;
  j["counted_by_class_share"] = r.counted_by_class;
  ordered_json drawn = ordered_json::array();
  for (const auto& d : r.drawn_one_by_one) drawn.push_back({{"reason", d.id}, {"text", d.text}, {"share", d.share}});
  j["drawn_one_by_one"] = drawn;
  j["start_date"] = r.start_date;
  j["measured_window"] = {{"days", r.measured_days}, {"from", r.measured_from}, {"to", r.measured_to}};
  ordered_json transients = ordered_json::array();
  for (const TransientCheck& c : r.transients) {
    transients.push_back({{"metric", c.metric}, {"detected", c.detected}, {"days", c.days},
                          {"early_mean_per_day", c.early_mean}, {"late_mean_per_day", c.late_mean},
                          {"days_per_replication", c.per_replication}});
  }
  j["transient"] = {{"method", "MSER-5 (White 1997) on the daily series of the whole run, whole days of the measured window; "
                               "kept when the days it cuts differ from the rest by more than 3 standard errors"},
                    {"series", transients}};
  ordered_json overrides = ordered_json::array();
  for (const auto& o : r.overrides) overrides.push_back({{"key", o.key}, {"value", o.value}});
  j["overrides"] = overrides;
  ordered_json metrics = ordered_json::array();
  for (const auto& m : r.metrics) {
    ordered_json row;
    row["scope"] = m.scope;
    row["scope_name"] = m.scope_name;
    row["metric"] = m.metric;
    row["unit"] = m.unit;
    row["kind"] = m.kind;
    row["mean"] = m.summary.mean;
    row["sd"] = m.summary.sd;
    row["ci95"] = ci95_json(m.summary);
    row["n"] = m.summary.n;
    metrics.push_back(std::move(row));
  }
  j["metrics"] = metrics;
  j["warnings"] = r.warnings;
  return j.dump(2) + "\n";
}

}  // namespace cisim
