// SPDX-License-Identifier: MIT
#include "cisim/stats/replication_summary.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

using cisim::ReplicationSummary;

TEST_CASE("ReplicationSummary: mean, sd and the Student t interval", "[stats]") {
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto s = ReplicationSummary::of(v);
  REQUIRE(s.n == 10);
  REQUIRE(s.mean == 5.5);
  REQUIRE(s.sd == Approx(3.02765));
  // 2.262 x 3.02765 / sqrt(10)
  REQUIRE(*s.half_width == Approx(2.2622 * 3.02765 / 3.16228).epsilon(1e-4));
  REQUIRE(s.contains(5.5));
  REQUIRE_FALSE(s.contains(9.0));
}

TEST_CASE("ReplicationSummary: one replication has no interval", "[stats]") {
  const std::vector<double> v{4.2};
  const auto s = ReplicationSummary::of(v);
  REQUIRE(s.n == 1);
  REQUIRE(s.mean == 4.2);
  REQUIRE_FALSE(s.half_width.has_value());
  REQUIRE_FALSE(s.contains(4.2));
}

TEST_CASE("ReplicationSummary: wider at 99% than at 95%", "[stats]") {
  const std::vector<double> v{3.1, 2.9, 3.4, 3.0, 2.7};
  REQUIRE(*ReplicationSummary::of(v, 0.99).half_width > *ReplicationSummary::of(v, 0.95).half_width);
}

TEST_CASE("ReplicationSummary: an undefined replication (NaN) is left out of n, mean and interval", "[stats]") {
  // A rate over no shipments in one replication says nothing about the rate; counting it as 0
  // would pull the mean down (decision 0015).
  const double undefined = std::numeric_limits<double>::quiet_NaN();
  const auto s = ReplicationSummary::of(std::vector<double>{0.1, undefined, 0.3});
  REQUIRE(s.n == 2);
  REQUIRE(s.mean == Approx(0.2));
  REQUIRE(s.half_width.has_value());
  const auto none = ReplicationSummary::of(std::vector<double>{undefined, undefined});
  REQUIRE(none.n == 0);
  REQUIRE(std::isnan(none.mean));
  REQUIRE_FALSE(none.half_width.has_value());
}
