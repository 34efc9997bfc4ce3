// SPDX-License-Identifier: MIT
// TruncatedLogNormal: normal tails by erfc, moments by the lognormal's partial moments.
#include "model/aggregated/truncated_lognormal.hpp"

#include <algorithm>
#include <cmath>

#include "cisim/base/assert.hpp"
#include "cisim/random/distributions.hpp"

namespace cisim {
namespace {

constexpr double kInfiniteZ = std::numeric_limits<double>::infinity();

// P(a < Z <= b), from whichever tail keeps the digits: both bounds above 0 in the upper tail.
double normal_mass(double a, double b) {
  if (a > 0.0) return normal_cdf(-a) - normal_cdf(-b);
  return normal_cdf(b) - normal_cdf(a);
}

}  // namespace

double normal_cdf(double z) { return 0.5 * std::erfc(-z * M_SQRT1_2); }

double normal_quantile(double p) {
  CISIM_ASSERT(p > 0.0 && p < 1.0, "normal quantile needs p in (0, 1)");
  // Acklam (2003): relative error below 1.15e-9 before refinement.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x = 0.0;
  if (p < low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // One Halley step on F(x) - p = 0; the error is taken from the tail p lies in.
  const double e = x < 0.0 ? normal_cdf(x) - p : (1.0 - p) - normal_cdf(-x);
  const double u = e * std::sqrt(2.0 * M_PI) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

TruncatedLogNormal::TruncatedLogNormal(double mu, double sigma, double low, double high)
    : mu_(mu), sigma_(sigma), low_(low), high_(high) {
  CISIM_ASSERT(sigma > 0.0 && low >= 0.0 && high > low, "truncated lognormal needs sigma > 0 and 0 <= low < high");
  a_ = low > 0.0 ? (std::log(low) - mu) / sigma : -kInfiniteZ;
  b_ = std::isinf(high) ? kInfiniteZ : (std::log(high) - mu) / sigma;
  probability_ = normal_mass(a_, b_);
  tail_a_ = a_ > 0.0 ? normal_cdf(-a_) : normal_cdf(a_);
  tail_b_ = a_ > 0.0 ? normal_cdf(-b_) : normal_cdf(b_);
  if (probability_ <= 0.0) return;
  // E[X^k; a < Z <= b] = exp(k mu + k^2 sigma^2 / 2) P(a - k sigma < Z <= b - k sigma).
  const double m1 = std::exp(mu + 0.5 * sigma * sigma) * normal_mass(a_ - sigma, b_ - sigma);
  const double m2 = std::exp(2.0 * mu + 2.0 * sigma * sigma) * normal_mass(a_ - 2.0 * sigma, b_ - 2.0 * sigma);
  mean_ = std::clamp(m1 / probability_, low, high);
  variance_ = std::max(0.0, m2 / probability_ - mean_ * mean_);
}

double TruncatedLogNormal::z_of(double x) const {
  if (!(x > 0.0)) return -kInfiniteZ;
  return std::isinf(x) ? kInfiniteZ : (std::log(x) - mu_) / sigma_;
}

// P(z < Z <= b) over P(a < Z <= b), each mass from the tail that keeps its digits (as
// normal_mass): tail_b_ is Phi(-b) when a > 0, else Phi(b).
double TruncatedLogNormal::share_above(double z, double phi, double phi_minus) const {
  if (z <= a_) return 1.0;
  if (z >= b_ || !(probability_ > 0.0)) return 0.0;
  const double phi_minus_b = a_ > 0.0 ? tail_b_ : 1.0 - tail_b_;
  const double mass = z > 0.0 ? phi_minus - phi_minus_b : tail_b_ - phi;  // z <= 0 < ... only when a <= 0
  return std::clamp(mass / probability_, 0.0, 1.0);
}

double TruncatedLogNormal::operator()(Xoshiro256& g) const {
  if (probability_ >= 0.5) {
    for (;;) {
      const double z = standard_normal(g);
      if (z > a_ && z <= b_) return std::clamp(std::exp(mu_ + sigma_ * z), low_, high_);
    }
  }
  // A uniform in the open interval (0, 1), so neither end of the range is taken exactly.
  const double u = g.uniform01() + 0x1p-54;
  double z = 0.0;
  if (a_ > 0.0) {
    // Upper half: invert the survival function S(z) = P(Z > z) between S(b) and S(a).
    z = -normal_quantile(std::clamp(tail_b_ + u * (tail_a_ - tail_b_), 1e-300, 0.5));
  } else {
    z = normal_quantile(std::clamp(tail_a_ + u * (tail_b_ - tail_a_), 1e-300, 1.0 - 1e-16));
  }
  z = std::clamp(z, a_, b_);
  return std::clamp(std::exp(mu_ + sigma_ * z), low_, high_);
}

}  // namespace cisim
