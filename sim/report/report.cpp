// SPDX-License-Identifier: MIT
// Report building and formatting. Numbers print with fixed rules so output is byte-stable.
#include "cisim/report/report.hpp"

#include <functional>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/scenario/units.hpp"
#include "cisim/version.hpp"

namespace cisim {
namespace {

struct MetricDefinition {
  const char* name;
  const char* unit;
  const char* kind;
  std::function<double(const FacilityQueueStats&)> value;
};

const std::vector<MetricDefinition>& facility_metrics() {
  static const std::vector<MetricDefinition> kMetrics{
      {"arrivals", "shipments", "count", [](const auto& f) { return static_cast<double>(f.requests); }},
      {"inspected", "shipments", "count", [](const auto& f) { return static_cast<double>(f.inspections_finished); }},
      {"refused", "shipments", "count", [](const auto& f) { return static_cast<double>(f.refused); }},
      {"blocking_probability", "fraction", "per-shipment", [](const auto& f) { return f.blocking_probability; }},
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

// Six significant digits, no exponent below 1e-4 or above 1e9: readable and stable.
std::string number(double v) {
  if (v == 0.0) return "0";
  return fmt::format("{:.6g}", v);
}

std::string ci_text(const ReplicationSummary& s) {
  if (!s.half_width) return "(n < 2)";
  return fmt::format("[{}, {}]", number(*s.low()), number(*s.high()));
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string{"\"\""} : std::string{c};
  return out + "\"";
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
  r.horizon = format_duration(scenario.horizon);
  r.warmup = format_duration(scenario.warmup);
  r.overrides = loaded.overrides;
  for (std::size_t f = 0; f < scenario.facilities.size(); ++f) {
    for (const auto& def : facility_metrics()) {
      MetricSummary m;
      m.scope = "facility";
      m.scope_name = scenario.facilities[f].id;
      m.metric = def.name;
      m.unit = def.unit;
      m.kind = def.kind;
      for (const auto& rep : results.per_replication) m.values.push_back(def.value(rep.facilities[f]));
      m.summary = ReplicationSummary::of(m.values, 0.95);
      r.metrics.push_back(std::move(m));
    }
  }
  return r;
}

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
  out += "means over replications after the warm-up; 95% confidence intervals (Student t)\n";
  std::string scope;
  for (const auto& m : r.metrics) {
    if (m.scope_name != scope) {
      scope = m.scope_name;
      out += fmt::format("\n{} {}\n", m.scope, scope);
      out += fmt::format("  {:<24} {:<12} {:>12} {:>12}  {:<27} {:>4}\n", "metric", "unit", "mean", "sd", "95% CI", "n");
    }
    out += fmt::format("  {:<24} {:<12} {:>12} {:>12}  {:<27} {:>4}\n", m.metric, m.unit, number(m.summary.mean),
                       number(m.summary.sd), ci_text(m.summary), m.summary.n);
  }
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
