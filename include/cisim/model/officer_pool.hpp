// SPDX-License-Identifier: MIT
// OfficerPool: identical officers at one facility, with a waiting line in priority classes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "cisim/base/assert.hpp"
#include "cisim/engine/ring_queue.hpp"
#include "cisim/engine/sim_time.hpp"
#include "cisim/engine/observer.hpp"

namespace cisim {

/// A shipment asking for an officer. Lower priority_class is served first; within a class,
/// first come first served, or in a ranked class highest score first.
struct InspectionRequest {
  std::uint64_t shipment = 0;
  SimTime requested_at;
  int priority_class = 0;
  double score = 0.0;  ///< in a ranked class: examined before lower scores, turned away after them
};

/// What an officer pool emits. It keeps no statistics itself (STYLE.md rule 4). Each
/// observation carries the pool's state just after it, so a recorder of time-weighted levels
/// needs no other call.
class OfficerPoolObserver : public Observer {
 public:
  /// A request joined the waiting line (it may leave it at once if an officer is free).
  virtual void on_request_accepted(SimTime at, const InspectionRequest& request, std::size_t waiting) = 0;
  /// The waiting line was full (waiting limit reached): the request was turned away.
  virtual void on_request_refused(SimTime at, const InspectionRequest& request) = 0;
  /// A waiting request was turned out of a full ranked line by a higher score (it was accepted
  /// before: a refusal, not a new request). By default, as a refusal.
  virtual void on_request_evicted(SimTime at, const InspectionRequest& request) { on_request_refused(at, request); }
  /// `count` requests were turned away by a full waiting line, all at `at` or before it
  /// (the aggregated path counts the selections a full line refused over an hour at once).
  virtual void on_requests_refused(SimTime at, std::uint64_t count) = 0;
  /// An officer took the request after it waited `waited`.
  virtual void on_inspection_started(SimTime at, const InspectionRequest& request, Duration waited,
                                     std::size_t waiting, int busy) = 0;
  /// An officer finished an inspection.
  virtual void on_inspection_finished(SimTime at, int busy) = 0;
  /// A shift change set the officers on duty.
  virtual void on_officers_changed(SimTime at, int on_duty) = 0;
};

/// Officers available to inspect shipments, with a waiting line.
///
/// Invariant: busy() <= on_duty() except after a drop in officers on duty: a shift change
/// never preempts an inspection in progress; the smaller count applies as officers finish.
/// The pool schedules nothing: the caller asks start_next() for work whenever an officer may
/// be free (after request, finish and set_on_duty) and schedules the inspection's end.
class OfficerPool {
 public:
  /// `waiting_limit`: the most requests that may wait (not counting those being inspected);
  /// empty for an unlimited line.
  OfficerPool(int on_duty, int priority_classes = 1, std::optional<std::size_t> waiting_limit = std::nullopt);

  /// Adds the request to the waiting line; false (and refused) when the line is full.
  /// Inline, like start_next() and finish(): each runs once per inspected shipment.
  bool request(SimTime now, const InspectionRequest& request) {
    CISIM_ASSERT(request.priority_class >= 0 && static_cast<std::size_t>(request.priority_class) < lines_.size(),
                 "priority class out of range");
    const bool exempt = static_cast<std::size_t>(request.priority_class) < exempt_classes_;
    if (!exempt && !has_room()) [[unlikely]] return refuse_or_evict(now, request);
    if (request.priority_class == ranked_class_) [[unlikely]] {
      ranked_.insert(Ranked{request, ranked_arrivals_++});
    } else {
      lines_[static_cast<std::size_t>(request.priority_class)].push_back(request);
    }
    ++waiting_;
    if (exempt) ++exempt_waiting_;
    for (auto* o : observers_) o->on_request_accepted(now, request, waiting_);
    return true;
  }
  /// A request now would be accepted: an officer is free or the line has room.
  bool has_room() const { return !waiting_limit_ || waiting_ - exempt_waiting_ < *waiting_limit_ || busy_ < on_duty_; }
  /// The first `classes` priority classes are never refused, and their waiting requests do
  /// not count toward the waiting limit (the random audit's line, docs/model.md).
  void exempt_from_limit(std::size_t classes) { exempt_classes_ = classes; }
  /// Orders priority class `c`'s line by score (docs/model.md, "Risk-ranked line"): the highest
  /// score is examined first, ties first come first served; when the line is full, a request
  /// that scores above the lowest waiting one of the class takes its place, and that one is
  /// turned away (pop_evicted() hands it to the caller, who releases it).
  void rank_class(int c) { ranked_class_ = c; }
  /// The score a request of the ranked class must beat to enter the line while it is full:
  /// the lowest waiting one's; infinite when none waits (or no class is ranked).
  double admission_bar() const {
    return ranked_.empty() ? std::numeric_limits<double>::infinity() : std::prev(ranked_.end())->request.score;
  }
  /// The request the last accepted request turned out of a full ranked line, once.
  std::optional<InspectionRequest> pop_evicted() { return std::exchange(evicted_, std::nullopt); }
  /// `count` requests turned away by the full line, counted at once (has_room() is false).
  void refuse(SimTime now, std::uint64_t count) {
    for (auto* o : observers_) o->on_requests_refused(now, count);
  }
  /// If an officer is free and someone waits, starts the first in line and returns it.
  std::optional<InspectionRequest> start_next(SimTime now) {
    if (!can_start()) return std::nullopt;  // the common answer, inline
    return start_first_in_line(now);
  }
  /// An officer finished an inspection and is free.
  void finish(SimTime now) {
    CISIM_ASSERT(busy_ > 0, "an officer finished but none was busy");
    --busy_;
    for (auto* o : observers_) o->on_inspection_finished(now, busy_);
  }
  /// A shift change: `officers` on duty from now.
  void set_on_duty(SimTime now, int officers);

  /// Attaches an observer (not owned). Attach before the first request: the observer
  /// starts from an empty line, no busy officer and the current officers on duty.
  void add_observer(OfficerPoolObserver* observer, SimTime now);

  int busy() const { return busy_; }
  int on_duty() const { return on_duty_; }
  std::size_t waiting() const { return waiting_; }
  bool can_start() const { return busy_ < on_duty_ && waiting_ > 0; }

 private:
  bool refuse_one(SimTime now, const InspectionRequest& request);
  bool refuse_or_evict(SimTime now, const InspectionRequest& request);
  bool class_empty(std::size_t c) const { return static_cast<int>(c) == ranked_class_ ? ranked_.empty() : lines_[c].empty(); }
  InspectionRequest start_first_in_line(SimTime now) {
    // The first non-empty line, highest priority first; can_start() said one exists.
    std::size_t c = 0;
    while (class_empty(c)) {
      ++c;
      CISIM_ASSERT(c < lines_.size(), "waiting count says someone waits but every line is empty");
    }
    InspectionRequest next;
    if (static_cast<int>(c) == ranked_class_) {
      next = ranked_.begin()->request;
      ranked_.erase(ranked_.begin());
    } else {
      next = lines_[c].front();
      lines_[c].pop_front();
    }
    if (c < exempt_classes_) --exempt_waiting_;
    --waiting_;
    ++busy_;
    for (auto* o : observers_) o->on_inspection_started(now, next, now - next.requested_at, waiting_, busy_);
    return next;
  }
  int on_duty_;
  int busy_ = 0;
  std::size_t waiting_ = 0;
  std::size_t exempt_classes_ = 0, exempt_waiting_ = 0;  // classes the limit spares, and their waiting
  std::optional<std::size_t> waiting_limit_;
  std::vector<RingQueue<InspectionRequest>> lines_;  // one per priority class (the ranked one's unused)
  // The ranked class's line, best first: higher score, then earlier arrival.
  struct Ranked {
    InspectionRequest request;
    std::uint64_t order;
    bool operator<(const Ranked& o) const { return request.score != o.request.score ? request.score > o.request.score : order < o.order; }
  };
  int ranked_class_ = -1;
  std::set<Ranked> ranked_;
  std::uint64_t ranked_arrivals_ = 0;
  std::optional<InspectionRequest> evicted_;
  std::vector<OfficerPoolObserver*> observers_;
};

}  // namespace cisim
