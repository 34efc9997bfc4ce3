// SPDX-License-Identifier: MIT
// Comparison: two reports of runs with common random numbers, metric by metric, as paired differences.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/stats/replication_summary.hpp"

namespace cisim {

/// One metric of one scope in both runs. Replication r of both runs used the same named
/// random streams, so d_r = alt_r - base_r pairs like with like and its interval is
/// usually much narrower than the unpaired one, which is reported too.
struct MetricComparison {
  std::string scope;
  std::string scope_name;
  std::string metric;
  std::string unit;
  ReplicationSummary base;
  ReplicationSummary alt;
  ReplicationSummary difference;       ///< of the paired differences alt - base
  std::optional<double> unpaired_half_width;  ///< Welch's 95% half-width, for comparison
  /// Zero in every replication of both runs: nothing to compare (tables leave it out).
  /// Zero or undefined (NaN: over no shipments) in both: nothing to show.
  bool zero_in_both() const { return nothing(base.mean) && nothing(alt.mean) && nothing(difference.sd); }
  static bool nothing(double v) { return v == 0.0 || std::isnan(v); }
  /// The paired 95% interval excludes 0.
  bool significant() const {
    return difference.half_width && (difference.mean - *difference.half_width > 0.0 || difference.mean + *difference.half_width < 0.0);
  }
};

struct Comparison {
  Report base;
  Report alt;
  std::vector<MetricComparison> metrics;  ///< every scope and metric present in both, base order
};

/// Pairs the metrics of two reports made with the same seed and number of replications.
Comparison compare_reports(Report base, Report alt);

std::string format_comparison_table(const Comparison& c, TableStyle style = TableStyle::Text);
/// differences.csv: base_run_id, alt_run_id, scope, scope_name, metric, unit, base_mean, alt_mean, difference, ci95_low,
/// ci95_high, unpaired_half_width, significant, n
std::string format_comparison_csv(const Comparison& c);
std::string format_comparison_json(const Comparison& c);

}  // namespace cisim
