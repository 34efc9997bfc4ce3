// SPDX-License-Identifier: MIT
// Report formatting: the table, CSV and JSON, with fixed rules so output is byte-stable.
#include "cisim/report/report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/report/csv_field.hpp"

namespace cisim {
namespace {
// Readable and stable: large values as whole numbers (counts, dollars), others with six
// significant digits.
std::string number(double v) {
  if (v == 0.0) return "0";
  if (std::fabs(v) >= 1e5) return fmt::format("{:.0f}", v);
  return fmt::format("{:.6g}", v);
}
}  // namespace


namespace {

// "13.90% ± 0.08" for fractions, "20790 ± 0" for counts: mean and 95% CI half-width.
std::string cell(const MetricSummary& m) {
  const double hw = m.summary.half_width.value_or(0.0);
  const char* pm = m.summary.half_width ? " ± " : "";
  if (m.unit == "fraction") {
    return m.summary.half_width ? fmt::format("{:.2f}%{}{:.2g}", 100.0 * m.summary.mean, pm, 100.0 * hw)
                                : fmt::format("{:.2f}%", 100.0 * m.summary.mean);
  }
  const std::string hw_text = hw >= 100.0 ? fmt::format("{:.0f}", hw) : fmt::format("{:.3g}", hw);
  return m.summary.half_width ? fmt::format("{}{}{}", number(m.summary.mean), pm, hw_text) : number(m.summary.mean);
}

// Rows of the headline table: the catalogue's headline metrics, in its order; rows that are
// zero everywhere are dropped.
std::vector<std::string> headline_metrics() {
  std::vector<std::string> out;
  for (const auto& m : metric_catalogue()) {
    if (m.headline) out.emplace_back(m.name);
  }
  return out;
}

}  // namespace

std::string format_table(const Report& r) {
  std::string out;
  out += fmt::format("cisim {}: {} ({}, {})\n", r.version, r.scenario_name, r.scenario_path, r.content_hash);
  out += fmt::format("{}\n", r.scenario_description);
  out += fmt::format("seed {}, {} replications, horizon {}, warm-up {}", r.seed, r.replications, r.horizon, r.warmup);
  if (r.overrides.empty()) {
    out += "; no overrides\n";
  } else {
    out += "; overrides:";
    for (const auto& o : r.overrides) out += fmt::format(" {}={}", o.key, o.value);
    out += "\n";
  }
  if (r.replications < 2) {
    out += "one replication: values without confidence intervals (they need at least 2), after the warm-up\n";
  } else {
    out += fmt::format("mean ± 95% CI half-width over {} replications (Student t), after the warm-up\n", r.replications);
  }
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
  out += fmt::format("\n{:<30}", "");
  for (const auto& [scope, name] : columns) out += fmt::format(" {:>24}", scope == "run" ? "whole run" : (name == "all" ? "all blitzes" : "blitz " + name));
  out += "\n";
  for (const std::string& metric : headline_metrics()) {
    std::vector<const MetricSummary*> row;
    bool any = false;
    for (const auto& [scope, name] : columns) {
      row.push_back(find_metric(r, scope, name, metric));
      if (row.back()) any = any || std::any_of(row.back()->values.begin(), row.back()->values.end(), [](double v) { return v != 0.0; });
    }
    if (!any) continue;
    const MetricSummary& first = *row.front();
    const std::string label = first.unit == "fraction" || first.unit == "shipments" ? metric : fmt::format("{} ({})", metric, first.unit);
    out += fmt::format("{:<30}", label);
    for (const auto* m : row) out += fmt::format(" {:>24}", m ? cell(*m) : "");
    out += "\n";
  }
  std::size_t name_width = 19;  // "by selection reason"
  for (const auto& m : r.metrics) {
    if (m.scope == "facility") name_width = std::max(name_width, m.scope_name.size());
  }
  out += fmt::format("\n{:<{}} {:>12} {:>12} {:>15} {:>15} {:>12} {:>12}\n", "facility", name_width, "inspected", "utilization",
                     "wait mean (min)", "wait p95 (min)", "officers", "discrepancy");
  for (const auto& m : r.metrics) {
    if (m.scope != "facility" || m.metric != "inspected") continue;
    auto mean = [&](const char* metric) {
      const auto* x = find_metric(r, "facility", m.scope_name, metric);
      return x ? x->summary.mean : 0.0;
    };
    // A fulfillment center without officers inspects nothing: it has no row.
    if (mean("officers_on_duty_mean") == 0.0 && mean("inspected") == 0.0) continue;
    out += fmt::format("{:<{}} {:>12} {:>11.1f}% {:>15.2f} {:>15.2f} {:>12.1f} {:>11.2f}%\n", m.scope_name, name_width,
                       number(mean("inspected")), 100.0 * mean("officer_utilization"), 60.0 * mean("wait_hours_mean"),
                       60.0 * mean("wait_hours_p95"), mean("officers_on_duty_mean"), 100.0 * mean("discrepancy_rate"));
  }
  // What each selection reason measured, and where the seizures are, by mode.
  auto mean_of = [&](const std::string& scope, const std::string& name, const char* metric) {
    const auto* x = find_metric(r, scope, name, metric);
    return x ? x->summary.mean : 0.0;
  };
  auto names_of = [&](const char* scope) {
    std::vector<std::string> names;
    for (const auto& m : r.metrics) {
      if (m.scope == scope && m.metric == "inspected") names.push_back(m.scope_name);
    }
    return names;
  };
  out += fmt::format("\n{:<{}} {:>12} {:>12} {:>12} {:>12} {:>12}\n", "by selection reason", name_width, "selected", "inspected",
                     "discrepancy", "counterfeit", "seizures");
  for (const auto& name : names_of("selection")) {
    out += fmt::format("{:<{}} {:>12} {:>12} {:>11.2f}% {:>11.2f}% {:>12}\n", name, name_width, number(mean_of("selection", name, "selected")),
                       number(mean_of("selection", name, "inspected")), 100.0 * mean_of("selection", name, "discrepancy_rate"),
                       100.0 * mean_of("selection", name, "counterfeit_rate"), number(mean_of("selection", name, "seizures")));
  }
  const double all_seizures = mean_of("run", "all", "seizures");
  out += fmt::format("\n{:<{}} {:>12} {:>12} {:>12} {:>12} {:>12}\n", "by mode", name_width, "arrivals", "inspected", "discrepancy",
                     "seizures", "of seizures");
  for (const auto& name : names_of("mode")) {
    const double seizures = mean_of("mode", name, "seizures");
    out += fmt::format("{:<{}} {:>12} {:>12} {:>11.2f}% {:>12} {:>11.1f}%\n", name, name_width, number(mean_of("mode", name, "arrivals")),
                       number(mean_of("mode", name, "inspected")), 100.0 * mean_of("mode", name, "discrepancy_rate"), number(seizures),
                       all_seizures > 0.0 ? 100.0 * seizures / all_seizures : 0.0);
  }
  out += "\nmeasured: discrepancy_rate and counterfeit_rate among inspected shipments; truth: true_*_prevalence\n";
  out += "among arrivals. A blitz column counts the blitz's own selections and the arrivals it could select.\n";
  out += "Facility officers and utilization: over the days with traffic or work. Every metric, per facility,\n";
  out += "stream, mode, selection reason and blitz: --format csv or json, or --out DIR (docs/metrics.md).\n";
  for (const auto& w : r.warnings) out += fmt::format("\nwarning: {}\n", w);
  return out;
}

std::string format_summary_csv(const Report& r) {
  std::string out = "scope,scope_name,metric,unit,mean,sd,ci95_low,ci95_high,n\n";
  for (const auto& m : r.metrics) {
    out += fmt::format("{},{},{},{},{:.17g},{:.17g},{},{},{}\n", m.scope, csv_field(m.scope_name), m.metric, m.unit,
                       m.summary.mean, m.summary.sd, m.summary.low() ? fmt::format("{:.17g}", *m.summary.low()) : "",
                       m.summary.high() ? fmt::format("{:.17g}", *m.summary.high()) : "", m.summary.n);
  }
  return out;
}

std::string format_metrics_csv(const Report& r) {
  std::string out = "run_id,replication,scope,scope_name,metric,value\n";
  for (int rep = 0; rep < r.replications; ++rep) {
    for (const auto& m : r.metrics) {
      out += fmt::format("{},{},{},{},{},{:.17g}\n", r.run_id, rep, m.scope, csv_field(m.scope_name), m.metric,
                         m.values[static_cast<std::size_t>(rep)]);
    }
  }
  return out;
}

std::string format_timeseries_csv(const Report& r) {
  std::string out = "run_id,day,facility,metric,value\n";
  for (const auto& d : r.daily) out += fmt::format("{},{},{},{},{:.17g}\n", r.run_id, d.day, csv_field(d.facility), d.metric, d.value);
  return out;
}

std::string format_json(const Report& r) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["cisim_version"] = r.version;
  j["run_id"] = r.run_id;
  j["scenario"] = {{"path", r.scenario_path}, {"name", r.scenario_name}, {"description", r.scenario_description},
                   {"content_hash", r.content_hash}};
  j["seed"] = r.seed;
  j["replications"] = r.replications;
  j["horizon"] = r.horizon;
  j["warmup"] = r.warmup;
  j["start_date"] = r.start_date;
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
    row["ci95"] = m.summary.half_width ? ordered_json::array({*m.summary.low(), *m.summary.high()}) : ordered_json(nullptr);
    row["n"] = m.summary.n;
    metrics.push_back(std::move(row));
  }
  j["metrics"] = metrics;
  j["warnings"] = r.warnings;
  return j.dump(2) + "\n";
}

}  // namespace cisim
