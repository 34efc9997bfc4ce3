// SPDX-License-Identifier: MIT
// OfficerPool: admission, FIFO-within-priority service order, shift changes without preemption.
#include "cisim/model/officer_pool.hpp"

#include "cisim/base/assert.hpp"

namespace cisim {

OfficerPool::OfficerPool(int on_duty, int priority_classes, std::optional<std::size_t> waiting_limit)
    : on_duty_(on_duty), waiting_limit_(waiting_limit), lines_(static_cast<std::size_t>(priority_classes)) {
  CISIM_ASSERT(on_duty >= 0, "officers on duty must be >= 0");
  CISIM_ASSERT(priority_classes >= 1, "an officer pool needs at least one priority class");
}

bool OfficerPool::request(SimTime now, const InspectionRequest& request) {
  CISIM_ASSERT(request.priority_class >= 0 && static_cast<std::size_t>(request.priority_class) < lines_.size(),
               "priority class out of range");
  if (!has_room()) {
    for (auto* o : observers_) o->on_request_refused(now, request);
    return false;
  }
  lines_[static_cast<std::size_t>(request.priority_class)].push_back(request);
  ++waiting_;
  for (auto* o : observers_) o->on_request_accepted(now, request, waiting_);
  return true;
}

InspectionRequest OfficerPool::start_first_in_line(SimTime now) {
  for (auto& line : lines_) {
    if (line.empty()) continue;
    const InspectionRequest next = line.front();
    line.pop_front();
    --waiting_;
    ++busy_;
    for (auto* o : observers_) o->on_inspection_started(now, next, now - next.requested_at, waiting_, busy_);
    return next;
  }
  CISIM_ASSERT(false, "waiting count says someone waits but every line is empty");
  return {};
}

void OfficerPool::finish(SimTime now) {
  CISIM_ASSERT(busy_ > 0, "an officer finished but none was busy");
  --busy_;
  for (auto* o : observers_) o->on_inspection_finished(now, busy_);
}

void OfficerPool::set_on_duty(SimTime now, int officers) {
  CISIM_ASSERT(officers >= 0, "officers on duty must be >= 0");
  on_duty_ = officers;
  for (auto* o : observers_) o->on_officers_changed(now, on_duty_);
}

void OfficerPool::add_observer(OfficerPoolObserver* observer, SimTime now) {
  CISIM_ASSERT(waiting_ == 0 && busy_ == 0, "attach observers before the first request");
  observers_.push_back(observer);
  observer->on_officers_changed(now, on_duty_);
}

}  // namespace cisim
