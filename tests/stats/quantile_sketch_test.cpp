// SPDX-License-Identifier: MIT
#include "cisim/stats/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/random/distributions.hpp"

using cisim::QuantileSketch;

TEST_CASE("QuantileSketch: quantiles within the stated relative error of the exact order statistic", "[stats]") {
  const double accuracy = 0.005;
  QuantileSketch sketch{accuracy};
  cisim::Xoshiro256 g{99};
  const auto d = cisim::LogNormal::from_mean_sd(2.0, 3.0);  // heavy right tail, like waits
  std::vector<double> xs;
  for (int i = 0; i < 100'000; ++i) {
    const double x = d(g);
    xs.push_back(x);
    sketch.add(x);
  }
  std::sort(xs.begin(), xs.end());
  for (double q : {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999}) {
    const double exact = xs[static_cast<std::size_t>(std::floor(q * static_cast<double>(xs.size() - 1)))];
    INFO("q = " << q << ", exact " << exact << ", sketch " << sketch.quantile(q));
    REQUIRE(std::fabs(sketch.quantile(q) - exact) <= accuracy * exact * (1.0 + 1e-9));
  }
  REQUIRE(sketch.quantile(0.0) == xs.front());
  REQUIRE(sketch.quantile(1.0) == xs.back());
}

TEST_CASE("QuantileSketch: zeros (shipments that never waited) are counted exactly", "[stats]") {
  QuantileSketch sketch;
  for (int i = 0; i < 70; ++i) sketch.add(0.0);
  for (int i = 1; i <= 30; ++i) sketch.add(static_cast<double>(i));
  REQUIRE(sketch.quantile(0.5) == 0.0);
  REQUIRE(sketch.quantile(0.69) == 0.0);
  REQUIRE(sketch.quantile(0.95) == Approx(25.0).epsilon(0.005));
}

TEST_CASE("QuantileSketch: memory is bounded whatever the count", "[stats]") {
  QuantileSketch sketch{0.01, 1e-3, 1e3};
  for (int i = 0; i < 1'000'000; ++i) sketch.add(static_cast<double>(i % 5000) * 0.37);
  REQUIRE(sketch.count() == 1'000'000);
  REQUIRE(sketch.clamped() > 0);                // values above 1e3 are counted, not lost
  REQUIRE(sketch.quantile(1.0) == Approx(4999 * 0.37));
}

TEST_CASE("QuantileSketch: empty sketch and reset", "[stats]") {
  QuantileSketch sketch;
  REQUIRE(sketch.quantile(0.5) == 0.0);
  sketch.add(3.0);
  sketch.reset();
  REQUIRE(sketch.count() == 0);
}
