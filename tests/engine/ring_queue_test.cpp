// SPDX-License-Identifier: MIT
#include "cisim/engine/ring_queue.hpp"

#include <deque>

#include <catch2/catch.hpp>

#include "cisim/random/xoshiro256.hpp"

TEST_CASE("RingQueue: behaves like std::deque under random pushes and pops, across growth", "[engine]") {
  cisim::RingQueue<int> ring;
  std::deque<int> reference;
  cisim::Xoshiro256 g{11};
  int next = 0;
  for (int step = 0; step < 100'000; ++step) {
    // Push slightly more often than pop, so the ring grows through several doublings.
    if (reference.empty() || g() % 100 < 55) {
      ring.push_back(next);
      reference.push_back(next++);
    } else {
      REQUIRE(ring.front() == reference.front());
      ring.pop_front();
      reference.pop_front();
    }
    REQUIRE(ring.size() == reference.size());
  }
  while (!reference.empty()) {
    REQUIRE(ring.front() == reference.front());
    ring.pop_front();
    reference.pop_front();
  }
  REQUIRE(ring.empty());
}
