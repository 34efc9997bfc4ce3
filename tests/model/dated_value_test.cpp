// SPDX-License-Identifier: MIT
#include "cisim/model/dated_value.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {
SimTime day(int d) { return SimTime::start() + Duration::days(d); }
}  // namespace

TEST_CASE("DatedValue: a plain value never changes; a schedule holds each value from its date", "[model]") {
  const DatedValue plain{0.3};
  CHECK(plain.at(day(0)) == 0.3);
  CHECK(plain.at(day(400)) == 0.3);
  CHECK_FALSE(plain.next_change_after(day(0)));
  CHECK_FALSE(plain.dated());

  const DatedValue v{{{day(0), 2.0}, {day(10), 4.0}, {day(20), 1.0}}};
  CHECK(v.dated());
  CHECK(v.at(day(0)) == 2.0);
  CHECK(v.at(day(10) - Duration::seconds(1)) == 2.0);  // until the date's midnight
  CHECK(v.at(day(10)) == 4.0);                         // from it
  CHECK(v.at(day(19)) == 4.0);
  CHECK(v.at(day(25)) == 1.0);
  CHECK(*v.next_change_after(day(0)) == day(10));
  CHECK(*v.next_change_after(day(10)) == day(20));
  CHECK_FALSE(v.next_change_after(day(20)));
  CHECK(v.max() == 4.0);
  CHECK(v.scaled(0.25).at(day(12)) == 1.0);
}
