// SPDX-License-Identifier: MIT
// Two-sample tests for the equivalence of two paths: Welch's t on means, Kolmogorov-Smirnov on distributions.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "cisim/stats/student_t.hpp"

namespace cisim::testing {

inline double sample_mean(const std::vector<double>& x) {
  double s = 0.0;
  for (const double v : x) s += v;
  return s / static_cast<double>(x.size());
}

inline double sample_variance(const std::vector<double>& x) {
  const double m = sample_mean(x);
  double s = 0.0;
  for (const double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size() - 1);
}

/// Two-sided p-value of Welch's t-test that the two samples have the same mean (unequal
/// variances, Welch-Satterthwaite degrees of freedom). Two constant samples: 1 if equal, else 0.
inline double welch_p_value(const std::vector<double>& a, const std::vector<double>& b) {
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double va = sample_variance(a) / na, vb = sample_variance(b) / nb;
  const double difference = sample_mean(a) - sample_mean(b);
  if (va + vb == 0.0) return difference == 0.0 ? 1.0 : 0.0;
  const double t = difference / std::sqrt(va + vb);
  const double df = (va + vb) * (va + vb) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
  return 2.0 * (1.0 - student_t_cdf(std::fabs(t), df));
}

/// The two-sample Kolmogorov-Smirnov statistic: the largest distance between the samples'
/// empirical distribution functions.
inline double ks_statistic(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0, j = 0;
  double d = 0.0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::fabs(static_cast<double>(i) / static_cast<double>(a.size()) -
                              static_cast<double>(j) / static_cast<double>(b.size())));
  }
  return d;
}

/// Its p-value by the Kolmogorov distribution with Stephens' small-sample correction
/// (Numerical Recipes, probks): conservative with ties, as counts have.
inline double ks_p_value(const std::vector<double>& a, const std::vector<double>& b) {
  const double ne = static_cast<double>(a.size()) * static_cast<double>(b.size()) / static_cast<double>(a.size() + b.size());
  const double lambda = (std::sqrt(ne) + 0.12 + 0.11 / std::sqrt(ne)) * ks_statistic(a, b);
  if (lambda < 1e-3) return 1.0;
  double sum = 0.0, sign = 1.0;
  for (int k = 1; k <= 100; ++k) {
    const double term = sign * 2.0 * std::exp(-2.0 * k * k * lambda * lambda);
    sum += term;
    if (std::fabs(term) < 1e-12) break;
    sign = -sign;
  }
  return std::clamp(sum, 0.0, 1.0);
}

}  // namespace cisim::testing
