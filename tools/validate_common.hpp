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

/// docs/validation.md's national section: FY2019 enforcement fitted to the published IPR
/// seizures, the baseline as written checked at full volume, and its predictions.
bool national_section(const std::string& root);

}  // namespace cisim_validate
