// SPDX-License-Identifier: MIT
#include "cisim/stats/tally.hpp"

#include <catch2/catch.hpp>

using cisim::Tally;

TEST_CASE("Tally: empty tally reports n = 0 and no min or max", "[stats]") {
  const Tally t;
  REQUIRE(t.count() == 0);
  REQUIRE_FALSE(t.min().has_value());
  REQUIRE_FALSE(t.max().has_value());
  REQUIRE(t.variance() == 0.0);
}

TEST_CASE("Tally: mean, sample variance, min and max of a known set", "[stats]") {
  Tally t;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  REQUIRE(t.count() == 8);
  REQUIRE(t.mean() == 5.0);
  REQUIRE(t.variance() == Approx(32.0 / 7.0));
  REQUIRE(*t.min() == 2.0);
  REQUIRE(*t.max() == 9.0);
}

TEST_CASE("Tally: min and max are seeded from the first observation, even negative", "[stats]") {
  Tally t;
  t.add(-3.0);
  t.add(-1.0);
  REQUIRE(*t.max() == -1.0);
  REQUIRE(*t.min() == -3.0);
}

TEST_CASE("Tally: Welford stays accurate with a large offset", "[stats]") {
  // The naive sum-of-squares formula loses every digit here; Welford keeps the variance.
  Tally t;
  for (double x : {1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0}) t.add(x);
  REQUIRE(t.variance() == Approx(30.0).epsilon(1e-9));
}

TEST_CASE("Tally: reset forgets everything", "[stats]") {
  Tally t;
  t.add(1.0);
  t.reset();
  REQUIRE(t.count() == 0);
  REQUIRE_FALSE(t.max().has_value());
}
