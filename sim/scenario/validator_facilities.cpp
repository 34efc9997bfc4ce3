// SPDX-License-Identifier: MIT
// Validator's build of facilities: kind, officers by count or daily shifts, and inspection methods.
#include "validator.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace cisim::detail {
namespace {

FacilityKind facility_kind(const std::string& name) {
  if (name == "express_hub") return FacilityKind::ExpressHub;
  if (name == "fulfillment_center") return FacilityKind::FulfillmentCenter;
  if (name == "foreign_fulfillment_center") return FacilityKind::ForeignFulfillmentCenter;
  if (name == "cargo_port") return FacilityKind::CargoPort;
  return FacilityKind::InternationalMail;
}

}  // namespace

std::pair<FacilityInfo, Facility> Validator::build_facility(const std::string& id) {
  const std::string path = "facilities." + id;
  const std::string pattern = "facilities.*";
  FacilityInfo info;
  Facility f;
  info.id = id;
  f.name = id;
  info.kind = facility_kind(maybe<std::string>(path + ".kind", pattern + ".kind").value_or(""));
  info.display_name = maybe<std::string>(path + ".display_name", "").value_or(id);
  kinds_.push_back(info.kind);
  const bool center = info.kind == FacilityKind::FulfillmentCenter || info.kind == FacilityKind::ForeignFulfillmentCenter;
  if (info.kind == FacilityKind::ForeignFulfillmentCenter && written_.contains(path + ".officers")) {
    error(where(path + ".officers"), path + ".officers",
          "a foreign fulfillment center has no US officers: its parcels are inspected where they enter (the stream's "
          "`facility`)");
    return {info, f};
  }
  if (!written_.contains(path + ".officers")) {
    f.officers = ShiftSchedule::constant(0);
    if (!center) error(where(path), path, "missing required key 'officers' (the officer pool: either `count` or `shifts`)");
    return {info, f};
  }
  if (!written_.contains(path + ".methods")) {
    error(where(path), path, "missing required key 'methods' (inspection methods by id; required where there are officers)");
  }
  if (!sections_.contains(path + ".officers")) return {info, f};  // not a map: reported
  const double scale = maybe<double>(path + ".officers.scale", pattern + ".officers.scale").value_or(1.0);
  auto scaled = [scale](std::int64_t n) { return static_cast<int>(std::llround(static_cast<double>(n) * scale)); };
  const bool has_count = written_.contains(path + ".officers.count");
  const bool has_shifts = written_.contains(path + ".officers.shifts");
  if (has_count && has_shifts) {
    error(where(path + ".officers"), path + ".officers", "give either 'count' or 'shifts', not both");
  } else if (!has_count && !has_shifts) {
    error(where(path + ".officers"), path + ".officers", "missing 'count' (officers at all times) or 'shifts' (a daily schedule)");
  } else if (has_count) {
    // A dated count is a schedule without a cycle: each count from its date for ever after.
    if (auto count = maybe_dated(path + ".officers.count", "")) {
      std::vector<Shift> shifts;
      for (const auto& [from, n] : count->steps()) shifts.push_back(Shift{from.since_start(), scaled(static_cast<std::int64_t>(n))});
      f.officers = ShiftSchedule{std::move(shifts), std::nullopt};
    }
  } else if (list_sizes_.contains(path + ".officers.shifts")) {
    f.officers = build_shifts(path + ".officers.shifts", scaled);
  }
  if (!written_.contains(path + ".officers.waiting_limit") || has(path + ".officers.waiting_limit")) {
    const TypedValue limit = value_or_default(path + ".officers.waiting_limit", pattern + ".officers.waiting_limit");
    if (const auto* n = std::get_if<std::int64_t>(&limit)) f.waiting_limit = static_cast<std::size_t>(*n);
  }
  double share_sum = 0.0;
  std::string shares;
  for (const std::string& m : ids_[path + ".methods"]) {
    const std::string mp = path + ".methods." + m;
    InspectionMethod method;
    method.name = m;
    const auto share = maybe<double>(mp + ".share", pattern + ".methods.*.share");
    if (!share || !has(mp + ".duration")) return {info, f};  // reported already; the share sum would mislead
    method.share = *share;
    method.duration_seconds = get<Distribution>(mp + ".duration", "");
    method.duration_scale = maybe_dated(mp + ".duration_scale", pattern + ".methods.*.duration_scale").value_or(DatedValue{1.0});
    for (int k = 0; k < kViolationKinds; ++k) {
      const std::string kind{kViolationNames[static_cast<std::size_t>(k)]};
      method.sensitivity[static_cast<std::size_t>(k)] =
          maybe<double>(mp + ".sensitivity." + kind, pattern + ".methods.*.sensitivity." + kind).value_or(0.0);
    }
    share_sum += method.share;
    shares += fmt::format("{}{} {:g}%", shares.empty() ? "" : ", ", m, method.share * 100.0);
    f.methods.push_back(std::move(method));
  }
  if (!f.methods.empty() && std::fabs(share_sum - 1.0) > 1e-9) {
    error(where(path + ".methods"), path + ".methods",
          fmt::format("method shares must sum to 100% (got {:g}%: {})", share_sum * 100.0, shares));
  }
  return {info, f};
}

template <class Scale>
ShiftSchedule Validator::build_shifts(const std::string& path, Scale scaled) {
  struct Segment {
    Duration from;
    Duration to;
    int officers;
    std::size_t shift;
  };
  const Duration day = Duration::days(1);
  std::vector<Segment> segments;
  const std::size_t n = list_sizes_[path];
  for (std::size_t i = 0; i < n; ++i) {
    const std::string sp = fmt::format("{}[{}]", path, i);
    if (!has(sp + ".start") || !has(sp + ".end") || !has(sp + ".count")) return ShiftSchedule::constant(0);
    const Duration start = get<Duration>(sp + ".start", "");
    const Duration end = get<Duration>(sp + ".end", "");
    const int officers = scaled(get<std::int64_t>(sp + ".count", ""));
    if (start == end || (start == day && end == Duration::zero())) {
      error(where(sp + ".end"), sp + ".end", "a shift must not end when it starts");
      return ShiftSchedule::constant(0);
    }
    const Duration stop = end == Duration::zero() ? day : end;
    if (stop > start) {
      segments.push_back({start, stop, officers, i});
    } else {  // runs past midnight
      segments.push_back({start, day, officers, i});
      segments.push_back({Duration::zero(), stop, officers, i});
    }
  }
  std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) { return a.from < b.from; });
  Duration covered = Duration::zero();
  bool ok = true;
  for (const Segment& seg : segments) {
    const std::string sp = fmt::format("{}[{}]", path, seg.shift);
    if (seg.from < covered) {
      error(where(sp + ".start"), sp, fmt::format("overlaps another shift between {} and {}", clock(seg.from), clock(covered)));
      ok = false;
    } else if (seg.from > covered) {
      error(where(path), path, fmt::format("no shift covers {} to {}", clock(covered), clock(seg.from)));
      ok = false;
    }
    covered = std::max(covered, seg.to);
  }
  if (covered < day) {
    error(where(path), path, fmt::format("no shift covers {} to 24:00", clock(covered)));
    ok = false;
  }
  if (!ok) return ShiftSchedule::constant(0);
  std::vector<Shift> shifts;
  for (const Segment& seg : segments) {
    if (!shifts.empty() && shifts.back().officers == seg.officers) continue;  // same count: no change
    shifts.push_back(Shift{seg.from, seg.officers});
  }
  return ShiftSchedule{shifts, day};
}

std::string Validator::clock(Duration offset) {
  const auto minutes = offset.ticks() / Duration::minutes(1).ticks();
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

bool Validator::is_center(std::size_t facility) const {
  return facility < kinds_.size() &&
         (kinds_[facility] == FacilityKind::FulfillmentCenter || kinds_[facility] == FacilityKind::ForeignFulfillmentCenter);
}

}  // namespace cisim::detail
