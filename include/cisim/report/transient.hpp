// SPDX-License-Identifier: MIT
// Transient detection: MSER-5 on the daily series of the measured window, and when to warn.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cisim {

/// MSER-5 (White 1997; White, Cobb and Spratt 2000): the series is cut into batches of 5
/// observations, and the truncation d (in batches, at most half of them) that minimises
///   sum_{i > d} (b_i - mean of b_{d+1..})^2 / (batches - d)^2
/// is where the transient ends. Returns the truncation in observations (a multiple of 5);
/// empty when the series has fewer than two batches.
std::optional<std::size_t> mser5_truncation(const std::vector<double>& series);

/// What MSER-5 finds in one daily series of the measured window (whole days only).
struct TransientCheck {
  std::string metric;                       ///< a daily metric of the whole run ("seizures")
  std::vector<std::size_t> per_replication;  ///< MSER-5's truncation in days, each replication
  std::size_t days = 0;        ///< on the mean over replications: the days before it ends
  double early_mean = 0.0;     ///< the series' mean over those days (per day)
  double late_mean = 0.0;      ///< and over the rest
  /// The early days differ from the rest by more than 3 standard errors (days taken as
  /// independent, the rest's spread): a transient, not MSER-5 choosing a cut in noise, which
  /// it does in about a third of stationary series (docs/model.md, "Warm-up").
  bool detected = false;
};

/// The whole run's daily series checked for a transient: what the officers do, what they
/// find and what they seize (learning sellers and targeting move the last two).
inline constexpr std::string_view kTransientSeries[] = {"inspected", "discrepancies_found", "seizures"};

/// MSER-5 on the mean over replications of a daily series `values[day][replication]`, and on
/// each replication's own.
TransientCheck check_transient(const std::string& metric, const std::vector<std::vector<double>>& values);

}  // namespace cisim
