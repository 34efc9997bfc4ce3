// SPDX-License-Identifier: MIT
#include "cisim/engine/event_queue.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/random/xoshiro256.hpp"

using cisim::Duration;
using cisim::EventQueue;
using cisim::SimTime;

namespace {
SimTime tick_at(std::int64_t ticks) { return SimTime::from_ticks(ticks); }
}  // namespace

TEST_CASE("EventQueue: same-time events pop in scheduling order", "[engine]") {
  EventQueue<int> q;
  q.schedule(tick_at(5), 1);
  q.schedule(tick_at(5), 2);
  q.schedule(tick_at(5), 3);
  REQUIRE(q.pop_next().payload == 1);
  REQUIRE(q.pop_next().payload == 2);
  REQUIRE(q.pop_next().payload == 3);
  REQUIRE(q.empty());
}

TEST_CASE("EventQueue: pops in (time, sequence) order for random schedules", "[engine]") {
  EventQueue<int> q;
  cisim::Xoshiro256 g{42};
  std::vector<std::tuple<std::int64_t, int>> expected;
  for (int i = 0; i < 10'000; ++i) {
    // Few distinct times, so ties are common and the sequence number must break them.
    const auto t = static_cast<std::int64_t>(g() % 50);
    q.schedule(tick_at(t), i);
    expected.emplace_back(t, i);
  }
  std::stable_sort(expected.begin(), expected.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (const auto& [t, payload] : expected) {
    const auto e = q.pop_next();
    REQUIRE(e.when.ticks() == t);
    REQUIRE(e.payload == payload);
  }
  REQUIRE(q.empty());
}

TEST_CASE("EventQueue: interleaved schedule and pop keeps order", "[engine]") {
  EventQueue<int> q;
  cisim::Xoshiro256 g{7};
  std::int64_t now = 0;
  int next_payload = 0;
  for (int i = 0; i < 100; ++i) q.schedule(tick_at(static_cast<std::int64_t>(g() % 1000)), next_payload++);
  for (int step = 0; step < 100'000; ++step) {
    const auto e = q.pop_next();
    REQUIRE(e.when.ticks() >= now);
    now = e.when.ticks();
    q.schedule(tick_at(now + static_cast<std::int64_t>(g() % 1000)), next_payload++);
  }
  REQUIRE(q.size() == 100);
}

TEST_CASE("EventQueue: cancelled events never pop and are not counted", "[engine]") {
  EventQueue<int> q;
  const auto a = q.schedule(tick_at(1), 1);
  q.schedule(tick_at(2), 2);
  const auto c = q.schedule(tick_at(3), 3);
  q.schedule(tick_at(4), 4);
  q.cancel(a);
  q.cancel(c);
  REQUIRE(q.size() == 2);
  REQUIRE(q.next_time() == tick_at(2));
  REQUIRE(q.pop_next().payload == 2);
  REQUIRE(q.pop_next().payload == 4);
  REQUIRE(q.empty());
  REQUIRE(q.scheduled_count() == 4);
}

// pop_next_until leaves the handed-out event's slot at the root for the next schedule();
// this drives that path against a sorted reference with every mix of what a handler does
// between pops: schedule none, one or several events, cancel some, ask size and next time.
TEST_CASE("EventQueue: pop_next_until with any mix of schedules and cancels matches a sorted reference",
          "[engine]") {
  EventQueue<int> q;
  cisim::Xoshiro256 g{11};
  std::vector<std::tuple<std::int64_t, std::uint64_t, int>> pending;  // (time, seq, payload)
  std::int64_t now = 0;
  int next_payload = 0;
  auto schedule = [&](std::int64_t t) {
    const auto id = q.schedule(tick_at(t), next_payload);
    pending.emplace_back(t, id.seq, next_payload++);
  };
  for (int i = 0; i < 20; ++i) schedule(static_cast<std::int64_t>(g() % 100));
  const std::int64_t horizon = 100'000;
  EventQueue<int>::Entry e;
  int pops = 0;
  while (q.pop_next_until(tick_at(horizon), e)) {
    ++pops;
    const auto first = std::min_element(pending.begin(), pending.end());
    REQUIRE(first != pending.end());
    REQUIRE(e.when.ticks() == std::get<0>(*first));
    REQUIRE(e.payload == std::get<2>(*first));
    REQUIRE(e.when.ticks() >= now);
    now = e.when.ticks();
    pending.erase(first);
    REQUIRE(q.size() == pending.size());
    // Few distinct delays (0 included), so same-time ties are common.
    const auto action = g() % 8;
    // Three at once while the queue is small, none while it is large: its size wanders
    // between empty and about 40 instead of growing without bound.
    const int schedules = action < 2 ? 0 : action < 6 ? 1 : pending.size() < 40 ? 3 : 0;
    for (int k = 0; k < schedules; ++k) schedule(now + static_cast<std::int64_t>(g() % 4) * 25);
    if (action == 7 && !pending.empty()) {
      const auto victim = pending.begin() + static_cast<std::ptrdiff_t>(g() % pending.size());
      q.cancel(cisim::EventId{std::get<1>(*victim)});
      pending.erase(victim);
    }
    REQUIRE(q.size() == pending.size());
    REQUIRE(q.empty() == pending.empty());
    if (action == 1 && !pending.empty()) {
      REQUIRE(q.next_time().ticks() == std::get<0>(*std::min_element(pending.begin(), pending.end())));
    }
    if (pending.empty()) schedule(now + 1);
  }
  REQUIRE(pops > 10'000);  // the mix above was exercised many times, not a few
  // Every event left is past the horizon, and the queue still pops them in order.
  std::sort(pending.begin(), pending.end());
  for (const auto& [t, seq, payload] : pending) {
    REQUIRE(t > horizon);
    const auto next = q.pop_next();
    REQUIRE(next.when.ticks() == t);
    REQUIRE(next.payload == payload);
  }
  REQUIRE(q.empty());
}
