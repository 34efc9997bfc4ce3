// SPDX-License-Identifier: MIT
#include "cisim/engine/simulation.hpp"

#include <vector>

#include <catch2/catch.hpp>

using cisim::Duration;
using cisim::RandomStreams;
using cisim::SimTime;
using cisim::Simulation;

namespace {

struct Tick {
  int id;
};

class CountingObserver : public cisim::Observer {
 public:
  void on_warmup_ended(SimTime at) override { warmup_at = at; }
  void on_run_finished(SimTime at) override { finished_at = at; }
  SimTime warmup_at = SimTime::max();
  SimTime finished_at = SimTime::max();
};

}  // namespace

TEST_CASE("Simulation: runs events in time order, handlers may schedule more", "[engine]") {
  Simulation<Tick> sim{RandomStreams{1, 0}};
  std::vector<std::pair<std::int64_t, int>> seen;
  sim.schedule_at(SimTime::start() + Duration::seconds(2), Tick{2});
  sim.schedule_at(SimTime::start() + Duration::seconds(1), Tick{1});
  sim.run_until(SimTime::start() + Duration::seconds(10), [&](const Tick& t) {
    seen.emplace_back(sim.now().since_start().ticks() / 1'000'000, t.id);
    if (t.id < 5) sim.schedule_in(Duration::seconds(3), Tick{t.id + 10});
  });
  const std::vector<std::pair<std::int64_t, int>> expected{{1, 1}, {2, 2}, {4, 11}, {5, 12}};
  REQUIRE(seen == expected);
  REQUIRE(sim.now() == SimTime::start() + Duration::seconds(10));
  REQUIRE(sim.events_processed() == 4);
}

TEST_CASE("Simulation: run_until leaves later events pending and includes the horizon", "[engine]") {
  Simulation<Tick> sim{RandomStreams{1, 0}};
  int ran = 0;
  sim.schedule_at(SimTime::start() + Duration::seconds(5), Tick{1});
  sim.schedule_at(SimTime::start() + Duration::seconds(6), Tick{2});
  sim.run_until(SimTime::start() + Duration::seconds(5), [&](const Tick&) { ++ran; });
  REQUIRE(ran == 1);
  REQUIRE(sim.pending_events() == 1);
  sim.run_until(SimTime::start() + Duration::seconds(7), [&](const Tick&) { ++ran; });
  REQUIRE(ran == 2);
}

TEST_CASE("Simulation: observers hear warm-up end and run end at the clock's time", "[engine]") {
  Simulation<Tick> sim{RandomStreams{1, 0}};
  auto& observer = sim.add_observer<CountingObserver>();
  auto ignore = [](const Tick&) {};
  sim.run_until(SimTime::start() + Duration::hours(1), ignore);
  sim.end_warmup();
  sim.run_until(SimTime::start() + Duration::hours(3), ignore);
  sim.finish();
  REQUIRE(observer.warmup_at == SimTime::start() + Duration::hours(1));
  REQUIRE(observer.finished_at == SimTime::start() + Duration::hours(3));
}

TEST_CASE("Simulation: two simulations are independent values", "[engine]") {
  Simulation<Tick> a{RandomStreams{9, 0}};
  Simulation<Tick> b{RandomStreams{9, 0}};
  auto ga = a.stream("arrivals");
  auto gb = b.stream("arrivals");
  REQUIRE(ga() == gb());
  a.schedule_at(SimTime::start() + Duration::seconds(1), Tick{1});
  REQUIRE(a.pending_events() == 1);
  REQUIRE(b.pending_events() == 0);
}
