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

}  // namespace cisim
