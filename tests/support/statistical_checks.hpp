// SPDX-License-Identifier: MIT
// Helpers for statistical tests of samplers: moment checks, Kolmogorov-Smirnov, chi-square.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

namespace cisim::testing {

/// Tolerance of every statistical test here: 5 standard errors. For a correct sampler
/// and a fresh seed the chance of a false failure is below 1e-6 per check, and with the
/// fixed seeds the tests use, the outcome is deterministic anyway; a real bias of a few
/// standard errors at n = 200,000 (about 1% of sd) is caught.
inline constexpr double kStandardErrors = 5.0;

struct MomentCheck {
  double sample_mean = 0.0;
  double sample_variance = 0.0;
  double mean_error_bound = 0.0;      ///< kStandardErrors x sqrt(variance / n)
  double variance_error_bound = 0.0;  ///< kStandardErrors x the estimated sd of the sample variance
  bool mean_ok = false;
  bool variance_ok = false;
};

/// Compares sample mean and variance with the exact ones. The standard error of the sample
/// variance is sqrt(Var[(X - m)^2] / n), estimated from the sample itself, so no fourth
/// moment has to be known for each distribution.
inline MomentCheck check_moments(const std::vector<double>& xs, double mean, double variance) {
  const auto n = static_cast<double>(xs.size());
  MomentCheck c;
  for (double x : xs) c.sample_mean += x;
  c.sample_mean /= n;
  double m2 = 0.0;
  for (double x : xs) m2 += (x - c.sample_mean) * (x - c.sample_mean);
  c.sample_variance = m2 / (n - 1.0);
  double var_of_sq = 0.0;
  for (double x : xs) {
    const double d = (x - c.sample_mean) * (x - c.sample_mean) - c.sample_variance;
    var_of_sq += d * d;
  }
  var_of_sq /= (n - 1.0);
  c.mean_error_bound = kStandardErrors * std::sqrt(variance / n);
  c.variance_error_bound = kStandardErrors * std::sqrt(var_of_sq / n) + 1e-12;
  c.mean_ok = std::fabs(c.sample_mean - mean) <= c.mean_error_bound + 1e-12;
  c.variance_ok = std::fabs(c.sample_variance - variance) <= c.variance_error_bound;
  return c;
}

/// Kolmogorov-Smirnov statistic sqrt(n) D_n of a sample against a continuous CDF.
/// Its 0.1% critical value is 1.949 (the Kolmogorov distribution: P(K > 1.949) = 0.001).
inline double ks_statistic(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const auto n = static_cast<double>(xs.size());
  double d = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return std::sqrt(n) * d;
}
inline constexpr double kKolmogorovCritical001 = 1.949;

/// Pearson's chi-square statistic; cells with expected count below 5 are pooled into
/// their neighbour so the chi-square approximation holds. Returns {statistic, degrees of freedom}.
inline std::pair<double, int> chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  double statistic = 0.0;
  int cells = 0;
  double o_acc = 0.0;
  double e_acc = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    o_acc += observed[i];
    e_acc += expected[i];
    if (e_acc >= 5.0) {
      statistic += (o_acc - e_acc) * (o_acc - e_acc) / e_acc;
      ++cells;
      o_acc = e_acc = 0.0;
    }
  }
  if (e_acc > 0.0) statistic += (o_acc - e_acc) * (o_acc - e_acc) / std::max(e_acc, 1e-300), ++cells;
  return {statistic, cells - 1};
}

/// Upper 0.1% point of chi-square with df degrees of freedom, by Wilson and Hilferty's
/// cube-root normal approximation (z(0.999) = 3.0902); accurate to about 1% for df >= 3.
inline double chi_square_critical_001(int df) {
  const double k = df;
  const double h = 2.0 / (9.0 * k);
  return k * std::pow(1.0 - h + 3.0902 * std::sqrt(h), 3.0);
}

}  // namespace cisim::testing
