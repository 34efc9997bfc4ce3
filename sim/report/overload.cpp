// SPDX-License-Identifier: MIT
// Overload warnings from each replication's daily counts and end-of-day waiting lines.
#include "cisim/report/overload.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/report/number_format.hpp"

namespace cisim {
namespace {

// Growth of the line over a day beyond what chance moves it by in a facility that keeps up:
// at least 10 shipments and 5% of the day's inspections (a stable line at 90% utilization
// moves by a few shipments from midnight to midnight).
bool overloaded(const CustomsTally& day, const OfficerTime& officers) {
  if (officers.hours <= 0.0) return false;  // not measured
  if (day[Count::SelectedNotInspected] > 0) return true;
  const auto inspected = static_cast<double>(day[Count::Inspected]);
  if (officers.waiting_at_end > 0.0 && officers.waiting_at_end > inspected) return true;  // more than a day's work waits
  return officers.waiting_at_end - officers.waiting_at_start > std::max(10.0, 0.05 * inspected);  // the line keeps growing
}

}  // namespace

std::vector<std::string> overload_warnings(const Scenario& scenario, const RunResults& results) {
  std::vector<std::string> out;
  if (results.per_replication.empty()) return out;
  const auto& reps = results.per_replication;
  const std::size_t days = reps.front().daily.size();
  const auto n = static_cast<double>(reps.size());
  const std::int64_t day0 = days_since_epoch(scenario.start_date);
  const MetricDefinition& selected = *find_metric_definition("selected");
  for (std::size_t f = 0; f < scenario.model.facilities.size(); ++f) {
    auto any_overloaded = [&](std::size_t d) {
      for (const auto& rep : reps) {
        if (overloaded(rep.daily[d][f], rep.daily_officers[d][f])) return true;
      }
      return false;
    };
    for (std::size_t first = 0; first < days; ++first) {
      if (!any_overloaded(first)) continue;
      std::size_t last = first;
      while (last + 1 < days && any_overloaded(last + 1)) ++last;
      double chosen = 0.0, inspected = 0.0, refused = 0.0, waiting = 0.0;
      int in_replications = 0;
      for (const auto& rep : reps) {
        bool hit = false;
        for (std::size_t d = first; d <= last; ++d) {
          const CustomsTally& t = rep.daily[d][f];
          chosen += selected.value(ScopeData{&t});
          inspected += static_cast<double>(t[Count::Inspected]);
          refused += static_cast<double>(t[Count::SelectedNotInspected]);
          hit = hit || overloaded(t, rep.daily_officers[d][f]);
        }
        waiting += rep.daily_officers[last][f].waiting_at_end;
        in_replications += hit ? 1 : 0;
      }
      const std::string from = to_string(civil_date(day0 + static_cast<std::int64_t>(first)));
      const std::string to = to_string(civil_date(day0 + static_cast<std::int64_t>(last)));
      // The facility as reports show it, with its id for --set.
      const std::string& id = scenario.model.facilities[f].name;
      const std::string& shown = f < scenario.facility_info.size() ? scenario.facility_info[f].display_name : id;
      const std::string facility = shown == id ? fmt::format("'{}'", id) : fmt::format("{} ('{}')", shown, id);
      out.push_back(fmt::format(
          "facility {}: selections outran inspection capacity {} ({} day{}, in {} of {} replications): per replication "
          "{} selected, {} inspected, {} released uninspected because the line was full, {} still waiting "
          "at the end of {}",
          facility, first == last ? "on " + from : "from " + from + " to " + to, last - first + 1,
          last == first ? "" : "s", in_replications, reps.size(), format_value(chosen / n, "shipments"),
          format_value(inspected / n, "shipments"), format_value(refused / n, "shipments"), format_value(waiting / n, "shipments"), to));
      first = last;
    }
  }
  return out;
}

}  // namespace cisim
