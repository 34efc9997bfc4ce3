// SPDX-License-Identifier: MIT
// OfficerPoolRecorder: the accumulators behind each observation.
#include "cisim/model/officer_pool_recorder.hpp"

namespace cisim {

void OfficerPoolRecorder::on_request_accepted(SimTime, const InspectionRequest&) { ++requests_; }

void OfficerPoolRecorder::on_request_refused(SimTime, const InspectionRequest&) {
  ++requests_;
  ++refused_;
}

void OfficerPoolRecorder::on_inspection_started(SimTime, const InspectionRequest&, Duration waited) {
  ++started_;
  const double hours = waited.to_hours();
  wait_hours_.add(hours);
  wait_quantiles_.add(hours);
  waited_.add(waited > Duration::zero() ? 1.0 : 0.0);
}

void OfficerPoolRecorder::on_inspection_finished(SimTime) { ++finished_; }

void OfficerPoolRecorder::on_state_changed(SimTime at, std::size_t waiting, int busy, int on_duty) {
  waiting_.update(at, static_cast<double>(waiting));
  busy_.update(at, busy);
  on_duty_.update(at, on_duty);
}

void OfficerPoolRecorder::on_warmup_ended(SimTime at) {
  requests_ = refused_ = started_ = finished_ = 0;
  wait_hours_.reset();
  wait_quantiles_.reset();
  waited_.reset();
  waiting_at_start_ = static_cast<std::uint64_t>(waiting_.level());
  busy_at_start_ = static_cast<std::uint64_t>(busy_.level());
  waiting_.restart(at);
  busy_.restart(at);
  on_duty_.restart(at);
}

void OfficerPoolRecorder::on_run_finished(SimTime at) { finished_at_ = at; }

}  // namespace cisim
