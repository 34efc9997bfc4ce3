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

TEST_CASE("Tally: merging two tallies equals tallying everything in one", "[stats]") {
  Tally a, b, all;
  for (double x : {1.0, 5.0, 2.5}) {
    a.add(x);
    all.add(x);
  }
  for (double x : {10.0, -4.0, 7.0, 3.0}) {
    b.add(x);
    all.add(x);
  }
  a.merge(b);
  REQUIRE(a.count() == all.count());
  REQUIRE(a.mean() == Approx(all.mean()));
  REQUIRE(a.variance() == Approx(all.variance()));
  REQUIRE(*a.min() == -4.0);
  REQUIRE(*a.max() == 10.0);
  Tally empty;
  empty.merge(a);
  REQUIRE(empty.count() == 7);
}
