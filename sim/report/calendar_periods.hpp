// SPDX-License-Identifier: MIT
// The calendar's periods as scopes of the report: US federal fiscal years and months.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cisim/model/customs_result.hpp"
#include "cisim/model/metric_catalogue.hpp"

namespace cisim {

/// One fiscal year ("FY2019": 1 October 2018 to 30 September 2019, named by the year it ends
/// in, as the US federal government names them) or one month ("2019-03"), over the measured
/// days that fall in it: every facility's daily tallies merged, officer time combined across
/// facilities and extended across days, as the run scope is built. A period the measured
/// window covers only in part holds that part.
struct CalendarPeriod {
  Scope kind = Scope::Month;
  std::string name;
  std::size_t first_day = 0;  // day indices of the clock, as CustomsResult::daily
  std::size_t end_day = 0;    // one past the last
  std::vector<CustomsTally> tallies;   // per replication
  std::vector<OfficerTime> officers;   // per replication
};

/// The fiscal years, then the months, that the days [first_day, end_day) touch; day d is the
/// date `day0 + d` (days since 1970-01-01). Empty when there are no replications.
std::vector<CalendarPeriod> calendar_periods(const std::vector<CustomsResult>& replications, std::int64_t day0,
                                             std::size_t first_day, std::size_t end_day);

}  // namespace cisim
