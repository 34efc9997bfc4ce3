// SPDX-License-Identifier: MIT
// Sampling algorithms for cisim's own distributions; see the header for which algorithm and why.
#include "cisim/random/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "cisim/base/assert.hpp"
#include "random/log_gamma.hpp"

namespace cisim {
namespace {

// Marsaglia and Tsang (2000), "A simple method for generating gamma variables", shape >= 1.
double standard_gamma_at_least_one(double shape, Xoshiro256& g) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal(g);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = g.uniform01();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double standard_gamma(double shape, Xoshiro256& g) {
  if (shape >= 1.0) return standard_gamma_at_least_one(shape, g);
  // Boost: if X ~ Gamma(k + 1) and U ~ U(0, 1], X * U^(1/k) ~ Gamma(k).
  const double x = standard_gamma_at_least_one(shape + 1.0, g);
  return x * std::pow(1.0 - g.uniform01(), 1.0 / shape);
}

// Poisson by sequential search of the CDF from 0; expected cost is mean + 1 steps.
std::int64_t poisson_by_inversion(double mean, Xoshiro256& g) {
  const double u = g.uniform01();
  std::int64_t k = 0;
  double p = std::exp(-mean);
  double cdf = p;
  // The cap guards against round-off leaving the CDF a hair under 1 for a U just below 1.
  while (u > cdf && k < 1000) {
    ++k;
    p *= mean / static_cast<double>(k);
    cdf += p;
  }
  return k;
}

// Hoermann (1993), "The transformed rejection method for generating Poisson random
// variables", algorithm PTRS; valid for mean >= 10.
std::int64_t poisson_ptrs(double mean, Xoshiro256& g) {
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = g.uniform01() - 0.5;
    const double v = g.uniform01();
    const double us = 0.5 - std::fabs(u);
    if (us <= 0.0) continue;  // u = -0.5 exactly: the hat is unbounded there
    const double kd = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(kd);
    if (kd < 0.0 || (us < 0.013 && v > us)) continue;
    const double log_accept = std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b);
    if (log_accept <= -mean + kd * log_mean - log_gamma(kd + 1.0)) return static_cast<std::int64_t>(kd);
  }
}

// Kachitvichyanukul and Schmeiser (1988), algorithm BINV; p <= 0.5 and small n * p.
std::int64_t binomial_by_inversion(std::int64_t n, double p, Xoshiro256& g) {
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = static_cast<double>(n + 1) * s;
  const double r0 = std::exp(static_cast<double>(n) * std::log1p(-p));
  for (;;) {
    double u = g.uniform01();
    double r = r0;
    std::int64_t x = 0;
    while (u > r) {
      u -= r;
      ++x;
      if (x > n) break;  // round-off ran past n: draw again
      r *= a / static_cast<double>(x) - s;
    }
    if (x <= n) return x;
  }
}

// Hoermann (1993), "The generation of binomial random variates", algorithm BTRS;
// p <= 0.5 and n * p >= 10. Acceptance compares with f(k) / f(mode) through lgamma.
std::int64_t binomial_btrs(std::int64_t n, double p, Xoshiro256& g) {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double vr = 0.92 - 4.2 / b;
  const double log_odds = std::log(p / q);
  const double mode = std::floor((nd + 1.0) * p);
  const double log_f_mode = log_gamma(mode + 1.0) + log_gamma(nd - mode + 1.0);
  for (;;) {
    const double u = g.uniform01() - 0.5;
    double v = g.uniform01();
    const double us = 0.5 - std::fabs(u);
    if (us <= 0.0) continue;
    const double kd = std::floor((2.0 * a / us + b) * u + c);
    if (kd < 0.0 || kd > nd) continue;
    if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(kd);
    v = std::log(v * alpha / (a / (us * us) + b));
    const double log_ratio = log_f_mode - log_gamma(kd + 1.0) - log_gamma(nd - kd + 1.0) + (kd - mode) * log_odds;
    if (v <= log_ratio) return static_cast<std::int64_t>(kd);
  }
}

}  // namespace

Uniform::Uniform(double low_value, double high_value) : low(low_value), high(high_value) {
  CISIM_ASSERT(std::isfinite(low) && std::isfinite(high) && low <= high, "uniform needs finite low <= high");
}

Constant::Constant(double v) : value(v) { CISIM_ASSERT(std::isfinite(v), "constant must be finite"); }

Exponential::Exponential(double mean) : mean_value(mean) {
  CISIM_ASSERT(std::isfinite(mean) && mean > 0.0, "exponential mean must be positive");
}

Normal::Normal(double mean, double sd) : mu(mean), sigma(sd) {
  CISIM_ASSERT(std::isfinite(mean) && std::isfinite(sd) && sd >= 0.0, "normal needs finite mean and sd >= 0");
}
double Normal::operator()(Xoshiro256& g) const { return mu + sigma * standard_normal(g); }

LogNormal::LogNormal(double mu_value, double sigma_value) : mu(mu_value), sigma(sigma_value) {
  CISIM_ASSERT(std::isfinite(mu) && std::isfinite(sigma) && sigma >= 0.0, "lognormal needs sigma >= 0");
}
LogNormal LogNormal::from_mean_sd(double mean, double sd) {
  CISIM_ASSERT(mean > 0.0 && sd >= 0.0, "lognormal needs mean > 0 and sd >= 0");
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  return LogNormal{std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}
double LogNormal::mean() const { return std::exp(mu + 0.5 * sigma * sigma); }
double LogNormal::variance() const {
  return std::expm1(sigma * sigma) * std::exp(2.0 * mu + sigma * sigma);
}

Gamma::Gamma(double shape_value, double scale_value) : shape(shape_value), scale(scale_value) {
  CISIM_ASSERT(shape > 0.0 && scale > 0.0 && std::isfinite(shape) && std::isfinite(scale),
               "gamma needs shape > 0 and scale > 0");
}
double Gamma::operator()(Xoshiro256& g) const { return scale * standard_gamma(shape, g); }

Beta::Beta(double a_value, double b_value, double low_value, double high_value)
    : a(a_value), b(b_value), low(low_value), high(high_value) {
  CISIM_ASSERT(a > 0.0 && b > 0.0 && std::isfinite(a) && std::isfinite(b), "beta needs a > 0 and b > 0");
  CISIM_ASSERT(std::isfinite(low) && std::isfinite(high) && low < high, "beta needs low < high");
}
double Beta::operator()(Xoshiro256& g) const {
  const double x = standard_gamma(a, g);
  const double y = standard_gamma(b, g);
  return low + (high - low) * (x / (x + y));
}

Erlang::Erlang(int k_value, double mean) : k(k_value), mean_value(mean) {
  CISIM_ASSERT(k >= 1 && mean > 0.0 && std::isfinite(mean), "erlang needs k >= 1 and mean > 0");
}
double Erlang::operator()(Xoshiro256& g) const {
  double log_sum = 0.0;
  for (int i = 0; i < k; ++i) log_sum += std::log1p(-g.uniform01());
  return -(mean_value / k) * log_sum;
}

Triangular::Triangular(double low_value, double mode_value, double high_value)
    : low(low_value), mode(mode_value), high(high_value) {
  CISIM_ASSERT(low <= mode && mode <= high && low < high, "triangular needs low <= mode <= high, low < high");
}
double Triangular::operator()(Xoshiro256& g) const {
  const double u = g.uniform01();
  const double width = high - low;
  if (u < (mode - low) / width) return low + std::sqrt(u * width * (mode - low));
  return high - std::sqrt((1.0 - u) * width * (high - mode));
}
double Triangular::variance() const {
  return (low * low + mode * mode + high * high - low * mode - low * high - mode * high) / 18.0;
}

Empirical::Empirical(std::vector<double> observations) : sorted(std::move(observations)) {
  CISIM_ASSERT(!sorted.empty(), "empirical needs at least one observation");
  std::sort(sorted.begin(), sorted.end());
}
double Empirical::operator()(Xoshiro256& g) const {
  if (sorted.size() == 1) return sorted.front();
  const double position = g.uniform01() * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(position);
  const double fraction = position - static_cast<double>(i);
  return sorted[i] + fraction * (sorted[i + 1] - sorted[i]);
}
double Empirical::mean() const {
  if (sorted.size() == 1) return sorted.front();
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < sorted.size(); ++i) sum += 0.5 * (sorted[i] + sorted[i + 1]);
  return sum / static_cast<double>(sorted.size() - 1);
}
double Empirical::variance() const {
  if (sorted.size() == 1) return 0.0;
  // Each gap is a uniform segment of weight 1 / (n - 1); E[X^2] on [x, y] is (x^2 + xy + y^2) / 3.
  double second = 0.0;
  for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
    const double x = sorted[i];
    const double y = sorted[i + 1];
    second += (x * x + x * y + y * y) / 3.0;
  }
  second /= static_cast<double>(sorted.size() - 1);
  const double m = mean();
  return second - m * m;
}

Bernoulli::Bernoulli(double probability) : p(probability) {
  CISIM_ASSERT(p >= 0.0 && p <= 1.0, "bernoulli probability must be in [0, 1]");
}

Poisson::Poisson(double mean) : mean_value(mean) {
  CISIM_ASSERT(std::isfinite(mean) && mean >= 0.0 && mean < 1e15, "poisson mean must be in [0, 1e15)");
}
std::int64_t Poisson::operator()(Xoshiro256& g) const {
  if (mean_value == 0.0) return 0;
  return mean_value < 10.0 ? poisson_by_inversion(mean_value, g) : poisson_ptrs(mean_value, g);
}

Binomial::Binomial(std::int64_t trials, double probability) : n(trials), p(probability) {
  CISIM_ASSERT(n >= 0 && p >= 0.0 && p <= 1.0, "binomial needs n >= 0 and p in [0, 1]");
}
std::int64_t Binomial::operator()(Xoshiro256& g) const {
  if (n == 0 || p == 0.0) return 0;
  if (p == 1.0) return n;
  // Draw the rarer outcome and mirror, so both algorithms see p <= 0.5.
  const bool mirrored = p > 0.5;
  const double small_p = mirrored ? 1.0 - p : p;
  const std::int64_t k = static_cast<double>(n) * small_p < 10.0 ? binomial_by_inversion(n, small_p, g)
                                                                 : binomial_btrs(n, small_p, g);
  return mirrored ? n - k : k;
}

Categorical::Categorical(const std::vector<double>& weights) {
  CISIM_ASSERT(!weights.empty(), "categorical needs at least one weight");
  double total = 0.0;
  for (double w : weights) {
    CISIM_ASSERT(std::isfinite(w) && w >= 0.0, "categorical weights must be finite and >= 0");
    total += w;
  }
  CISIM_ASSERT(total > 0.0, "categorical weights must not all be zero");
  const std::size_t k = weights.size();
  normalised_.resize(k);
  probability_.assign(k, 1.0);
  alias_.resize(k);
  std::iota(alias_.begin(), alias_.end(), std::size_t{0});
  // Vose (1991): scale to mean 1, then pair each under-full column with an over-full one.
  std::vector<double> scaled(k);
  std::vector<std::size_t> small;
  std::vector<std::size_t> large;
  for (std::size_t i = 0; i < k; ++i) {
    normalised_[i] = weights[i] / total;
    scaled[i] = normalised_[i] * static_cast<double>(k);
    (scaled[i] < 1.0 ? small : large).push_back(i);
  }
  while (!small.empty() && !large.empty()) {
    const std::size_t under = small.back();
    small.pop_back();
    const std::size_t over = large.back();
    large.pop_back();
    probability_[under] = scaled[under];
    alias_[under] = over;
    scaled[over] = (scaled[over] + scaled[under]) - 1.0;
    (scaled[over] < 1.0 ? small : large).push_back(over);
  }
  // Whatever remains is full up to round-off: probability 1, as initialised.
}
UniformCount::UniformCount(std::int64_t lo, std::int64_t hi) : min(lo), max(hi) {
  CISIM_ASSERT(0 <= lo && lo <= hi, "uniform count needs 0 <= min <= max");
}

EmpiricalCount::EmpiricalCount(std::vector<std::int64_t> v, const std::vector<double>& weights)
    : values(std::move(v)), pick(weights) {
  CISIM_ASSERT(values.size() == weights.size(), "empirical count needs one weight per value");
}

double EmpiricalCount::mean() const {
  double m = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) m += static_cast<double>(values[i]) * pick.probability(i);
  return m;
}

double Categorical::mean() const {
  double m = 0.0;
  for (std::size_t i = 0; i < normalised_.size(); ++i) m += static_cast<double>(i) * normalised_[i];
  return m;
}
double Categorical::variance() const {
  const double m = mean();
  double v = 0.0;
  for (std::size_t i = 0; i < normalised_.size(); ++i) {
    const double d = static_cast<double>(i) - m;
    v += d * d * normalised_[i];
  }
  return v;
}

}  // namespace cisim
