// SPDX-License-Identifier: MIT
// Student t CDF and quantile, from the regularized incomplete beta function.
#include "cisim/stats/student_t.hpp"

#include <cmath>
#include <atomic>
#include <numbers>

#include "cisim/base/assert.hpp"
#include "random/log_gamma.hpp"

namespace cisim {
namespace {

// Continued fraction for I_x(a, b) (DLMF 8.17.22), evaluated by the modified Lentz method;
// converges fast for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double f = d;
  for (int m = 1; m <= 10000; ++m) {
    const double md = m;
    const double even = md * (b - md) * x / ((a + 2.0 * md - 1.0) * (a + 2.0 * md));
    d = 1.0 + even * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + even / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    f *= d * c;
    const double odd = -(a + md) * (a + b + md) * x / ((a + 2.0 * md) * (a + 2.0 * md + 1.0));
    d = 1.0 + odd * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + odd / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    f *= step;
    if (std::fabs(step - 1.0) < kEpsilon) break;
  }
  return f;
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  CISIM_ASSERT(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0, "incomplete beta needs a, b > 0 and x in [0, 1]");
  if (x == 0.0 || x == 1.0) return x;
  const double log_front = log_gamma(a + b) - log_gamma(a) - log_gamma(b) + a * std::log(x) + b * std::log1p(-x);
  // Use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly.
  if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(log_front) * beta_continued_fraction(x, a, b) / a;
  return 1.0 - std::exp(log_front) * beta_continued_fraction(1.0 - x, b, a) / b;
}

double student_t_cdf(double t, double degrees_of_freedom) {
  CISIM_ASSERT(degrees_of_freedom > 0.0, "t distribution needs degrees of freedom > 0");
  const double x = degrees_of_freedom / (degrees_of_freedom + t * t);
  const double tail = 0.5 * regularized_incomplete_beta(x, 0.5 * degrees_of_freedom, 0.5);
  return t >= 0.0 ? 1.0 - tail : tail;
}

namespace {

// The 95% interval's quantile by whole degrees of freedom, kept once found: a report asks for
// it for every metric of every scope and day (millions of times for a long run), always with
// the replications' count. Entries are found lazily; two threads finding the same entry
// store the same value, so a relaxed atomic suffices.
constexpr std::size_t kRemembered = 1024;
std::atomic<double> remembered_975[kRemembered];  // 0 until found (zero-initialized: static)

double student_t_quantile_searched(double p, double degrees_of_freedom);

}  // namespace

double student_t_quantile(double p, double degrees_of_freedom) {
  const auto whole = static_cast<std::size_t>(degrees_of_freedom);
  if (p == 0.975 && static_cast<double>(whole) == degrees_of_freedom && whole > 0 && whole < kRemembered) {
    std::atomic<double>& entry = remembered_975[whole];
    double t = entry.load(std::memory_order_relaxed);
    if (t == 0.0) {
      t = student_t_quantile_searched(p, degrees_of_freedom);
      entry.store(t, std::memory_order_relaxed);
    }
    return t;
  }
  return student_t_quantile_searched(p, degrees_of_freedom);
}

namespace {

double student_t_quantile_searched(double p, double degrees_of_freedom) {
  CISIM_ASSERT(p > 0.0 && p < 1.0, "t quantile needs p in (0, 1)");
  CISIM_ASSERT(degrees_of_freedom > 0.0, "t distribution needs degrees of freedom > 0");
  if (degrees_of_freedom == 1.0) return std::tan(std::numbers::pi * (p - 0.5));
  if (degrees_of_freedom == 2.0) {
    const double alpha = 4.0 * p * (1.0 - p);
    return 2.0 * (p - 0.5) * std::sqrt(2.0 / alpha);
  }
  if (p < 0.5) return -student_t_quantile_searched(1.0 - p, degrees_of_freedom);
  double low = 0.0;
  double high = 1.0;
  while (student_t_cdf(high, degrees_of_freedom) < p) high *= 2.0;
  for (int i = 0; i < 200 && high - low > 1e-13 * high; ++i) {
    const double mid = 0.5 * (low + high);
    (student_t_cdf(mid, degrees_of_freedom) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

}  // namespace

}  // namespace cisim
