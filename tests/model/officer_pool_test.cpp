// SPDX-License-Identifier: MIT
#include "cisim/model/officer_pool.hpp"

#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/engine/simulation.hpp"
#include "cisim/model/shift_schedule.hpp"
#include "support/recording_pool_observer.hpp"

using namespace cisim;
using cisim::testing::RecordingPoolObserver;

namespace {
SimTime pool_minute(int m) { return SimTime::start() + Duration::minutes(m); }
}  // namespace

TEST_CASE("OfficerPool: starts at once while officers are free, then queues first come first served", "[model]") {
  OfficerPool pool{2};
  RecordingPoolObserver rec;
  pool.add_observer(&rec, pool_minute(0));
  for (std::uint64_t s = 0; s < 4; ++s) {
    REQUIRE(pool.request(pool_minute(0), {s, pool_minute(0), 0}));
    while (pool.start_next(pool_minute(0))) {
    }
  }
  REQUIRE(pool.busy() == 2);
  REQUIRE(pool.waiting() == 2);
  pool.finish(pool_minute(5));
  REQUIRE(pool.start_next(pool_minute(5))->shipment == 2);
  REQUIRE(rec.started.back().waited == Duration::minutes(5));
}

TEST_CASE("OfficerPool: a higher priority class is served first", "[model]") {
  OfficerPool pool{1, 2};
  pool.request(pool_minute(0), {0, pool_minute(0), 1});
  REQUIRE(pool.start_next(pool_minute(0))->shipment == 0);
  pool.request(pool_minute(1), {1, pool_minute(1), 1});
  pool.request(pool_minute(2), {2, pool_minute(2), 0});
  pool.request(pool_minute(3), {3, pool_minute(3), 1});
  pool.finish(pool_minute(4));
  REQUIRE(pool.start_next(pool_minute(4))->shipment == 2);
  pool.finish(pool_minute(5));
  REQUIRE(pool.start_next(pool_minute(5))->shipment == 1);
}

TEST_CASE("OfficerPool: a full waiting line refuses, but a free officer always accepts", "[model]") {
  OfficerPool loss_system{1, 1, std::size_t{0}};  // M/M/1/1: no waiting room
  RecordingPoolObserver rec;
  loss_system.add_observer(&rec, pool_minute(0));
  REQUIRE(loss_system.request(pool_minute(0), {0, pool_minute(0), 0}));
  REQUIRE(loss_system.start_next(pool_minute(0)));
  REQUIRE_FALSE(loss_system.request(pool_minute(1), {1, pool_minute(1), 0}));
  REQUIRE(rec.refused == std::vector<std::uint64_t>{1});
}

TEST_CASE("OfficerPool: an exempt class (the audit's line) is never refused and leaves the limit to the others", "[model]") {
  OfficerPool pool{1, 2, std::size_t{1}};  // one officer, one place in the line
  pool.exempt_from_limit(1);
  REQUIRE(pool.request(pool_minute(0), {0, pool_minute(0), 1}));
  REQUIRE(pool.start_next(pool_minute(0))->shipment == 0);  // busy
  REQUIRE(pool.request(pool_minute(1), {1, pool_minute(1), 1}));  // the one place
  REQUIRE_FALSE(pool.has_room());
  REQUIRE_FALSE(pool.request(pool_minute(2), {2, pool_minute(2), 1}));  // refused: the line is full
  REQUIRE(pool.request(pool_minute(3), {3, pool_minute(3), 0}));        // the audit's: accepted all the same
  REQUIRE(pool.request(pool_minute(4), {4, pool_minute(4), 0}));
  REQUIRE(pool.waiting() == 3);
  pool.finish(pool_minute(5));
  REQUIRE(pool.start_next(pool_minute(5))->shipment == 3);  // first in line: the audit's, in order
  REQUIRE_FALSE(pool.has_room());                         // the audit's waiting do not free the place
  pool.finish(pool_minute(6));
  REQUIRE(pool.start_next(pool_minute(6))->shipment == 4);
  pool.finish(pool_minute(7));
  REQUIRE(pool.start_next(pool_minute(7))->shipment == 1);
  REQUIRE(pool.has_room());
}

TEST_CASE("OfficerPool: a ranked class serves the highest score first and a full line turns away the lowest", "[model]") {
  OfficerPool pool{1, 2, std::size_t{3}};  // one officer, three places; class 1 ranked
  pool.rank_class(1);
  RecordingPoolObserver rec;
  pool.add_observer(&rec, pool_minute(0));
  REQUIRE(pool.request(pool_minute(0), {0, pool_minute(0), 1, 5.0}));
  REQUIRE(pool.start_next(pool_minute(0))->shipment == 0);  // busy
  REQUIRE(pool.request(pool_minute(1), {1, pool_minute(1), 1, 1.0}));
  REQUIRE(pool.request(pool_minute(2), {2, pool_minute(2), 1, 3.0}));
  REQUIRE(pool.request(pool_minute(3), {3, pool_minute(3), 1, 1.0}));  // ties 1: the later one is lower
  REQUIRE_FALSE(pool.pop_evicted());
  // Full: 0.5 is below every waiting score, refused; 2.0 takes the place of the latest 1.0.
  REQUIRE_FALSE(pool.request(pool_minute(4), {4, pool_minute(4), 1, 0.5}));
  REQUIRE(pool.request(pool_minute(5), {5, pool_minute(5), 1, 2.0}));
  const auto evicted = pool.pop_evicted();
  REQUIRE(evicted);
  REQUIRE(evicted->shipment == 3);
  REQUIRE_FALSE(pool.pop_evicted());  // handed over once
  REQUIRE(pool.waiting() == 3);
  // An equal score does not displace: 1.0 against the lowest 1.0 is refused.
  REQUIRE_FALSE(pool.request(pool_minute(6), {6, pool_minute(6), 1, 1.0}));
  // A request of the first class goes ahead of every score.
  REQUIRE(pool.request(pool_minute(6), {7, pool_minute(6), 0, -100.0}) == false);  // the line is full for it too
  std::vector<std::uint64_t> order;
  for (int m = 7; m < 10; ++m) {
    pool.finish(pool_minute(m));
    order.push_back(pool.start_next(pool_minute(m))->shipment);
  }
  CHECK(order == std::vector<std::uint64_t>{2, 5, 1});  // 3.0, 2.0, 1.0
  CHECK(pool.waiting() == 0);
}

TEST_CASE("Validation: shift schedule of 2, 4, then 2 officers on a deterministic case with a known answer", "[validation][model]") {
  // Eleven shipments arrive at 0; each inspection takes exactly 10 min. Officers: 2 from 0,
  // 4 from 15 min, 2 from 27 min. Worked by hand:
  //   0: #0 #1 start        10: #2 #3 start (0, 1 done)   15: #4 #5 start (capacity 4)
  //   20: #6 #7 start        25: #8 #9 start                27: capacity 2, nobody preempted
  //   30: #6 #7 done, busy 2 = capacity: #10 keeps waiting   35: #10 starts, done at 45.
  const ShiftSchedule schedule{{{Duration::zero(), 2}, {Duration::minutes(15), 4}, {Duration::minutes(27), 2}},
                               std::nullopt};
  struct Finished {};
  struct ShiftChange {};
  using Event = std::variant<Finished, ShiftChange>;
  Simulation<Event> sim{RandomStreams{1, 0}};
  OfficerPool pool{schedule.officers_at(sim.now())};
  RecordingPoolObserver rec;
  pool.add_observer(&rec, sim.now());
  auto start_all = [&] {
    while (pool.start_next(sim.now())) sim.schedule_in(Duration::minutes(10), Finished{});
  };
  for (std::uint64_t s = 0; s < 11; ++s) pool.request(sim.now(), {s, sim.now(), 0});
  start_all();
  sim.schedule_at(*schedule.next_change_after(sim.now()), ShiftChange{});
  sim.run_until(pool_minute(120), [&](const Event& e) {
    if (std::holds_alternative<Finished>(e)) {
      pool.finish(sim.now());
    } else {
      pool.set_on_duty(sim.now(), schedule.officers_at(sim.now()));
      if (auto next = schedule.next_change_after(sim.now())) sim.schedule_at(*next, ShiftChange{});
    }
    start_all();
  });

  const std::vector<int> expected_start_min{0, 0, 10, 10, 15, 15, 20, 20, 25, 25, 35};
  REQUIRE(rec.started.size() == 11);
  for (std::size_t i = 0; i < 11; ++i) {
    INFO("shipment " << i);
    REQUIRE(rec.started[i].shipment == i);
    REQUIRE(rec.started[i].at == pool_minute(expected_start_min[i]));
    REQUIRE(rec.started[i].waited == Duration::minutes(expected_start_min[i]));
  }
  REQUIRE(rec.finished.back() == pool_minute(45));
  // Busy officer-minutes: 2x15 + 4x5 + 4x5 + 4x5 + 2x5 + 1x10 = 110.
  double busy_officer_minutes = 0.0;
  for (std::size_t i = 0; i + 1 < rec.states.size(); ++i) {
    busy_officer_minutes += rec.states[i].busy * (rec.states[i + 1].at - rec.states[i].at).to_minutes();
  }
  REQUIRE(busy_officer_minutes == Approx(110.0));
  // Between 27 and 30 min four officers finish their work although only two are on duty.
  bool over_capacity_seen = false;
  for (const auto& s : rec.states) {
    if (s.at == pool_minute(27)) over_capacity_seen = over_capacity_seen || (s.busy == 4 && s.on_duty == 2);
    if (s.at > pool_minute(30)) REQUIRE(s.busy <= s.on_duty);
  }
  REQUIRE(over_capacity_seen);
}
