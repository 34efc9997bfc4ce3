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
SimTime at(std::int64_t ticks) { return SimTime::from_ticks(ticks); }
}  // namespace

TEST_CASE("EventQueue: same-time events pop in scheduling order", "[engine]") {
  EventQueue<int> q;
  q.schedule(at(5), 1);
  q.schedule(at(5), 2);
  q.schedule(at(5), 3);
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
    q.schedule(at(t), i);
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
  for (int i = 0; i < 100; ++i) q.schedule(at(static_cast<std::int64_t>(g() % 1000)), next_payload++);
  for (int step = 0; step < 100'000; ++step) {
    const auto e = q.pop_next();
    REQUIRE(e.when.ticks() >= now);
    now = e.when.ticks();
    q.schedule(at(now + static_cast<std::int64_t>(g() % 1000)), next_payload++);
  }
  REQUIRE(q.size() == 100);
}

TEST_CASE("EventQueue: cancelled events never pop and are not counted", "[engine]") {
  EventQueue<int> q;
  const auto a = q.schedule(at(1), 1);
  q.schedule(at(2), 2);
  const auto c = q.schedule(at(3), 3);
  q.schedule(at(4), 4);
  q.cancel(a);
  q.cancel(c);
  REQUIRE(q.size() == 2);
  REQUIRE(q.next_time() == at(2));
  REQUIRE(q.pop_next().payload == 2);
  REQUIRE(q.pop_next().payload == 4);
  REQUIRE(q.empty());
  REQUIRE(q.scheduled_count() == 4);
}
