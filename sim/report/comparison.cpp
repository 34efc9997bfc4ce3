// SPDX-License-Identifier: MIT
// Paired comparison of two reports, and its table, CSV and JSON forms.
#include "cisim/report/comparison.hpp"

#include <cmath>
#include <map>
#include <tuple>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/base/assert.hpp"
#include "report/csv_field.hpp"
#include "cisim/report/json_estimate.hpp"
#include "cisim/report/number_format.hpp"
#include "cisim/stats/student_t.hpp"

namespace cisim {
namespace {

// Welch's interval for a difference of two independent means (what the comparison would
// be without common random numbers).
std::optional<double> welch_half_width(const ReplicationSummary& a, const ReplicationSummary& b) {
  if (a.n < 2 || b.n < 2) return std::nullopt;
  const double va = a.sd * a.sd / static_cast<double>(a.n);
  const double vb = b.sd * b.sd / static_cast<double>(b.n);
  const double se = std::sqrt(va + vb);
  if (se == 0.0) return 0.0;
  const double df = (va + vb) * (va + vb) /
                    (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  return student_t_quantile(0.975, df) * se;
}


}  // namespace

Comparison compare_reports(Report base, Report alt) {
  CISIM_ASSERT(base.replications == alt.replications && base.seed == alt.seed,
               "a paired comparison needs the same seed and replications");
  Comparison c;
  std::map<std::tuple<std::string, std::string, std::string>, const MetricSummary*> alt_metrics;
  for (const auto& m : alt.metrics) alt_metrics[{m.scope, m.scope_name, m.metric}] = &m;
  for (const auto& b : base.metrics) {
    const auto it = alt_metrics.find({b.scope, b.scope_name, b.metric});
    if (it == alt_metrics.end()) continue;
    const MetricSummary& a = *it->second;
    MetricComparison m;
    m.scope = b.scope;
    m.scope_name = b.scope_name;
    m.metric = b.metric;
    m.unit = b.unit;
    m.base = b.summary;
    m.alt = a.summary;
    std::vector<double> d;
    for (std::size_t r = 0; r < b.values.size(); ++r) d.push_back(a.values[r] - b.values[r]);
    m.difference = ReplicationSummary::of(d, 0.95);
    m.unpaired_half_width = welch_half_width(b.summary, a.summary);
    c.metrics.push_back(std::move(m));
  }
  c.base = std::move(base);
  c.alt = std::move(alt);
  return c;
}

std::string format_comparison_table(const Comparison& c, TableStyle style) {
  const bool md = style == TableStyle::Markdown;
  const std::string paragraph_end = md ? "\n\n" : "\n";
  std::string out;
  if (md) out += fmt::format("### {} against {}\n\n", c.base.scenario_name, c.alt.scenario_name);
  out += fmt::format("cisim {}: compare {} (base, run {}) with {} (alt, run {}){}", c.base.version, c.base.scenario_path, c.base.run_id,
                     c.alt.scenario_path, c.alt.run_id, paragraph_end);
  auto window = [](const Report& r) {
    return fmt::format("horizon {}, warm-up {}: {} measured {}, {} to {}; simulation: {}", r.horizon, r.warmup,
                       shortest_number(r.measured_days), r.measured_days == 1.0 ? "day" : "days", r.measured_from,
                       r.measured_to, r.simulation);
  };
  if (window(c.base) == window(c.alt)) {
    out += fmt::format("{}{}", window(c.base), paragraph_end);
  } else {
    out += fmt::format("base {}; alt {}{}", window(c.base), window(c.alt), paragraph_end);
    if (c.base.measured_days != c.alt.measured_days || c.base.measured_from != c.alt.measured_from) {
      // Counts and amounts are totals over each window: they differ by the windows alone.
      out += fmt::format("warning: the two runs measure different windows ({} and {} days): counts and amounts are totals "
                         "over each, so their differences include the windows'; compare rates and means, or give both the "
                         "same horizon, warm-up and start date{}",
                         shortest_number(c.base.measured_days), shortest_number(c.alt.measured_days), paragraph_end);
    }
  }
  // On the aggregated path the pairing holds class by class only (decision 0014): said where it is read.
  const bool aggregated = c.base.counted_by_class > 0.0 || c.alt.counted_by_class > 0.0;
  out += fmt::format("seed {}, {} replications each, common random numbers (same named streams per replication){}", c.base.seed,
                     c.base.replications, paragraph_end);
  if (aggregated) {
    const std::string base = c.base.simulation_summary(), alt = c.alt.simulation_summary();
    out += fmt::format("{}: paired class by class, less tightly where a rule changes the classes; --exact pairs shipment by "
                       "shipment{}",
                       base == alt ? base + " in both" : "base " + base + ", alt " + alt, paragraph_end);
  }
  auto echo = [&](const char* which, const Report& r) {
    if (r.overrides.empty()) return;
    out += fmt::format("{} overrides:", which);
    for (const auto& o : r.overrides) out += fmt::format(" {}={}", o.key, o.value);
    out += paragraph_end;
  };
  echo("base", c.base);
  echo("alt", c.alt);
  out += "Difference = alt - base with its paired 95% CI; * = the interval excludes 0. Rates in %, differences of rates in\n"
         "percentage points (pp).\n\n";
  TextTable table{{"whole run", "base", "alt", "difference (95% CI)", "", "unpaired ±"}};
  std::size_t omitted = 0;
  for (const auto& m : c.metrics) {
    if (m.scope != "run") continue;
    if (m.zero_in_both()) {
      ++omitted;
      continue;
    }
    table.add_row({metric_label(m.metric), format_estimate(m.base.mean, std::nullopt, m.unit),
                   format_estimate(m.alt.mean, std::nullopt, m.unit),
                   format_difference(m.difference.mean, m.difference.half_width, m.unit), m.significant() ? "*" : "",
                   m.unpaired_half_width ? format_half_width(*m.unpaired_half_width, m.unit) : std::string{}},
                  is_part_metric(m.metric));
  }
  out += table.render(style);
  if (omitted > 0) out += fmt::format("\n({} metrics zero in both are omitted)\n", omitted);
  out += "\nEvery scope (facilities, streams, blitzes): --format csv or json, --out DIR, or --report FILE.html.\n";
  return out;
}

std::string format_comparison_csv(const Comparison& c) {
  std::string out =
      "base_run_id,alt_run_id,scope,scope_name,metric,unit,base_mean,alt_mean,difference,ci95_low,ci95_high,unpaired_half_width,"
      "significant,n\n";
  for (const auto& m : c.metrics) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", c.base.run_id, c.alt.run_id, m.scope, csv_field(m.scope_name),
                       m.metric, m.unit, shortest_number(m.base.mean), shortest_number(m.alt.mean), shortest_number(m.difference.mean),
                       m.difference.low() ? shortest_number(*m.difference.low()) : "",
                       m.difference.high() ? shortest_number(*m.difference.high()) : "",
                       m.unpaired_half_width ? shortest_number(*m.unpaired_half_width) : "", m.significant() ? "true" : "false",
                       m.difference.n);
  }
  return out;
}

std::string format_comparison_json(const Comparison& c) {
  using nlohmann::ordered_json;
  auto side = [](const Report& r) {
    ordered_json overrides = ordered_json::array();
    for (const auto& o : r.overrides) overrides.push_back({{"key", o.key}, {"value", o.value}});
    return ordered_json{{"run_id", r.run_id}, {"path", r.scenario_path}, {"name", r.scenario_name}, {"content_hash", r.content_hash},
                        {"horizon", r.horizon}, {"warmup", r.warmup}, {"simulation", r.simulation}, {"counted_by_class_share", r.counted_by_class}, {"overrides", overrides}, {"warnings", r.warnings}};
  };
  ordered_json j;
  j["cisim_version"] = c.base.version;
  j["seed"] = c.base.seed;
  j["replications"] = c.base.replications;
  j["base"] = side(c.base);
  j["alt"] = side(c.alt);
  ordered_json metrics = ordered_json::array();
  for (const auto& m : c.metrics) {
    ordered_json row;
    row["scope"] = m.scope;
    row["scope_name"] = m.scope_name;
    row["metric"] = m.metric;
    row["unit"] = m.unit;
    row["base_mean"] = m.base.mean;
    row["alt_mean"] = m.alt.mean;
    row["difference"] = m.difference.mean;
    row["ci95"] = ci95_json(m.difference);
    row["unpaired_half_width"] = m.unpaired_half_width ? ordered_json(*m.unpaired_half_width) : ordered_json(nullptr);
    row["significant"] = m.significant();
    row["n"] = m.difference.n;
    metrics.push_back(std::move(row));
  }
  j["metrics"] = metrics;
  return j.dump(2) + "\n";
}

}  // namespace cisim
