// SPDX-License-Identifier: MIT
#include "cisim/model/shift_schedule.hpp"

#include <catch2/catch.hpp>

using cisim::Duration;
using cisim::Shift;
using cisim::ShiftSchedule;
using cisim::SimTime;

namespace {
SimTime hour(int h) { return SimTime::start() + Duration::hours(h); }
}  // namespace

TEST_CASE("ShiftSchedule: a daily cycle repeats", "[model]") {
  // 2 officers 00-08, 6 officers 08-20, 3 officers 20-24.
  const ShiftSchedule s{{{Duration::hours(0), 2}, {Duration::hours(8), 6}, {Duration::hours(20), 3}}, Duration::days(1)};
  REQUIRE(s.officers_at(hour(0)) == 2);
  REQUIRE(s.officers_at(hour(7)) == 2);
  REQUIRE(s.officers_at(hour(8)) == 6);
  REQUIRE(s.officers_at(hour(23)) == 3);
  REQUIRE(s.officers_at(hour(24 + 9)) == 6);
  REQUIRE(s.next_change_after(hour(0)) == hour(8));
  REQUIRE(s.next_change_after(hour(8)) == hour(20));
  REQUIRE(s.next_change_after(hour(21)) == hour(24));
  REQUIRE(s.next_change_after(hour(24 * 5 + 10)) == hour(24 * 5 + 20));
  REQUIRE(s.officer_hours(hour(48)) == Approx(2 * (2 * 8 + 6 * 12 + 3 * 4)));
}

TEST_CASE("ShiftSchedule: without a cycle the last shift lasts for ever", "[model]") {
  const ShiftSchedule s{{{Duration::zero(), 2}, {Duration::minutes(15), 4}, {Duration::minutes(27), 2}}, std::nullopt};
  REQUIRE(s.officers_at(SimTime::start() + Duration::minutes(20)) == 4);
  REQUIRE(s.officers_at(SimTime::start() + Duration::days(400)) == 2);
  REQUIRE(s.next_change_after(SimTime::start() + Duration::minutes(27)) == std::nullopt);
}

TEST_CASE("ShiftSchedule: a constant schedule never changes", "[model]") {
  const auto s = ShiftSchedule::constant(10);
  REQUIRE(s.officers_at(hour(1000)) == 10);
  REQUIRE_FALSE(s.next_change_after(hour(0)).has_value());
}
