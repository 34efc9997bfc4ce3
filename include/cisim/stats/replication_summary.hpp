// SPDX-License-Identifier: MIT
// ReplicationSummary: mean, sd and Student t confidence interval of one metric across replications.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

namespace cisim {

/// One metric summarised over n independent replications. Replication means are
/// approximately normal, so the interval is mean +- t(1 - alpha/2; n - 1) sd / sqrt(n).
/// With n < 2 there is no spread to estimate: sd is 0 and the interval is empty. Undefined
/// values (NaN) are left out of n; with none defined, mean and sd are NaN.
struct ReplicationSummary {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
  /// Half-width of the interval at `confidence`; empty when n < 2.
  std::optional<double> half_width;
  double confidence = 0.95;

  /// Summarises `values` (one per replication); confidence in (0, 1).
  static ReplicationSummary of(std::span<const double> values, double confidence = 0.95);

  std::optional<double> low() const { return half_width ? std::optional<double>{mean - *half_width} : std::nullopt; }
  std::optional<double> high() const { return half_width ? std::optional<double>{mean + *half_width} : std::nullopt; }
  /// The fewest replications whose interval (Student t at this confidence) would be at most
  /// `half_width` wide on each side if the sd stayed as measured: how many a reader would
  /// need to tell the mean from a bound that far away. Empty when n < 2, `half_width` <= 0
  /// or past 100,000; at least n + 1.
  std::optional<int> replications_for(double half_width) const;
  /// Whether the interval contains x (false when there is no interval).
  bool contains(double x) const { return half_width && x >= mean - *half_width && x <= mean + *half_width; }
};

}  // namespace cisim
