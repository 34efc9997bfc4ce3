// SPDX-License-Identifier: MIT
// Simulation: clock, future-event list, random streams and observers of one replication.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "cisim/base/assert.hpp"
#include "cisim/engine/event_queue.hpp"
#include "cisim/engine/sim_time.hpp"
#include "cisim/random/random_streams.hpp"
#include "cisim/engine/observer.hpp"

namespace cisim {

/// One replication of a model whose events are `Event` (a small trivially copyable struct or
/// a std::variant of them). A value: no globals, so replications run side by side on threads.
///
/// Invariants: now() never decreases; an event is never scheduled before now(); events
/// run in (time, scheduling order). Owns its observers; components hold plain pointers to
/// them, valid for the simulation's lifetime.
template <class Event>
class Simulation {
 public:
  explicit Simulation(RandomStreams streams) : streams_(streams) {}
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  SimTime now() const { return now_; }
  const RandomStreams& streams() const { return streams_; }
  /// The generator of the named stream for this replication (see RandomStreams).
  Xoshiro256 stream(std::string_view name) const { return streams_.stream(name); }

  EventId schedule_at(SimTime when, const Event& event) {
    CISIM_ASSERT(when >= now_, "event scheduled in the past");
    return queue_.schedule(when, event);
  }
  EventId schedule_in(Duration delay, const Event& event) { return schedule_at(now_ + delay, event); }
  /// Precondition: the event is still pending.
  void cancel(EventId id) { queue_.cancel(id); }
  std::size_t pending_events() const { return queue_.size(); }
  std::uint64_t events_processed() const { return processed_; }

  /// Runs every event at or before `horizon` through `handle(const Event&)`, in order, then
  /// sets the clock to `horizon`. Handlers may schedule and cancel events.
  /// The handler is a template parameter so that dispatch inlines: no virtual call per event.
  template <class Handler>
  void run_until(SimTime horizon, Handler&& handle) {
    CISIM_ASSERT(horizon >= now_, "run_until a time in the past");
    typename EventQueue<Event>::Entry entry;
    while (queue_.pop_next_until(horizon, entry)) {
      now_ = entry.when;
      ++processed_;
      handle(entry.payload);
    }
    now_ = horizon;
  }

  /// Constructs an observer owned by this simulation and returns it.
  template <class T, class... Args>
  T& add_observer(Args&&... args) {
    auto owned = std::make_unique<T>(std::forward<Args>(args)...);
    T& ref = *owned;
    observers_.push_back(std::move(owned));
    return ref;
  }
  /// Tells every observer that the warm-up ends now.
  void end_warmup() {
    for (auto& o : observers_) o->on_warmup_ended(now_);
  }
  /// Tells every observer that the run ends now.
  void finish() {
    for (auto& o : observers_) o->on_run_finished(now_);
  }

 private:
  SimTime now_ = SimTime::start();
  std::uint64_t processed_ = 0;
  EventQueue<Event> queue_;
  RandomStreams streams_;
  std::vector<std::unique_ptr<Observer>> observers_;
};

}  // namespace cisim
