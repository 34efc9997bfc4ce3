// SPDX-License-Identifier: MIT
// TruncatedLogNormal: a lognormal value known to lie in (low, high]: its chance, moments and draws.
#pragma once

#include <limits>

#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// The standard normal distribution function, by the complementary error function (accurate
/// in both tails).
double normal_cdf(double z);
/// Its inverse for p in (0, 1): Acklam's rational approximation refined by one Halley step
/// against normal_cdf, which brings it to full double precision.
double normal_quantile(double p);

/// X = exp(mu + sigma Z), Z standard normal, restricted to low < X <= high (low >= 0, high
/// may be infinite). The aggregated path of the customs model (docs/performance.md) uses it
/// for the declared values of a class of shipments: the chance of the class, the exact mean
/// and variance of a value in it (for sums of many), and draws by inversion (for the few
/// shipments drawn one by one).
class TruncatedLogNormal {
 public:
  TruncatedLogNormal(double mu, double sigma, double low, double high = std::numeric_limits<double>::infinity());
  /// The standard lognormal, untruncated.
  TruncatedLogNormal() : TruncatedLogNormal(0.0, 1.0, 0.0) {}

  /// P(low < X <= high) for the untruncated X.
  double probability() const { return probability_; }
  /// E[X | low < X <= high] and Var[X | low < X <= high].
  double mean() const { return mean_; }
  double variance() const { return variance_; }
  double low() const { return low_; }
  double mu() const { return mu_; }
  double sigma() const { return sigma_; }
  /// A value's place on the standard normal scale, (log x - mu) / sigma.
  double z_of(double x) const;
  /// P(X > x | low < X <= high) for z = z_of(x), given its tails Phi(z) and Phi(-z), which
  /// every distribution with the same mu and sigma shares: no error function per call.
  double share_above(double z, double phi, double phi_minus) const;
  /// The same lognormal restricted further to (max(low, low()), min(high, high())], which
  /// must not be empty.
  TruncatedLogNormal within(double low, double high) const {
    return TruncatedLogNormal{mu_, sigma_, low > low_ ? low : low_, high < high_ ? high : high_};
  }
  double high() const { return high_; }

  /// One value: where the interval holds at least half the mass, an untruncated draw
  /// repeated until it falls inside (under two tries); else by inversion of the truncated
  /// distribution function, of the survival function in the upper half so that a far tail
  /// keeps its precision.
  double operator()(Xoshiro256& g) const;

 private:
  double mu_, sigma_, low_, high_;
  double a_, b_;  // the bounds on the standard normal scale (+-infinity when open)
  double tail_a_ = 0.0, tail_b_ = 0.0;  // Phi(a), Phi(b); in the upper half Phi(-a), Phi(-b)
  double probability_ = 0.0, mean_ = 0.0, variance_ = 0.0;
};

}  // namespace cisim
