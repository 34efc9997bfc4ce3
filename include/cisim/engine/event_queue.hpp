// SPDX-License-Identifier: MIT
// The future-event list: events ordered by (time, sequence number), cancelled lazily.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cisim/engine/assert.hpp"
#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// Identifies one scheduled event, for cancel(). It is the event's sequence number.
struct EventId {
  std::uint64_t seq = 0;
  friend constexpr bool operator==(EventId, EventId) = default;
};

/// Future-event list over a small, trivially copyable payload, kept as a 4-ary min-heap in
/// one std::vector: no allocation per event once the vector has grown, no virtual call.
///
/// Order: earlier time first; at equal times, the event scheduled first (lower sequence
/// number) pops first, so a run is reproducible whatever the payloads are.
/// Cancel is lazy: the entry stays in the heap and is skipped when it reaches the top.
/// Invariant: size() counts live (scheduled, not popped, not cancelled) events only.
template <class Payload>
class EventQueue {
  static_assert(std::is_trivially_copyable_v<Payload>,
                "event payloads are copied through the heap; keep them small plain structs");

 public:
  struct Entry {
    SimTime when;
    std::uint64_t seq;
    Payload payload;
  };

  /// Schedules `payload` at `when`; returns an id that cancel() accepts until the event pops.
  EventId schedule(SimTime when, const Payload& payload) {
    const std::uint64_t seq = next_seq_++;
    heap_.push_back(Entry{when, seq, payload});
    sift_up(heap_.size() - 1);
    return EventId{seq};
  }

  /// Cancels a scheduled event. Precondition: `id` is still pending (not popped, not
  /// already cancelled); checked in debug builds only, because checking costs O(n).
  void cancel(EventId id) {
#ifndef NDEBUG
    bool pending = false;
    for (const Entry& e : heap_) pending = pending || e.seq == id.seq;
    CISIM_ASSERT(pending && !cancelled_.contains(id.seq), "cancel of an event that is not pending");
#endif
    cancelled_.insert(id.seq);
  }

  bool empty() const { return heap_.size() == cancelled_.size(); }
  std::size_t size() const { return heap_.size() - cancelled_.size(); }
  /// Number of events ever scheduled (the next sequence number).
  std::uint64_t scheduled_count() const { return next_seq_; }

  /// Time of the next live event. Precondition: !empty().
  SimTime next_time() {
    drop_cancelled_top();
    return heap_.front().when;
  }

  /// Removes and returns the next live event. Precondition: !empty().
  Entry pop_next() {
    drop_cancelled_top();
    return pop_top();
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr std::size_t kArity = 4;

  static bool before(const Entry& a, const Entry& b) {
    return a.when < b.when || (a.when == b.when && a.seq < b.seq);
  }

  void drop_cancelled_top() {
    CISIM_ASSERT(!empty(), "pop from an empty event queue");
    if (cancelled_.empty()) [[likely]] return;
    while (cancelled_.erase(heap_.front().seq) == 1) pop_top();
  }

  Entry pop_top() {
    Entry top = heap_.front();
    Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return top;
  }

  // Moves the hole at `i` up until the entry there is not before its parent.
  void sift_up(std::size_t i) {
    Entry moving = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // Places `moving` starting from a hole at the root, pulling the smallest child up.
  void sift_down(const Entry& moving) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      const std::size_t last = first + kArity < n ? first + kArity : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], moving)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = moving;
  }

  std::vector<Entry> heap_;
  // Lookups only, never iterated, so its order cannot leak into results.
  std::unordered_set<std::uint64_t> cancelled_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace cisim
