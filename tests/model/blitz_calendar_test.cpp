// SPDX-License-Identifier: MIT
#include "cisim/model/blitz_calendar.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {
CustomsModelConfig two_facilities_one_blitz() {
  CustomsModelConfig c;
  c.facilities.resize(2);
  c.origins.resize(2);
  c.categories.resize(1);
  Blitz b;
  b.name = "july";
  b.start = SimTime::start() + Duration::days(1);
  b.end = SimTime::start() + Duration::days(3);
  b.facilities = {true, false};
  b.origins = {true, false};
  b.daily_count = 48;
  b.surge_officers = 4;
  c.blitzes.push_back(b);
  c.horizon = Duration::days(5);
  return c;
}
SimTime day_at(double days) { return SimTime::start() + Duration::from_seconds(days * 86400.0); }
}  // namespace

TEST_CASE("BlitzCalendar: one covers rule: its facilities, from start up to end", "[model]") {
  const auto c = two_facilities_one_blitz();
  const BlitzCalendar calendar{c, 5};
  REQUIRE_FALSE(calendar.covers(0, 0, day_at(0.99)));
  REQUIRE(calendar.covers(0, 0, day_at(1.0)));
  REQUIRE(calendar.covers(0, 0, day_at(2.99)));
  REQUIRE_FALSE(calendar.covers(0, 0, day_at(3.0)));
  REQUIRE_FALSE(calendar.covers(0, 1, day_at(2.0)));
  REQUIRE(calendar.covers_day(0, 0, 2));
  REQUIRE_FALSE(calendar.covers_day(0, 0, 3));
  REQUIRE(calendar.surge_officers(0, day_at(1.5)) == 4);
  REQUIRE(calendar.surge_officers(0, day_at(3.5)) == 0);
  REQUIRE(calendar.next_surge_change_after(0, day_at(0.5)) == day_at(1.0));
  REQUIRE(calendar.next_surge_change_after(0, day_at(1.0)) == day_at(3.0));
  REQUIRE_FALSE(calendar.next_surge_change_after(1, day_at(0.5)));
}

TEST_CASE("BlitzCalendar: eligibility follows the blitz's origins, in and out of the current slice", "[model]") {
  const auto c = two_facilities_one_blitz();
  BlitzCalendar calendar{c, 5};
  std::vector<std::size_t> out;
  calendar.begin_slice(0, day_at(1.0), day_at(1.0) + Duration::hours(1));
  calendar.eligible(0, day_at(1.01), 0, 0, out);
  REQUIRE(out == std::vector<std::size_t>{0});
  calendar.eligible(0, day_at(1.01), 1, 0, out);  // an origin the blitz does not take
  REQUIRE(out.empty());
  calendar.eligible(0, day_at(4.0), 0, 0, out);  // outside the slice and the window (a parcel in transit)
  REQUIRE(out.empty());
  calendar.eligible(0, day_at(2.5), 0, 0, out);  // outside the slice, inside the window
  REQUIRE(out == std::vector<std::size_t>{0});
}

TEST_CASE("BlitzCalendar: a daily count is spread evenly over the hours and met exactly by the day's end", "[model]") {
  const auto c = two_facilities_one_blitz();
  BlitzCalendar calendar{c, 5};
  int first_hour = 0;
  int day = 0;
  for (int minute = 0; minute < 24 * 60; ++minute) {
    for (int k = 0; k < 10; ++k) {  // 10 shipments a minute ask
      const bool taken = calendar.take_daily_quota(0, 0, day_at(1.0) + Duration::from_minutes(minute));
      day += taken ? 1 : 0;
      if (minute < 60) first_hour += taken ? 1 : 0;
    }
  }
  REQUIRE(first_hour == 2);  // 48 x 1 / 24
  REQUIRE(day == 48);
}
