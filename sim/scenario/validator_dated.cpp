// SPDX-License-Identifier: MIT
// Validator's dated values: a schedule {DATE: value, ...} checked entry by entry, and placed on
// the clock as a step function.
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/scenario/units.hpp"
#include "validator.hpp"

namespace cisim::detail {

// Each date parses and follows the one before; each value passes the key's own checks (its
// type, unit and range), stored at "<path>.<date>". The schedule is stored only when all do.
void Validator::check_dated(const RawNode& node, const KeySpec& spec, const std::string& path) {
  if (node.entries.empty()) {
    error(node.where, path, "a dated value needs at least one date: {DATE: value, ...}");
    return;
  }
  KeySpec plain = spec;
  plain.dated = false;
  DatedDates schedule;
  bool ok = true;
  for (const RawNode::Entry& e : node.entries) {
    const Parsed<CivilDate> parsed = parse_date(e.key);
    if (!parsed.value && &e == &node.entries.front()) {
      // Not a schedule at all: a map where the plain value was meant, most likely.
      error(node.where, path,
            fmt::format("expected {} or a dated schedule {{DATE: value, ...}}, found a map whose key '{}' is not a date YYYY-MM-DD",
                        expected_text(spec.type), e.key));
      return;
    }
    if (!parsed.value) {
      error(e.key_where, path,
            fmt::format("a dated value's keys are dates YYYY-MM-DD, from which each value applies; found '{}'", e.key));
      ok = false;
      continue;
    }
    const CivilDate* date = &*parsed.value;
    if (!schedule.dates.empty() && !(schedule.dates.back() < *date)) {
      error(e.key_where, path,
            fmt::format("dates must come in order, each after the one before: {} follows {}", e.key, to_string(schedule.dates.back())));
      ok = false;
      continue;
    }
    const std::string at = path + "." + to_string(*date);
    check_leaf(e.value, plain, at);
    ok = ok && values_.contains(at);
    schedule.dates.push_back(*date);
  }
  if (ok) store(path, schedule, node.where);
}

std::optional<DatedValue> Validator::maybe_dated(const std::string& path, const std::string& pattern) {
  const auto number = [](const TypedValue& v) -> std::optional<double> {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::nullopt;
  };
  const auto it = values_.find(path);
  const auto* schedule = it == values_.end() ? nullptr : std::get_if<DatedDates>(&it->second.value);
  if (schedule == nullptr) {
    if (it != values_.end()) return number(it->second.value).value();
    const KeySpec* spec = pattern.empty() ? nullptr : find_key_spec(pattern);
    if (spec && !spec->default_text.empty() && !spec->required && !written_.contains(path)) return number(default_value(*spec)).value();
    return std::nullopt;
  }
  // The values in force from the clock's start (the last date at or before it) and after.
  const std::int64_t clock_day = days_since_epoch(clock_start_);
  // The first day the run does not reach (a part day counts as reached).
  const std::int64_t end_day = clock_day + static_cast<std::int64_t>(days_covering(horizon_));
  if (days_since_epoch(schedule->dates.front()) > days_since_epoch(written_start_)) {
    error(it->second.where, path,
          fmt::format("the first date, {}, is after start_date {}: a schedule must say what applies from the start",
                      to_string(schedule->dates.front()), to_string(written_start_)));
    return std::nullopt;
  }
  std::vector<std::pair<SimTime, double>> steps;
  for (const CivilDate& date : schedule->dates) {
    const std::int64_t day = days_since_epoch(date);
    if (day >= end_day) {
      // A history of several years run over a part of it (one fiscal year, a trial of a few
      // days) is meant: its later steps are left out, and build() says so once.
      if (past_horizon_.keys++ == 0) past_horizon_ = {path, date, values_.at(path + "." + to_string(date)).where, 1};
      break;
    }
    const double value = number(values_.at(path + "." + to_string(date)).value).value();
    const SimTime from = SimTime::start() + Duration::days(std::max<std::int64_t>(day - clock_day, 0));
    if (!steps.empty() && steps.back().first == from) {
      steps.back().second = value;  // dates before the clock's start: the last one is in force at it
    } else {
      steps.emplace_back(from, value);
    }
  }
  // A spin-up that starts before the first date runs with the first value.
  steps.front().first = SimTime::start();
  return DatedValue{std::move(steps)};
}

}  // namespace cisim::detail
