// SPDX-License-Identifier: MIT
// The future-event list: events ordered by (time, sequence number), cancelled lazily.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cisim/base/assert.hpp"
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
  /// Precondition: when >= SimTime::start() (simulated time never precedes the run).
  EventId schedule(SimTime when, const Payload& payload) {
    CISIM_ASSERT(when >= SimTime::start(), "event scheduled before the start of the run");
    const std::uint64_t seq = next_seq_++;
    if (root_popped_) {
      // The event just handed out still holds the root: the new one takes its place and
      // sinks, one sift instead of a pop's sift down and a push's sift up.
      root_popped_ = false;
      sift_down(Entry{when, seq, payload});
    } else {
      heap_.push_back(Entry{when, seq, payload});
      sift_up(heap_.size() - 1);
    }
    return EventId{seq};
  }

  /// Cancels a scheduled event. Precondition: `id` is still pending (not popped, not
  /// already cancelled); checked in debug builds only, because checking costs O(n).
  void cancel(EventId id) {
#ifndef NDEBUG
    bool pending = false;
    for (std::size_t i = root_popped_ ? 1 : 0; i < heap_.size(); ++i) pending = pending || heap_[i].seq == id.seq;
    CISIM_ASSERT(pending && !cancelled_.contains(id.seq), "cancel of an event that is not pending");
#endif
    cancelled_.insert(id.seq);
  }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return heap_.size() - cancelled_.size() - (root_popped_ ? 1 : 0); }
  /// Number of events ever scheduled (the next sequence number).
  std::uint64_t scheduled_count() const { return next_seq_; }

  /// Time of the next live event. Precondition: !empty().
  SimTime next_time() {
    settle_root();
    drop_cancelled_top();
    return heap_.front().when;
  }

  /// Removes and returns the next live event. Precondition: !empty().
  Entry pop_next() {
    settle_root();
    drop_cancelled_top();
    return pop_top();
  }

  /// Removes the next live event into `out` if there is one at or before `horizon`.
  /// The event keeps its slot at the root until the next schedule() (which takes the slot
  /// over) or the next pop (which removes it): a handler that schedules one event, the
  /// common case, then costs one sift instead of two. The order of events is unchanged:
  /// (time, sequence) is a total order, whatever shape the heap has.
  bool pop_next_until(SimTime horizon, Entry& out) {
    settle_root();
    if (!cancelled_.empty()) [[unlikely]] {
      if (empty()) return false;
      drop_cancelled_top();
    }
    if (heap_.empty() || heap_.front().when > horizon) return false;
    out = heap_.front();
    root_popped_ = true;
    return true;
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr std::size_t kArity = 4;

  __extension__ using Key = unsigned __int128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet
  // (time, seq) as one 128-bit unsigned key: a single wide compare instead of two branches.
  // Times are never negative (checked in schedule), so their unsigned order is their order.
  static Key key(const Entry& e) {
    return (static_cast<Key>(static_cast<std::uint64_t>(e.when.ticks())) << 64) | e.seq;
  }
  static bool before(const Entry& a, const Entry& b) { return key(a) < key(b); }

  // Removes the root left by pop_next_until when no schedule() took its slot.
  void settle_root() {
    if (!root_popped_) return;
    root_popped_ = false;
    pop_top();
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
      std::size_t best = first;
      if (first + kArity <= n) [[likely]] {
        // A full node: a fixed tournament the compiler can turn into conditional moves.
        const std::size_t left = before(heap_[first + 1], heap_[first]) ? first + 1 : first;
        const std::size_t right = before(heap_[first + 3], heap_[first + 2]) ? first + 3 : first + 2;
        best = before(heap_[right], heap_[left]) ? right : left;
      } else {
        for (std::size_t c = first + 1; c < n; ++c) {
          if (before(heap_[c], heap_[best])) best = c;
        }
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
  bool root_popped_ = false;  // heap_[0] was handed out by pop_next_until; its slot is free
};

}  // namespace cisim
