// SPDX-License-Identifier: MIT
// What the sections of cisim_validate share: a metric's per-replication values and the way
// values are printed.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/report/number_format.hpp"
#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/stats/replication_summary.hpp"

namespace cisim_validate {

// Values of one metric of one scope, one per replication.
inline std::vector<double> values_of(const cisim::Report& r, const std::string& scope, const std::string& name, const std::string& metric) {
  for (const auto& m : r.metrics) {
    if (m.scope == scope && m.scope_name == name && m.metric == metric) return m.values;
  }
  throw std::runtime_error(fmt::format("no metric {} {} {}", scope, name, metric));
}

// "%": a percentage with two decimals; "h": hours; anything else: a whole number with
// thousands separators.
inline std::string show(double v, const std::string& format) {
  if (format == "%") return fmt::format("{:.2f}%", 100.0 * v);
  if (format == "h") return fmt::format("{:.5f} h", v);
  return cisim::grouped_number(v, 0);
}

// The scenario at `path` with `sets`, `replications` replications on 2 threads (results do not
// depend on the thread count), as a report.
inline cisim::Report run_replications(const std::string& path, const std::vector<std::string>& sets, int replications) {
  const auto loaded = cisim::load_scenario(path, sets);
  if (!loaded.scenario) throw std::runtime_error(fmt::format("{} does not load with the validation's sets", path));
  cisim::RunOptions options;
  options.replications = replications;
  options.threads = 2;
  return cisim::make_report(loaded, cisim::run_scenario(*loaded.scenario, options));
}

// Per replication: a + b, and part / whole (0 where whole is 0).
inline std::vector<double> added(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] + b[i];
  return out;
}
inline std::vector<double> ratio(const std::vector<double>& part, const std::vector<double>& whole) {
  std::vector<double> out(part.size());
  for (std::size_t i = 0; i < part.size(); ++i) out[i] = whole[i] > 0 ? part[i] / whole[i] : 0.0;
  return out;
}

// One published figure beside the simulated values (docs/validation.md's national sections).
struct Row {
  std::string figure;
  std::string published;
  std::string role;  // "fitted", "follows from the fit", "predicted"
  double low, high;
  std::vector<double> values;
  std::string format;
};

// Prints the rows; returns whether every fitted row (and what follows from it) is in its band.
// A prediction outside its band is reported, not failed: it is what the model says.
inline bool print_rows(const std::vector<Row>& rows) {
  bool pass = true;
  fmt::print("| figure | published | band | simulated mean | 95% CI | role | result |\n|---|---|---|---|---|---|---|\n");
  for (const Row& r : rows) {
    const auto s = cisim::ReplicationSummary::of(r.values, 0.95);
    const bool inside = s.mean >= r.low && s.mean <= r.high;
    const bool predicted = r.role == "predicted";
    if (!predicted) pass = pass && inside;
    fmt::print("| {} | {} | {} to {} | {} | {} to {} | {} | {} |\n", r.figure, r.published, show(r.low, r.format), show(r.high, r.format),
               show(s.mean, r.format), show(s.low().value_or(s.mean), r.format), show(s.high().value_or(s.mean), r.format), r.role,
               predicted ? (inside ? "inside the published range" : "outside the published range") : (inside ? "pass" : "FAIL"));
  }
  return pass;
}

/// docs/validation.md's national section: FY2019 enforcement fitted to the published IPR
/// seizures, the baseline as written checked at full volume, and its predictions.
bool national_section(const std::string& root);

/// docs/validation.md's national history: FY2019 to FY2023 with enforcement fitted year by
/// year (tools/fit_national_history.sh), checked at the fitted values, and its predictions.
bool history_section(const std::string& root);

}  // namespace cisim_validate
