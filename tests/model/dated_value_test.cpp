// SPDX-License-Identifier: MIT
#include "cisim/model/dated_value.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {
SimTime dated_day(int d) { return SimTime::start() + Duration::days(d); }
}  // namespace

TEST_CASE("DatedValue: a plain value never changes; a schedule holds each value from its date", "[model]") {
  const DatedValue plain{0.3};
  CHECK(plain.at(dated_day(0)) == 0.3);
  CHECK(plain.at(dated_day(400)) == 0.3);
  CHECK_FALSE(plain.next_change_after(dated_day(0)));
  CHECK_FALSE(plain.dated());

  const DatedValue v{{{dated_day(0), 2.0}, {dated_day(10), 4.0}, {dated_day(20), 1.0}}};
  CHECK(v.dated());
  CHECK(v.at(dated_day(0)) == 2.0);
  CHECK(v.at(dated_day(10) - Duration::seconds(1)) == 2.0);  // until the date's midnight
  CHECK(v.at(dated_day(10)) == 4.0);                         // from it
  CHECK(v.at(dated_day(19)) == 4.0);
  CHECK(v.at(dated_day(25)) == 1.0);
  CHECK(*v.next_change_after(dated_day(0)) == dated_day(10));
  CHECK(*v.next_change_after(dated_day(10)) == dated_day(20));
  CHECK_FALSE(v.next_change_after(dated_day(20)));
  CHECK(v.max() == 4.0);
  CHECK(v.scaled(0.25).at(dated_day(12)) == 1.0);
}
