// SPDX-License-Identifier: MIT
#include "model/aggregated/truncated_lognormal.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cisim;

TEST_CASE("normal_quantile inverts normal_cdf to full precision in both tails", "[random]") {
  for (const double p : {1e-300, 1e-12, 1e-6, 0.001, 0.02425, 0.2, 0.5, 0.8, 0.97575, 0.999, 1.0 - 1e-9}) {
    const double z = cisim::normal_quantile(p);
    const double back = z < 0.0 ? cisim::normal_cdf(z) : 1.0 - cisim::normal_cdf(-z);
    INFO("p " << p << " z " << z);
    REQUIRE(back == Approx(p).epsilon(1e-12));
  }
  REQUIRE(cisim::normal_quantile(0.5) == Approx(0.0).margin(1e-15));
  REQUIRE(cisim::normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
}

TEST_CASE("TruncatedLogNormal: chance and moments by the partial moments, draws inside the interval", "[random]") {
  // Untruncated: the lognormal's own mean exp(mu + s^2/2) and variance.
  const TruncatedLogNormal whole{3.0, 0.8, 0.0};
  REQUIRE(whole.probability() == Approx(1.0));
  REQUIRE(whole.mean() == Approx(std::exp(3.0 + 0.32)));
  REQUIRE(whole.variance() == Approx((std::exp(0.64) - 1.0) * std::exp(6.0 + 0.64)));
  // The pieces of a partition add up to the whole: chance, and chance x mean.
  const TruncatedLogNormal low{3.0, 0.8, 0.0, 20.0}, mid{3.0, 0.8, 20.0, 800.0}, high{3.0, 0.8, 800.0};
  REQUIRE(low.probability() + mid.probability() + high.probability() == Approx(1.0));
  REQUIRE(low.probability() * low.mean() + mid.probability() * mid.mean() + high.probability() * high.mean() ==
          Approx(whole.mean()));
  // Sample means and variances agree with the exact ones: 200,000 draws, 5 standard errors.
  for (const TruncatedLogNormal& t : {low, mid, high}) {
    Xoshiro256 g{17};
    const int n = 200'000;
    double sum = 0.0, squares = 0.0;
    for (int i = 0; i < n; ++i) {
      const double x = t(g);
      REQUIRE(x >= t.low());
      REQUIRE(x <= t.high());
      sum += x;
      squares += x * x;
    }
    const double mean = sum / n;
    INFO("interval " << t.low() << " to " << t.high());
    REQUIRE(std::fabs(mean - t.mean()) < 5.0 * std::sqrt(t.variance() / n));
    REQUIRE(squares / n - mean * mean == Approx(t.variance()).epsilon(0.05));
  }
  // A far upper tail keeps its digits: P(X > 1e6) for mu = 3, sigma = 0.8 is P(Z > 13.5),
  // about 7.6e-42 (1 - P(Z <= 13.5) would be 0 in doubles).
  const TruncatedLogNormal tail{3.0, 0.8, 1e6};
  REQUIRE(tail.probability() == Approx(0.5 * std::erfc((std::log(1e6) - 3.0) / 0.8 / std::sqrt(2.0))).epsilon(1e-12));
  REQUIRE(tail.probability() < 1e-40);
  Xoshiro256 g{3};
  REQUIRE(tail(g) >= 1e6);
}
