// SPDX-License-Identifier: MIT
// OfficerPoolRecorder: the accumulators behind each observation.
#include "cisim/model/officer_pool_recorder.hpp"

namespace cisim {

void OfficerPoolRecorder::on_request_accepted(SimTime at, const InspectionRequest&, std::size_t waiting) {
  ++requests_;
  waiting_.update(at, static_cast<double>(waiting));
}

void OfficerPoolRecorder::on_request_refused(SimTime, const InspectionRequest&) {
  ++requests_;
  ++refused_;
}

// Counted as a request when it was accepted: only the refusal now.
void OfficerPoolRecorder::on_request_evicted(SimTime, const InspectionRequest&) { ++refused_; }

void OfficerPoolRecorder::on_requests_refused(SimTime, std::uint64_t count) {
  requests_ += count;
  refused_ += count;
}

void OfficerPoolRecorder::on_inspection_started(SimTime at, const InspectionRequest&, Duration waited,
                                                std::size_t waiting, int busy) {
  ++started_;
  waiting_.update(at, static_cast<double>(waiting));
  busy_.update(at, busy);
  busy_now_ = busy;
  update_present(at);
  const double hours = waited.to_hours();
  wait_hours_.add(hours);
  wait_quantiles_.add(hours);
  if (waited > Duration::zero()) ++waited_;
}

void OfficerPoolRecorder::on_inspection_finished(SimTime at, int busy) {
  ++finished_;
  busy_.update(at, busy);
  busy_now_ = busy;
  update_present(at);
}

void OfficerPoolRecorder::on_officers_changed(SimTime at, int on_duty) {
  on_duty_.update(at, on_duty);
  on_duty_now_ = on_duty;
  update_present(at);
}

void OfficerPoolRecorder::update_present(SimTime at) {
  present_.update(at, busy_now_ > on_duty_now_ ? busy_now_ : on_duty_now_);
}

void OfficerPoolRecorder::on_warmup_ended(SimTime at) {
  requests_ = refused_ = started_ = finished_ = waited_ = 0;
  wait_hours_.reset();
  wait_quantiles_.reset();
  waiting_at_start_ = static_cast<std::uint64_t>(waiting_.level());
  busy_at_start_ = static_cast<std::uint64_t>(busy_.level());
  waiting_.restart(at);
  busy_.restart(at);
  on_duty_.restart(at);
  present_.restart(at);
}

void OfficerPoolRecorder::on_run_finished(SimTime at) { finished_at_ = at; }

FacilityQueueStats summarise_pool(const std::string& name, const OfficerPoolRecorder& r) {
  FacilityQueueStats s;
  s.facility = name;
  const SimTime from = r.measured_from();
  const SimTime until = r.measured_until();
  s.measured_hours = (until - from).to_hours();
  s.requests = r.requests();
  s.refused = r.refused();
  s.inspections_started = r.inspections_started();
  s.inspections_finished = r.inspections_finished();
  s.waiting_at_start = r.waiting_at_start();
  s.waiting_at_end = static_cast<std::uint64_t>(r.waiting().level());
  s.in_inspection_at_start = r.busy_at_start();
  s.in_inspection_at_end = static_cast<std::uint64_t>(r.busy().level());
  s.blocking_probability = r.requests() > 0 ? static_cast<double>(r.refused()) / static_cast<double>(r.requests()) : 0.0;
  s.wait_mean_hours = r.wait_hours().mean();
  s.wait_p50_hours = r.wait_hours_quantiles().quantile(0.50);
  s.wait_p95_hours = r.wait_hours_quantiles().quantile(0.95);
  s.wait_p99_hours = r.wait_hours_quantiles().quantile(0.99);
  s.wait_max_hours = r.wait_hours().max().value_or(0.0);
  s.waited_share = r.inspections_started() > 0
                       ? static_cast<double>(r.waited()) / static_cast<double>(r.inspections_started())
                       : 0.0;
  s.waiting_mean = r.waiting().mean(until);
  s.busy_officers_mean = r.busy().mean(until);
  s.in_system_mean = s.waiting_mean + s.busy_officers_mean;
  s.on_duty_officers_mean = r.on_duty().mean(until);
  const double present_hours = r.present().integral_seconds(until) / 3600.0;
  s.officer_utilization = present_hours > 0.0 ? r.busy().integral_seconds(until) / 3600.0 / present_hours : 0.0;
  s.throughput_per_hour = s.measured_hours > 0.0 ? static_cast<double>(r.inspections_finished()) / s.measured_hours : 0.0;
  return s;
}

}  // namespace cisim
