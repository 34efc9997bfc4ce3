// SPDX-License-Identifier: MIT
#include "report/calendar_periods.hpp"

#include <catch2/catch.hpp>

#include "cisim/scenario/units.hpp"

using namespace cisim;

namespace {

// Two facilities over `days` days; day d brings d + 1 arrivals at the first facility and 10 at
// the second, and one officer-hour busy of 24 at each.
CustomsResult periods_replication(std::size_t days) {
  CustomsResult x;
  x.daily.assign(days, std::vector<CustomsTally>(2));
  x.daily_officers.assign(days, std::vector<OfficerTime>(2));
  for (std::size_t d = 0; d < days; ++d) {
    x.daily[d][0][Count::Arrivals] = d + 1;
    x.daily[d][1][Count::Arrivals] = 10;
    for (auto& t : x.daily_officers[d]) {
      t.hours = 24.0;
      t.busy_officer_hours = 1.0;
      t.present_officer_hours = 24.0;
    }
  }
  return x;
}

}  // namespace

TEST_CASE("fiscal years begin on 1 October and months on the first, over the measured days only", "[report]") {
  // Day 0 is 2019-09-29; days 1 to 34 are measured: 2019-09-30 (FY2019), then 2019-10-01 to
  // 2019-11-02 (FY2020).
  const std::int64_t day0 = days_since_epoch(CivilDate{2019, 9, 29});
  const std::vector<CustomsResult> reps{periods_replication(40), periods_replication(40)};
  const auto periods = calendar_periods(reps, day0, 1, 35);
  REQUIRE(periods.size() == 5);
  CHECK(periods[0].kind == Scope::FiscalYear);
  CHECK(periods[0].name == "FY2019");
  CHECK(periods[0].first_day == 1);
  CHECK(periods[0].end_day == 2);
  CHECK(periods[1].name == "FY2020");
  CHECK(periods[1].end_day == 35);
  CHECK(periods[2].kind == Scope::Month);
  CHECK(periods[2].name == "2019-09");
  CHECK(periods[3].name == "2019-10");
  CHECK(periods[3].end_day - periods[3].first_day == 31);
  CHECK(periods[4].name == "2019-11");
  CHECK(periods[4].end_day - periods[4].first_day == 2);
  // FY2020: days 2..34 bring (3 + ... + 35) + 33 x 10 arrivals in each replication.
  std::uint64_t expected = 33 * 10;
  for (std::uint64_t d = 2; d < 35; ++d) expected += d + 1;
  for (std::size_t rep = 0; rep < 2; ++rep) {
    CHECK(periods[1].tallies[rep][Count::Arrivals] == expected);
    CHECK(periods[0].tallies[rep][Count::Arrivals] == 2 + 10);
    // Officer time: facilities side by side, days one after the other.
    CHECK_THAT(periods[1].officers[rep].hours, Catch::WithinAbs(33 * 24.0, 1e-9));
    CHECK_THAT(periods[1].officers[rep].busy_officer_hours, Catch::WithinAbs(33 * 2.0, 1e-9));
  }
}

TEST_CASE("a window shorter than the days kept stops at the days kept", "[report]") {
  const std::vector<CustomsResult> reps{periods_replication(3)};
  const auto periods = calendar_periods(reps, days_since_epoch(CivilDate{2024, 2, 28}), 0, 10);
  REQUIRE(periods.size() == 3);  // FY2024; 2024-02 (28th, 29th: a leap year); 2024-03
  CHECK(periods[1].end_day - periods[1].first_day == 2);
  CHECK(periods[2].name == "2024-03");
  CHECK(calendar_periods({}, 0, 0, 10).empty());
}
