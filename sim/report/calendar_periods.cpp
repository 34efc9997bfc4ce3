// SPDX-License-Identifier: MIT
// Fiscal years and months from the daily tallies every replication keeps.
#include "report/calendar_periods.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "cisim/scenario/units.hpp"

namespace cisim {

namespace {

// The US federal fiscal year a date falls in: it begins on 1 October of the year before.
int fiscal_year(const CivilDate& d) { return d.month >= 10 ? d.year + 1 : d.year; }

// Consecutive days with the same name form one period.
template <class NameOf>
void split(std::vector<CalendarPeriod>& out, Scope kind, std::int64_t day0, std::size_t first_day, std::size_t end_day,
           const NameOf& name_of) {
  for (std::size_t d = first_day; d < end_day; ++d) {
    std::string name = name_of(civil_date(day0 + static_cast<std::int64_t>(d)));
    if (out.empty() || out.back().kind != kind || out.back().name != name) {
      out.push_back(CalendarPeriod{kind, std::move(name), d, d + 1, {}, {}});
    } else {
      out.back().end_day = d + 1;
    }
  }
}

}  // namespace

std::vector<CalendarPeriod> calendar_periods(const std::vector<CustomsResult>& replications, std::int64_t day0,
                                             std::size_t first_day, std::size_t end_day) {
  std::vector<CalendarPeriod> out;
  if (replications.empty()) return out;
  end_day = std::min(end_day, replications.front().daily.size());
  split(out, Scope::FiscalYear, day0, first_day, end_day, [](const CivilDate& d) { return fmt::format("FY{}", fiscal_year(d)); });
  split(out, Scope::Month, day0, first_day, end_day, [](const CivilDate& d) { return fmt::format("{:04}-{:02}", d.year, d.month); });
  for (CalendarPeriod& p : out) {
    p.tallies.assign(replications.size(), CustomsTally{});
    p.officers.assign(replications.size(), OfficerTime{});
    for (std::size_t rep = 0; rep < replications.size(); ++rep) {
      const CustomsResult& x = replications[rep];
      for (std::size_t d = p.first_day; d < p.end_day; ++d) {
        OfficerTime day;
        for (std::size_t f = 0; f < x.daily[d].size(); ++f) {
          p.tallies[rep].merge(x.daily[d][f]);
          day.combine(x.daily_officers[d][f]);
        }
        p.officers[rep].extend(day);
      }
    }
  }
  return out;
}

}  // namespace cisim
