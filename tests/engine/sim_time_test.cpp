// SPDX-License-Identifier: MIT
#include "cisim/engine/sim_time.hpp"

#include <catch2/catch.hpp>

using cisim::Duration;
using cisim::SimTime;

TEST_CASE("Duration: unit constructors agree on microseconds", "[engine]") {
  REQUIRE(Duration::seconds(1).ticks() == 1'000'000);
  REQUIRE(Duration::minutes(45) == Duration::seconds(2700));
  REQUIRE(Duration::hours(2) == Duration::minutes(120));
  REQUIRE(Duration::days(92).ticks() == 92LL * 86400 * 1'000'000);
}

TEST_CASE("Duration: from_seconds rounds to the nearest microsecond", "[engine]") {
  REQUIRE(Duration::from_seconds(1.5).ticks() == 1'500'000);
  REQUIRE(Duration::from_seconds(0.0000004).ticks() == 0);
  REQUIRE(Duration::from_seconds(0.0000006).ticks() == 1);
  REQUIRE(Duration::from_hours(1.5) == Duration::minutes(90));
  REQUIRE(Duration::from_seconds(-2.0) == Duration::zero() - Duration::seconds(2));
}

TEST_CASE("Duration: many small steps add up exactly (integer clock)", "[engine]") {
  SimTime t;
  for (int i = 0; i < 1'000'000; ++i) t += Duration::from_seconds(0.1);
  REQUIRE(t == SimTime::start() + Duration::seconds(100'000));
}

TEST_CASE("SimTime: differences are Durations and conversions are exact", "[engine]") {
  const SimTime a = SimTime::start() + Duration::hours(3);
  const SimTime b = a + Duration::minutes(30);
  REQUIRE((b - a) == Duration::minutes(30));
  REQUIRE((b - a).to_hours() == 0.5);
  REQUIRE(b.since_start().to_days() == Approx(3.5 / 24.0));
  REQUIRE(a < b);
}

TEST_CASE("day_index and days_covering: days of the run", "[engine]") {
  REQUIRE(day_index(SimTime::start()) == 0);
  REQUIRE(day_index(SimTime::start() + Duration::days(1) - Duration::from_ticks(1)) == 0);
  REQUIRE(day_index(SimTime::start() + Duration::days(1)) == 1);
  REQUIRE(days_covering(Duration::hours(3)) == 1);
  REQUIRE(days_covering(Duration::days(1)) == 1);
  REQUIRE(days_covering(Duration::days(1) + Duration::from_ticks(1)) == 2);
  REQUIRE(days_covering(Duration::days(92)) == 92);
}
