// SPDX-License-Identifier: MIT
#include "cisim/stats/time_weighted.hpp"

#include <catch2/catch.hpp>

using cisim::Duration;
using cisim::SimTime;
using cisim::TimeWeighted;

namespace {
SimTime tw_minute(int m) { return SimTime::start() + Duration::minutes(m); }
}  // namespace

TEST_CASE("TimeWeighted: average of a step function", "[stats]") {
  TimeWeighted q;
  q.update(tw_minute(0), 2.0);   // 2 for 10 min
  q.update(tw_minute(10), 5.0);  // 5 for 20 min
  q.update(tw_minute(30), 0.0);  // 0 for 10 min
  REQUIRE(q.mean(tw_minute(40)) == Approx((2 * 10 + 5 * 20) / 40.0));
  REQUIRE(q.integral_seconds(tw_minute(40)) == Approx((2 * 10 + 5 * 20) * 60.0));
  REQUIRE(q.max() == 5.0);
}

TEST_CASE("TimeWeighted: restart drops the warm-up but keeps the current level", "[stats]") {
  TimeWeighted q;
  q.update(tw_minute(0), 100.0);
  q.update(tw_minute(10), 4.0);
  q.restart(tw_minute(20));
  q.update(tw_minute(30), 0.0);
  REQUIRE(q.mean(tw_minute(40)) == Approx(2.0));  // 4 for 10 min, 0 for 10 min
  REQUIRE(q.max() == 4.0);
  REQUIRE(q.start() == tw_minute(20));
}

TEST_CASE("TimeWeighted: with no elapsed time the mean is the current level", "[stats]") {
  TimeWeighted q{tw_minute(5), 3.0};
  REQUIRE(q.mean(tw_minute(5)) == 3.0);
}
