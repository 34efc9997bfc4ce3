// SPDX-License-Identifier: MIT
// Report building and formatting. Numbers print with fixed rules so output is byte-stable.
#include "cisim/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/report/csv_field.hpp"
#include "cisim/scenario/units.hpp"
#include "cisim/version.hpp"

namespace cisim {
namespace {

template <class Source>
struct MetricDefinition {
  const char* name;
  const char* unit;
  const char* kind;
  std::function<double(const Source&)> value;
};

double count(std::uint64_t n) { return static_cast<double>(n); }

// What every scope reports: measured rates beside the truth they sample (DESIGN.md section 2).
const std::vector<MetricDefinition<CustomsTally>>& tally_metrics() {
  static const std::vector<MetricDefinition<CustomsTally>> kMetrics{
      {"arrivals", "shipments", "count", [](const auto& t) { return count(t.arrivals); }},
      {"items", "items", "count", [](const auto& t) { return count(t.items); }},
      {"de_minimis", "shipments", "count", [](const auto& t) { return count(t.de_minimis); }},
      {"type86", "shipments", "count", [](const auto& t) { return count(t.type86); }},
      {"informal", "shipments", "count", [](const auto& t) { return count(t.informal); }},
      {"formal", "shipments", "count", [](const auto& t) { return count(t.formal); }},
      {"formal_high_risk", "shipments", "count", [](const auto& t) { return count(t.formal_high_risk); }},
      {"bulk_entries", "shipments", "count", [](const auto& t) { return count(t.bulk_entries); }},
      {"bulk_covered", "shipments", "count", [](const auto& t) { return count(t.bulk_covered); }},
      {"breakbulk_parcels", "shipments", "count", [](const auto& t) { return count(t.breakbulk_parcels); }},
      {"split_orders", "orders", "count", [](const auto& t) { return count(t.split_orders); }},
      {"selected_targeted", "shipments", "count", [](const auto& t) { return count(t.selected_targeted); }},
      {"selected_random", "shipments", "count", [](const auto& t) { return count(t.selected_random); }},
      {"selected_blitz", "shipments", "count", [](const auto& t) { return count(t.selected_blitz); }},
      {"selected_release_program", "shipments", "count", [](const auto& t) { return count(t.selected_release_program); }},
      {"selected_not_inspected", "shipments", "count", [](const auto& t) { return count(t.selected_not_inspected); }},
      {"inspected", "shipments", "count", [](const auto& t) { return count(t.inspected); }},
      {"bulk_entries_inspected", "shipments", "count", [](const auto& t) { return count(t.bulk_entries_inspected); }},
      {"items_sampled", "items", "count", [](const auto& t) { return count(t.items_sampled); }},
      {"discrepancies_found", "shipments", "count", [](const auto& t) { return count(t.found_any); }},
      {"counterfeits_found", "shipments", "count", [](const auto& t) { return count(t.found[0]); }},
      {"discrepancy_rate", "fraction", "per-shipment", [](const auto& t) { return t.discrepancy_rate(); }},
      {"counterfeit_rate", "fraction", "per-shipment", [](const auto& t) { return t.counterfeit_rate(); }},
      {"true_discrepancy_prevalence", "fraction", "per-shipment", [](const auto& t) { return t.true_discrepancy_prevalence(); }},
      {"true_counterfeit_prevalence", "fraction", "per-shipment", [](const auto& t) { return t.true_counterfeit_prevalence(); }},
      {"counterfeit_interdiction_rate", "fraction", "per-shipment", [](const auto& t) { return t.counterfeit_interdiction_rate(); }},
      {"leakage", "shipments", "count", [](const auto& t) { return count(t.leakage); }},
      {"seizures", "shipments", "count", [](const auto& t) { return count(t.seized); }},
      {"abandoned", "shipments", "count", [](const auto& t) { return count(t.abandoned); }},
      {"lots_destroyed", "lots", "count", [](const auto& t) { return count(t.lots_destroyed); }},
      {"units_destroyed", "items", "count", [](const auto& t) { return count(t.units_destroyed); }},
      {"duties_collected_usd", "USD", "count", [](const auto& t) { return t.duties_collected_usd; }},
      {"duties_forgone_usd", "USD", "count", [](const auto& t) { return t.duties_forgone_usd; }},
      {"bulk_duty_avoided_usd", "USD", "count", [](const auto& t) { return t.bulk_duty_avoided_usd; }},
      {"penalties_usd", "USD", "count", [](const auto& t) { return t.penalties_usd; }},
      {"dwell_hours_mean", "h", "per-shipment", [](const auto& t) { return t.dwell_hours.mean(); }},
  };
  return kMetrics;
}

// What only facilities report: their officer pool and its waiting line.
const std::vector<MetricDefinition<FacilityQueueStats>>& queue_metrics() {
  static const std::vector<MetricDefinition<FacilityQueueStats>> kMetrics{
      {"waited_share", "fraction", "per-shipment", [](const auto& f) { return f.waited_share; }},
      {"wait_hours_mean", "h", "per-shipment", [](const auto& f) { return f.wait_mean_hours; }},
      {"wait_hours_p50", "h", "per-shipment", [](const auto& f) { return f.wait_p50_hours; }},
      {"wait_hours_p95", "h", "per-shipment", [](const auto& f) { return f.wait_p95_hours; }},
      {"wait_hours_p99", "h", "per-shipment", [](const auto& f) { return f.wait_p99_hours; }},
      {"wait_hours_max", "h", "per-shipment", [](const auto& f) { return f.wait_max_hours; }},
      {"queue_length_mean", "shipments", "time-weighted", [](const auto& f) { return f.waiting_mean; }},
      {"in_system_mean", "shipments", "time-weighted", [](const auto& f) { return f.in_system_mean; }},
      {"officers_busy_mean", "officers", "time-weighted", [](const auto& f) { return f.busy_officers_mean; }},
      {"officers_on_duty_mean", "officers", "time-weighted", [](const auto& f) { return f.on_duty_officers_mean; }},
      {"officer_utilization", "fraction", "time-weighted", [](const auto& f) { return f.officer_utilization; }},
      {"throughput_per_hour", "shipments/h", "count", [](const auto& f) { return f.throughput_per_hour; }},
  };
  return kMetrics;
}

const std::vector<MetricDefinition<CustomsTally>>& daily_metrics() {
  static const std::vector<MetricDefinition<CustomsTally>> kMetrics{
      {"arrivals", "shipments", "count", [](const auto& t) { return count(t.arrivals); }},
      {"inspected", "shipments", "count", [](const auto& t) { return count(t.inspected); }},
      {"bulk_entries_inspected", "shipments", "count", [](const auto& t) { return count(t.bulk_entries_inspected); }},
      {"items_sampled", "items", "count", [](const auto& t) { return count(t.items_sampled); }},
      {"discrepancies_found", "shipments", "count", [](const auto& t) { return count(t.found_any); }},
      {"counterfeits_found", "shipments", "count", [](const auto& t) { return count(t.found[0]); }},
      {"seizures", "shipments", "count", [](const auto& t) { return count(t.seized + t.abandoned); }},
      {"duties_collected_usd", "USD", "count", [](const auto& t) { return t.duties_collected_usd; }},
  };
  return kMetrics;
}

template <class Source, class Pick>
void add_metrics(Report& r, const std::string& scope, const std::string& name,
                 const std::vector<MetricDefinition<Source>>& definitions, const RunResults& results, Pick pick) {
  for (const auto& def : definitions) {
    MetricSummary m;
    m.scope = scope;
    m.scope_name = name;
    m.metric = def.name;
    m.unit = def.unit;
    m.kind = def.kind;
    for (const auto& rep : results.per_replication) m.values.push_back(def.value(pick(rep)));
    m.summary = ReplicationSummary::of(m.values, 0.95);
    r.metrics.push_back(std::move(m));
  }
}

}  // namespace

namespace {
// Readable and stable: large values as whole numbers (counts, dollars), others with six
// significant digits.
std::string number(double v) {
  if (v == 0.0) return "0";
  if (std::fabs(v) >= 1e5) return fmt::format("{:.0f}", v);
  return fmt::format("{:.6g}", v);
}



}  // namespace

Report make_report(const LoadedScenario& loaded, const RunResults& results) {
  const Scenario& scenario = *loaded.scenario;
  Report r;
  r.version = kVersion;
  r.scenario_path = loaded.path;
  r.scenario_name = scenario.name;
  r.scenario_description = scenario.description;
  r.content_hash = loaded.content_hash;
  r.seed = results.seed;
  r.replications = results.replications;
  r.horizon = format_duration(scenario.model.horizon);
  r.warmup = format_duration(scenario.model.warmup);
  r.overrides = loaded.overrides;
  const CustomsModelConfig& m = scenario.model;
  add_metrics(r, "run", "all", tally_metrics(), results, [](const CustomsResult& x) -> const CustomsTally& { return x.run; });
  for (std::size_t f = 0; f < m.facilities.size(); ++f) {
    add_metrics(r, "facility", m.facilities[f].name, tally_metrics(), results,
                [f](const CustomsResult& x) -> const CustomsTally& { return x.facilities[f]; });
    add_metrics(r, "facility", m.facilities[f].name, queue_metrics(), results,
                [f](const CustomsResult& x) -> const FacilityQueueStats& { return x.queues[f]; });
  }
  for (std::size_t s = 0; s < m.streams.size(); ++s) {
    add_metrics(r, "stream", m.streams[s].name, tally_metrics(), results,
                [s](const CustomsResult& x) -> const CustomsTally& { return x.streams[s]; });
  }
  if (m.blitzes.size() > 1) {
    add_metrics(r, "blitz", "all", tally_metrics(), results, [](const CustomsResult& x) -> const CustomsTally& { return x.any_blitz; });
  }
  for (std::size_t b = 0; b < m.blitzes.size(); ++b) {
    add_metrics(r, "blitz", m.blitzes[b].name, tally_metrics(), results,
                [b](const CustomsResult& x) -> const CustomsTally& { return x.blitzes[b]; });
  }
  if (!results.per_replication.empty()) {
    const std::size_t days = results.per_replication.front().daily.size();
    for (std::size_t d = 0; d < days; ++d) {
      for (std::size_t f = 0; f < m.facilities.size(); ++f) {
        for (const auto& def : daily_metrics()) {
          double sum = 0.0;
          for (const auto& rep : results.per_replication) sum += def.value(rep.daily[d][f]);
          r.daily.push_back({d, m.facilities[f].name, def.name, sum / static_cast<double>(results.per_replication.size())});
        }
      }
    }
  }
  return r;
}

const MetricSummary* find_metric(const Report& r, const std::string& scope, const std::string& name, const std::string& metric) {
  for (const auto& m : r.metrics) {
    if (m.scope == scope && m.scope_name == name && m.metric == metric) return &m;
  }
  return nullptr;
}

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

// Metrics in the headline table, in order; rows that are zero everywhere are dropped.
const std::vector<std::string> kHeadline{
    "arrivals", "de_minimis", "informal", "formal", "formal_high_risk", "bulk_entries", "bulk_covered", "breakbulk_parcels",
    "split_orders", "selected_targeted", "selected_random", "selected_blitz", "selected_release_program",
    "selected_not_inspected", "inspected", "bulk_entries_inspected", "items_sampled", "discrepancy_rate", "counterfeit_rate",
    "true_discrepancy_prevalence", "true_counterfeit_prevalence", "counterfeit_interdiction_rate", "leakage", "seizures",
    "abandoned", "lots_destroyed", "units_destroyed", "duties_collected_usd", "duties_forgone_usd", "bulk_duty_avoided_usd",
    "penalties_usd", "dwell_hours_mean"};

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
  // Columns: the whole run, and all blitzes together when there are any (each blitz, each
  // stream and every metric are in --format csv and json).
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
  for (const std::string& metric : kHeadline) {
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
  std::size_t name_width = 14;
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
  out += "\nmeasured: discrepancy_rate and counterfeit_rate among inspected shipments; truth: true_*_prevalence\n";
  out += "among all arrivals. Every metric, per facility, stream and blitz: --format csv or json, or --out DIR.\n";
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
  std::string out = "replication,scope,scope_name,metric,value\n";
  for (int rep = 0; rep < r.replications; ++rep) {
    for (const auto& m : r.metrics) {
      out += fmt::format("{},{},{},{},{:.17g}\n", rep, m.scope, csv_field(m.scope_name), m.metric,
                         m.values[static_cast<std::size_t>(rep)]);
    }
  }
  return out;
}

std::string format_timeseries_csv(const Report& r) {
  std::string out = "day,facility,metric,value\n";
  for (const auto& d : r.daily) out += fmt::format("{},{},{},{:.17g}\n", d.day, csv_field(d.facility), d.metric, d.value);
  return out;
}

std::string format_json(const Report& r) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["cisim_version"] = r.version;
  j["scenario"] = {{"path", r.scenario_path}, {"name", r.scenario_name}, {"description", r.scenario_description},
                   {"content_hash", r.content_hash}};
  j["seed"] = r.seed;
  j["replications"] = r.replications;
  j["horizon"] = r.horizon;
  j["warmup"] = r.warmup;
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
  return j.dump(2) + "\n";
}

}  // namespace cisim
