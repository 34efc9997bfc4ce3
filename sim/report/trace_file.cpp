// SPDX-License-Identifier: MIT
// The --trace CSV: records turned into named, dated rows and streamed to disk.
#include "cisim/report/trace_file.hpp"

#include <cmath>

#include <fmt/core.h>

#include "report/csv_field.hpp"
#include "cisim/report/number_format.hpp"
#include "cisim/report/output_files.hpp"
#include "cisim/scenario/units.hpp"

namespace cisim {
namespace {

constexpr const char* kKinds[] = {"inspected", "released", "released_line_full", "refused"};
constexpr const char* kOutcomes[] = {"released", "released_duty_penalty", "seized", "abandoned", "refused"};

// "2019-07-15T10:23:45" for `hours` after the start date's midnight.
std::string date_time(std::int64_t day0, double hours) {
  const auto seconds = static_cast<std::int64_t>(std::floor(hours * 3600.0));
  const std::int64_t day = seconds / 86400;
  const std::int64_t in_day = seconds % 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}", to_string(civil_date(day0 + day)), in_day / 3600, in_day / 60 % 60, in_day % 60);
}

std::string violations(ViolationSet set) {
  std::string out;
  for (int k = 0; k < kViolationKinds; ++k) {
    if (!contains(set, static_cast<ViolationKind>(k))) continue;
    if (!out.empty()) out += '|';
    out += kViolationNames[static_cast<std::size_t>(k)];
  }
  return out;
}

}  // namespace

std::string trace_csv_header() {
  return "run_id,replication,record,time,hours,arrived,facility,stream,mode,origin,category,seller,lot,items,"
         "declared_value_usd,true_value_usd,entry,selection_reason,blitz,waited_hours,method,violations_carried,"
         "violations_found,outcome,duty_usd,penalty_usd\n";
}

void write_trace_csv(const std::string& path, const Report& report, const Scenario& scenario, const RunResults& results) {
  const CustomsModelConfig& m = scenario.model;
  const std::int64_t day0 = days_since_epoch(scenario.start_date);
  // `hours` count from the scenario's start_date, after any spin-up (the clock starts earlier).
  const double spin_up_hours = scenario.spin_up.to_seconds() / 3600.0;
  std::size_t replication = 0;
  std::size_t next = 0;
  bool header = true;
  constexpr std::size_t kRowsPerPart = 20000;
  write_file_atomically(path, [&](std::string& part) {
    if (header) {
      part = trace_csv_header();
      header = false;
    }
    for (std::size_t rows = 0; rows < kRowsPerPart; ++rows) {
      while (replication < results.traces.size() && next >= results.traces[replication].size()) {
        ++replication;
        next = 0;
      }
      if (replication >= results.traces.size()) return false;
      const TraceRecord& t = results.traces[replication][next++];
      const CustomsStream& stream = m.streams[t.stream];
      const Facility& facility = m.facilities[stream.facility];
      const bool inspected = t.kind == TraceKind::Inspected;
      const bool has_outcome = inspected || t.kind == TraceKind::Refused;
      part += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", report.run_id, replication,
          kKinds[static_cast<int>(t.kind)], date_time(day0, t.at_hours), shortest_number(t.at_hours - spin_up_hours), date_time(day0, t.arrived_hours),
          csv_field(facility.name), csv_field(stream.name), kModeNames[static_cast<std::size_t>(stream.mode)],
          csv_field(m.origins[t.origin].name), csv_field(m.categories[t.category].name),
          t.seller == kNoSeller ? std::string{} : std::to_string(t.seller), t.lot == kNoLot ? std::string{} : std::to_string(t.lot), t.items,
          shortest_number(t.declared_value_usd), shortest_number(t.true_value_usd), kEntryKindNames[static_cast<std::size_t>(t.entry)],
          t.reason == SelectionReason::None || t.reason == SelectionReason::Pending
              ? std::string{"none"}
              : std::string{kSelectionReasonNames[static_cast<std::size_t>(t.reason) - 1]},
          t.blitz == kNoBlitz ? std::string{} : csv_field(m.blitzes[static_cast<std::size_t>(t.blitz)].name),
          inspected ? shortest_number(t.waited_hours) : std::string{},
          inspected ? csv_field(facility.methods[t.method].name) : std::string{}, violations(t.carried),
          inspected ? violations(t.found) : std::string{}, has_outcome ? kOutcomes[static_cast<int>(t.outcome)] : "released",
          shortest_number(t.duty_usd), shortest_number(t.penalty_usd));
    }
    return true;
  });
}

}  // namespace cisim
