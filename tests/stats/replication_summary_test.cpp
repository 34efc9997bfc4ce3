// SPDX-License-Identifier: MIT
#include "cisim/stats/replication_summary.hpp"

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
