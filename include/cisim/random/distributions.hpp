// SPDX-License-Identifier: MIT
// Our own random distributions, so that a seed gives the same values with every standard library.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "cisim/random/xoshiro256.hpp"

namespace cisim {

// Each distribution is a small value type: parameters are checked once, at construction
// (CISIM_ASSERT: the scenario layer validates user input before it gets here), then
// operator()(Xoshiro256&) draws. mean() and variance() give the exact moments, which the
// tests and the scenario checks (offered load) use. Continuous draws are doubles in the
// caller's unit; the caller converts to Duration once.

/// Uniform on [low, high).
struct Uniform {
  Uniform(double low, double high);
  double operator()(Xoshiro256& g) const { return low + (high - low) * g.uniform01(); }
  double mean() const { return 0.5 * (low + high); }
  double variance() const { return (high - low) * (high - low) / 12.0; }
  double low, high;
};

/// Always `value` (M/D/1 service, fixed processing delays).
struct Constant {
  explicit Constant(double value);
  double operator()(Xoshiro256&) const { return value; }
  double mean() const { return value; }
  double variance() const { return 0.0; }
  double value;
};

/// Exponential with the given mean, by inversion: -mean * ln(1 - U), U in [0, 1). For U a
/// multiple of 2^-53, 1 - U is exact, so log(1 - U) loses nothing against log1p(-U) and is
/// faster.
struct Exponential {
  explicit Exponential(double mean);
  double operator()(Xoshiro256& g) const { return -mean_value * std::log(1.0 - g.uniform01()); }
  double mean() const { return mean_value; }
  double variance() const { return mean_value * mean_value; }
  double mean_value;
};

/// A standard normal by Marsaglia's polar method: a point uniform in the unit disc gives a
/// normal without any trigonometry (one of the pair is used, so there is no hidden state;
/// 1.27 tries on average). Inline: shipment values draw it once per shipment.
inline double standard_normal(Xoshiro256& g) {
  for (;;) {
    const double x = 2.0 * g.uniform01() - 1.0;
    const double y = 2.0 * g.uniform01() - 1.0;
    const double r2 = x * x + y * y;
    if (r2 > 0.0 && r2 < 1.0) return x * std::sqrt(-2.0 * std::log(r2) / r2);
  }
}

/// Normal, by the polar method (standard_normal).
struct Normal {
  Normal(double mean, double sd);
  double operator()(Xoshiro256& g) const;
  double mean() const { return mu; }
  double variance() const { return sigma * sigma; }
  double mu, sigma;
};

/// Lognormal: exp(N(mu, sigma)). from_mean_sd takes the moments of the lognormal itself.
struct LogNormal {
  LogNormal(double mu, double sigma);
  static LogNormal from_mean_sd(double mean, double sd);
  /// Inline: shipment values are drawn from it once per shipment.
  double operator()(Xoshiro256& g) const { return std::exp(mu + sigma * standard_normal(g)); }
  double mean() const;
  double variance() const;
  double mu, sigma;
};

/// Gamma with shape k and scale theta, by Marsaglia and Tsang (2000); shape < 1 by the
/// boost Gamma(k) = Gamma(k + 1) * U^(1/k).
struct Gamma {
  Gamma(double shape, double scale);
  double operator()(Xoshiro256& g) const;
  double mean() const { return shape * scale; }
  double variance() const { return shape * scale * scale; }
  double shape, scale;
};

/// Beta(a, b) stretched onto [low, high] (default [0, 1]), as X / (X + Y) with
/// X ~ Gamma(a), Y ~ Gamma(b).
struct Beta {
  Beta(double a, double b, double low = 0.0, double high = 1.0);
  double operator()(Xoshiro256& g) const;
  double mean() const { return low + (high - low) * a / (a + b); }
  double variance() const { return (high - low) * (high - low) * a * b / ((a + b) * (a + b) * (a + b + 1.0)); }
  double a, b, low, high;
};

/// Erlang: the sum of k exponentials, with total mean `mean`.
struct Erlang {
  Erlang(int k, double mean);
  double operator()(Xoshiro256& g) const;
  double mean() const { return mean_value; }
  double variance() const { return mean_value * mean_value / k; }
  int k;
  double mean_value;
};

/// Triangular on [low, high] with the given mode, by inversion.
struct Triangular {
  Triangular(double low, double mode, double high);
  double operator()(Xoshiro256& g) const;
  double mean() const { return (low + mode + high) / 3.0; }
  double variance() const;
  double low, mode, high;
};

/// Continuous empirical distribution: the piecewise-linear CDF through the sorted
/// observations, each gap between neighbours holding equal probability (Law and Kelton's
/// interpolated empirical). One observation gives a constant.
struct Empirical {
  explicit Empirical(std::vector<double> observations);
  double operator()(Xoshiro256& g) const;
  double mean() const;
  double variance() const;
  std::vector<double> sorted;
};

/// Bernoulli: 1 with probability p.
struct Bernoulli {
  explicit Bernoulli(double p);
  bool operator()(Xoshiro256& g) const { return g.uniform01() < p; }
  double mean() const { return p; }
  double variance() const { return p * (1.0 - p); }
  double p;
};

/// Poisson with the given mean: inversion by sequential search below mean 10, and
/// Hoermann's transformed rejection with squeeze (PTRS, 1993) above, so the cost per draw
/// stays bounded for any mean.
struct Poisson {
  explicit Poisson(double mean);
  std::int64_t operator()(Xoshiro256& g) const;
  double mean() const { return mean_value; }
  double variance() const { return mean_value; }
  double mean_value;
};

/// Binomial(n, p): inversion (Kachitvichyanukul and Schmeiser's BINV) while n * min(p, 1-p)
/// is below 10, and Hoermann's BTRS transformed rejection above, so large n stays fast.
struct Binomial {
  Binomial(std::int64_t n, double p);
  std::int64_t operator()(Xoshiro256& g) const;
  double mean() const { return static_cast<double>(n) * p; }
  double variance() const { return static_cast<double>(n) * p * (1.0 - p); }
  std::int64_t n;
  double p;
};

/// Categorical over indices 0..k-1 with the given non-negative weights, by Vose's alias
/// method: one uniform draw per sample whatever k is.
class Categorical {
 public:
  explicit Categorical(const std::vector<double>& weights);
  /// Inline: it runs several times per shipment.
  std::size_t operator()(Xoshiro256& g) const {
    const double position = g.uniform01() * static_cast<double>(probability_.size());
    const auto column = static_cast<std::size_t>(position);
    return position - static_cast<double>(column) < probability_[column] ? column : alias_[column];
  }
  std::size_t size() const { return probability_.size(); }
  /// The normalised probability of index i.
  double probability(std::size_t i) const { return normalised_[i]; }
  double mean() const;
  double variance() const;

 private:
  std::vector<double> normalised_;
  std::vector<double> probability_;  // alias table: keep i with this probability
  std::vector<std::size_t> alias_;   // else take alias_[i]
};

/// A continuous distribution of durations or values chosen by the scenario.
using Distribution = std::variant<Constant, Uniform, Exponential, Normal, LogNormal, Gamma, Beta, Erlang,
                                  Triangular, Empirical>;

/// A distribution of whole numbers (batch sizes, item counts) chosen by the scenario.
/// Whole numbers from `min` to `max` inclusive, each equally likely ("1 to 50 boxes").
struct UniformCount {
  UniformCount(std::int64_t min, std::int64_t max);
  std::int64_t operator()(Xoshiro256& g) const {
    return min + static_cast<std::int64_t>(g.uniform01() * static_cast<double>(max - min + 1));
  }
  double mean() const { return 0.5 * static_cast<double>(min + max); }
  std::int64_t min;
  std::int64_t max;
};

/// Discrete values with weights (an observed distribution of counts): one alias-table draw.
struct EmpiricalCount {
  EmpiricalCount(std::vector<std::int64_t> values, const std::vector<double>& weights);
  std::int64_t operator()(Xoshiro256& g) const { return values[pick(g)]; }
  double mean() const;
  std::vector<std::int64_t> values;
  Categorical pick;
};

using CountDistribution = std::variant<Constant, Poisson, Binomial, UniformCount, EmpiricalCount>;

/// Draws a whole number from whichever count distribution `d` holds.
inline std::int64_t sample_count(const CountDistribution& d, Xoshiro256& g) {
  return std::visit([&g](const auto& dist) { return static_cast<std::int64_t>(dist(g)); }, d);
}
inline double mean_of(const CountDistribution& d) {
  return std::visit([](const auto& dist) { return dist.mean(); }, d);
}

/// Draws from whichever distribution `d` holds.
inline double sample(const Distribution& d, Xoshiro256& g) {
  return std::visit([&g](const auto& dist) { return static_cast<double>(dist(g)); }, d);
}
inline double mean_of(const Distribution& d) {
  return std::visit([](const auto& dist) { return dist.mean(); }, d);
}
inline double variance_of(const Distribution& d) {
  return std::visit([](const auto& dist) { return dist.variance(); }, d);
}

}  // namespace cisim
