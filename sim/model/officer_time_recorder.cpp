// SPDX-License-Identifier: MIT
// OfficerTimeRecorder: piecewise-constant levels integrated into day buckets.
#include "cisim/model/officer_time_recorder.hpp"

#include <algorithm>

namespace cisim {

void OfficerTime::extend(const OfficerTime& later) {
  if (hours == 0.0) waiting_at_start = later.waiting_at_start;
  hours += later.hours;
  busy_officer_hours += later.busy_officer_hours;
  present_officer_hours += later.present_officer_hours;
  on_duty_officer_hours += later.on_duty_officer_hours;
  waiting_shipment_hours += later.waiting_shipment_hours;
  waiting_at_end = later.waiting_at_end;
}

void OfficerTime::combine(const OfficerTime& beside) {
  hours = std::max(hours, beside.hours);
  busy_officer_hours += beside.busy_officer_hours;
  present_officer_hours += beside.present_officer_hours;
  on_duty_officer_hours += beside.on_duty_officer_hours;
  waiting_shipment_hours += beside.waiting_shipment_hours;
  waiting_at_start += beside.waiting_at_start;
  waiting_at_end += beside.waiting_at_end;
}

void OfficerTimeRecorder::advance(SimTime at) {
  if (!measuring_) {
    last_ = at;
    return;
  }
  while (last_ < at) {
    const std::size_t day = day_index(last_);
    const SimTime day_end = SimTime::start() + Duration::days(static_cast<std::int64_t>(day) + 1);
    const SimTime until = std::min(at, day_end);
    const double hours = (until - last_).to_hours();
    if (day < days_.size()) {
      OfficerTime& d = days_[day];
      if (d.hours == 0.0) d.waiting_at_start = waiting_;
      d.hours += hours;
      d.busy_officer_hours += busy_ * hours;
      d.present_officer_hours += std::max(busy_, on_duty_) * hours;
      d.on_duty_officer_hours += on_duty_ * hours;
      d.waiting_shipment_hours += waiting_ * hours;
      d.waiting_at_end = waiting_;
    }
    last_ = until;
  }
}

void OfficerTimeRecorder::on_request_accepted(SimTime at, const InspectionRequest&, std::size_t waiting) {
  advance(at);
  waiting_ = static_cast<double>(waiting);
}

void OfficerTimeRecorder::on_request_refused(SimTime at, const InspectionRequest&) { advance(at); }
void OfficerTimeRecorder::on_requests_refused(SimTime at, std::uint64_t) { advance(at); }

void OfficerTimeRecorder::on_inspection_started(SimTime at, const InspectionRequest&, Duration, std::size_t waiting,
                                                int busy) {
  advance(at);
  waiting_ = static_cast<double>(waiting);
  busy_ = busy;
}

void OfficerTimeRecorder::on_inspection_finished(SimTime at, int busy) {
  advance(at);
  busy_ = busy;
}

void OfficerTimeRecorder::on_officers_changed(SimTime at, int on_duty) {
  advance(at);
  on_duty_ = on_duty;
}

void OfficerTimeRecorder::on_warmup_ended(SimTime at) {
  advance(at);
  measuring_ = true;
  last_ = at;
}

void OfficerTimeRecorder::on_run_finished(SimTime at) {
  advance(at);
  // The level at the end of the run closes its last day, even a day cut short.
  const std::size_t day = day_index(std::max(SimTime::start(), at - Duration::from_ticks(1)));
  if (measuring_ && day < days_.size()) days_[day].waiting_at_end = waiting_;
}

}  // namespace cisim
