// SPDX-License-Identifier: MIT
// OfficerPool: admission, FIFO-within-priority service order, shift changes without preemption.
#include "cisim/model/officer_pool.hpp"

#include <iterator>

#include "cisim/base/assert.hpp"

namespace cisim {

OfficerPool::OfficerPool(int on_duty, int priority_classes, std::optional<std::size_t> waiting_limit)
    : on_duty_(on_duty), waiting_limit_(waiting_limit), lines_(static_cast<std::size_t>(priority_classes)) {
  CISIM_ASSERT(on_duty >= 0, "officers on duty must be >= 0");
  CISIM_ASSERT(priority_classes >= 1, "an officer pool needs at least one priority class");
}

bool OfficerPool::refuse_one(SimTime now, const InspectionRequest& request) {
  for (auto* o : observers_) o->on_request_refused(now, request);
  return false;
}

// A full line: a ranked class's request that scores above the class's lowest waiting one takes
// its place (the lowest, the latest among equals, is turned away); any other is refused.
bool OfficerPool::refuse_or_evict(SimTime now, const InspectionRequest& request) {
  if (request.priority_class != ranked_class_ || ranked_.empty()) return refuse_one(now, request);
  const auto worst = std::prev(ranked_.end());
  if (!(request.score > worst->request.score)) return refuse_one(now, request);
  evicted_ = worst->request;
  ranked_.erase(worst);
  for (auto* o : observers_) o->on_request_evicted(now, *evicted_);
  ranked_.insert(Ranked{request, ranked_arrivals_++});
  for (auto* o : observers_) o->on_request_accepted(now, request, waiting_);
  return true;
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
