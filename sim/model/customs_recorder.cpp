// SPDX-License-Identifier: MIT
// CustomsRecorder: the scopes of the report as unions of (day, stream, lane) cells.
#include "model/customs_recorder.hpp"

#include <limits>
#include <numeric>

#include "cisim/base/assert.hpp"

namespace cisim {

namespace {

std::vector<std::uint32_t> all_streams(const CustomsModelConfig& config) {
  std::vector<std::uint32_t> streams(config.streams.size());
  std::iota(streams.begin(), streams.end(), std::uint32_t{0});
  return streams;
}

}  // namespace

CustomsRecorder::CustomsRecorder(const CustomsModelConfig& config, std::size_t days, const std::vector<std::uint32_t>& streams)
    : config_(&config),
      days_(days),
      recorded_(streams),
      local_(config.streams.size(), std::numeric_limits<std::uint32_t>::max()),
      streams_(streams.size()),
      cells_(days * streams.size() * kLanes),
      blitzes_(config.blitzes.size()),
      origins_(config.origins.size()) {
  for (std::size_t i = 0; i < recorded_.size(); ++i) local_[recorded_[i]] = static_cast<std::uint32_t>(i);
}

CustomsRecorder::CustomsRecorder(const CustomsModelConfig& config, std::size_t days)
    : CustomsRecorder(config, days, all_streams(config)) {}

void CustomsRecorder::absorb(const CustomsRecorder& part, bool with_blitzes) {
  CISIM_ASSERT(part.days_ == days_ && part.measured_from_ == measured_from_, "absorbing a recorder of another run");
  for (std::size_t day = 0; day < days_; ++day) {
    for (std::size_t i = 0; i < part.streams_; ++i) {
      const auto from = part.cells_.begin() + static_cast<std::ptrdiff_t>((day * part.streams_ + i) * kLanes);
      std::copy(from, from + kLanes, cells_.begin() + static_cast<std::ptrdiff_t>((day * streams_ + local_[part.recorded_[i]]) * kLanes));
    }
  }
  for (std::size_t o = 0; o < origins_.size(); ++o) origins_[o].merge(part.origins_[o]);
  for (std::size_t k = 0; k < kEntryKinds; ++k) audit_channels_[k].merge(part.audit_channels_[k]);
  if (with_blitzes) {
    blitzes_ = part.blitzes_;
    all_blitzes_ = part.all_blitzes_;
  }
}

void CustomsRecorder::finish(const BlitzCalendar& calendar, const std::vector<const OfficerTimeRecorder*>& officers,
                             CustomsResult& out) const {
  const CustomsModelConfig& c = *config_;
  const std::size_t nf = c.facilities.size();
  const std::size_t nb = c.blitzes.size();
  CISIM_ASSERT(streams_ == c.streams.size(), "finish needs the cells of every stream");
  out.facilities.assign(nf, CustomsTally{});
  out.streams.assign(streams_, CustomsTally{});
  out.blitzes = blitzes_;
  out.all_blitzes = all_blitzes_;
  out.origins = origins_;
  out.audit_channels = audit_channels_;
  out.blitz_windows.assign(nb, CustomsTally{});
  out.daily.assign(days_, std::vector<CustomsTally>(nf));
  for (std::size_t day = 0; day < days_; ++day) {
    for (std::size_t s = 0; s < streams_; ++s) {
      const std::size_t f = c.streams[s].facility;
      CustomsTally stream_day;
      for (std::size_t lane = 0; lane < kLanes; ++lane) {
        const CustomsTally& cell = cells_[(day * streams_ + s) * kLanes + lane];
        stream_day.merge(cell);
        if (lane > 0) out.selections[lane - 1].merge(cell);
      }
      out.daily[day][f].merge(stream_day);
      out.run.merge(stream_day);
      out.facilities[f].merge(stream_day);
      out.streams[s].merge(stream_day);
      out.modes[static_cast<std::size_t>(c.streams[s].mode)].merge(stream_day);
      bool in_any = false;
      for (std::size_t b = 0; b < nb; ++b) {
        if (!calendar.covers_day(b, f, day)) continue;
        out.blitz_windows[b].merge(stream_day);
        in_any = true;
      }
      if (in_any) out.all_blitz_windows.merge(stream_day);
    }
  }
  // Officer time: a facility's over the days it had traffic or work, so that days without
  // any (a scenario that simulates only blitz days) do not dilute its utilization.
  out.facility_officers.assign(nf, OfficerTime{});
  out.daily_officers.assign(days_, std::vector<OfficerTime>(nf));
  for (std::size_t f = 0; f < nf; ++f) {
    const auto& days = officers[f]->days();
    for (std::size_t day = 0; day < days_; ++day) {
      const OfficerTime& t = days[day];
      out.daily_officers[day][f] = t;
      const bool active = out.daily[day][f][Count::Arrivals] > 0 || t.busy_officer_hours > 0.0 || t.waiting_shipment_hours > 0.0;
      if (active) out.facility_officers[f].extend(t);
    }
    OfficerTime beside = out.facility_officers[f];
    beside.hours = 0.0;  // facilities add officer-hours, not hours
    out.all_officers.combine(beside);
  }
  // A blitz's officer time: its facilities over its window; all blitzes: the facility-days
  // that any blitz covers, each once.
  auto officer_time_where = [&](auto covers) {
    OfficerTime into;
    for (std::size_t day = 0; day < days_; ++day) {
      OfficerTime window_day;
      bool covered = false;
      for (std::size_t f = 0; f < nf; ++f) {
        if (!covers(f, day)) continue;
        window_day.combine(officers[f]->days()[day]);
        covered = true;
      }
      if (covered) into.extend(window_day);
    }
    return into;
  };
  out.blitz_officers.clear();
  for (std::size_t b = 0; b < nb; ++b) {
    out.blitz_officers.push_back(officer_time_where([&](std::size_t f, std::size_t day) { return calendar.covers_day(b, f, day); }));
  }
  out.all_blitz_officers = officer_time_where([&](std::size_t f, std::size_t day) {
    for (std::size_t b = 0; b < nb; ++b) {
      if (calendar.covers_day(b, f, day)) return true;
    }
    return false;
  });
}

}  // namespace cisim
