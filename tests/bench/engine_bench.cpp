// SPDX-License-Identifier: MIT
// Engine overhead: M/M/c (c = 10, lambda = 9, mu = 1, about 1,000,000 shipments) three ways,
// with the same generators and streams, so all three process the same events:
//  1. Simulation + OfficerPool with an observer that sums waits (what the bare loop computes):
//     the engine's overhead, whose time per event the target compares with the bare loop's;
//  2. run_queue_network, which also keeps wait quantiles and time-weighted queue, busy and
//     on-duty levels: what a real run costs;
//  3. a bare loop over std::priority_queue.
// Usage: engine_bench [ROUNDS=7]   (prints medians of alternating rounds; --help says more)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <queue>
#include <variant>
#include <vector>

#include <fmt/core.h>

#include "cisim/engine/simulation.hpp"
#include "cisim/model/events.hpp"
#include "cisim/model/officer_pool.hpp"
#include "cisim/model/queue_network.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"
#include "bench_arguments.hpp"

namespace {

constexpr int kOfficers = 10;
constexpr double kArrivalsPerMinute = 9.0;
constexpr double kServiceMinutes = 1.0;
constexpr double kShipments = 1'000'000.0;
const double kHorizonMinutes = kShipments / kArrivalsPerMinute;

struct RunResult {
  double seconds = 0.0;
  std::uint64_t events = 0;
  double mean_wait_min = 0.0;
};

// Records exactly what the bare loop records: the sum and count of waits.
class WaitSum final : public cisim::OfficerPoolObserver {
 public:
  void on_request_accepted(cisim::SimTime, const cisim::InspectionRequest&, std::size_t) override {}
  void on_request_refused(cisim::SimTime, const cisim::InspectionRequest&) override {}
  void on_requests_refused(cisim::SimTime, std::uint64_t) override {}
  void on_inspection_started(cisim::SimTime, const cisim::InspectionRequest&, cisim::Duration waited, std::size_t,
                             int) override {
    sum_minutes += waited.to_minutes();
    ++count;
  }
  void on_inspection_finished(cisim::SimTime, int) override {}
  void on_officers_changed(cisim::SimTime, int) override {}
  double sum_minutes = 0.0;
  std::uint64_t count = 0;
};

// The engine's own events for this loop: an arrival, or an inspection's end.
struct ShipmentArrived {
  std::uint32_t stream = 0;
};
using BenchEvent = std::variant<ShipmentArrived, cisim::InspectionCompleted>;

[[gnu::noinline]] RunResult run_engine_and_pool(std::uint64_t seed) {
  const auto start = std::chrono::steady_clock::now();
  cisim::Simulation<BenchEvent> sim{cisim::RandomStreams{seed, 0}};
  auto arrivals = sim.stream("arrivals/poisson");
  auto service = sim.stream("inspection_time/station");
  const auto process = cisim::ArrivalProcess::poisson(kArrivalsPerMinute / 60.0);
  const cisim::Exponential inspection{kServiceMinutes * 60.0};
  cisim::OfficerPool pool{kOfficers};
  auto& waits = sim.add_observer<WaitSum>();
  pool.add_observer(&waits, sim.now());
  std::uint64_t next_shipment = 0;
  auto start_inspections = [&] {
    while (auto started = pool.start_next(sim.now())) {
      sim.schedule_in(cisim::Duration::from_seconds(inspection(service)), cisim::InspectionCompleted{0, 0});
    }
  };
  sim.schedule_at(*process.next_event_after(sim.now(), arrivals), ShipmentArrived{0});
  sim.run_until(cisim::SimTime::start() + cisim::Duration::from_minutes(kHorizonMinutes), [&](const BenchEvent& e) {
    if (std::holds_alternative<ShipmentArrived>(e)) {
      pool.request(sim.now(), {next_shipment++, sim.now(), 0});
      start_inspections();
      sim.schedule_at(*process.next_event_after(sim.now(), arrivals), e);
    } else {
      pool.finish(sim.now());
      start_inspections();
    }
  });
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), sim.events_processed(), waits.sum_minutes / static_cast<double>(waits.count)};
}

[[gnu::noinline]] RunResult run_network_with_statistics(std::uint64_t seed) {
  cisim::QueueNetwork n;
  n.facilities.push_back({"station", cisim::ShiftSchedule::constant(kOfficers),
                          {{"only", 1.0, cisim::Exponential{kServiceMinutes * 60.0}}}, std::nullopt});
  n.streams.push_back({"poisson", 0, cisim::ArrivalProcess::poisson(kArrivalsPerMinute / 60.0)});
  n.horizon = cisim::Duration::from_minutes(kHorizonMinutes);
  const auto start = std::chrono::steady_clock::now();
  const auto r = cisim::run_queue_network(n, cisim::RandomStreams{seed, 0});
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), r.events_processed, r.facilities[0].wait_mean_hours * 60.0};
}

// The textbook loop: a binary heap of (time, kind), a FIFO line, a running sum of waits.
[[gnu::noinline]] RunResult run_bare_loop(std::uint64_t seed) {
  struct Event {
    double minute;
    bool is_arrival;
    bool operator>(const Event& o) const { return minute > o.minute; }
  };
  const auto start = std::chrono::steady_clock::now();
  const cisim::RandomStreams streams{seed, 0};
  auto arrivals = streams.stream("arrivals/poisson");
  auto service = streams.stream("inspection_time/station");
  // The engine's arrival process draws -ln(1 - U) / rate; the same here, in minutes.
  auto interarrival = [](cisim::Xoshiro256& g) { return -std::log(1.0 - g.uniform01()) / kArrivalsPerMinute; };
  const cisim::Exponential inspection{kServiceMinutes};
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::deque<double> line;
  int busy = 0;
  double wait_sum = 0.0;
  std::uint64_t waits = 0;
  std::uint64_t processed = 0;
  events.push({interarrival(arrivals), true});
  while (!events.empty() && events.top().minute <= kHorizonMinutes) {
    const Event e = events.top();
    events.pop();
    ++processed;
    if (e.is_arrival) {
      if (busy < kOfficers) {
        ++busy;
        ++waits;
        events.push({e.minute + inspection(service), false});
      } else {
        line.push_back(e.minute);
      }
      events.push({e.minute + interarrival(arrivals), true});
    } else if (!line.empty()) {
      wait_sum += e.minute - line.front();
      ++waits;
      line.pop_front();
      events.push({e.minute + inspection(service), false});
    } else {
      --busy;
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), processed, wait_sum / static_cast<double>(waits)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const cisim::bench::BenchArguments args{argc, argv,
                                          "usage: engine_bench [ROUNDS=7]\n"
                                          "  M/M/c (c = 10, lambda = 9/min, mu = 1/min, 1,000,000 shipments) through the engine and\n"
                                          "  officer pool, through run_queue_network and through a bare std::priority_queue loop,\n"
                                          "  alternating, ROUNDS times; prints the medians and the time-per-event ratios.\n"};
  const int rounds = args.positive(1, "ROUNDS", 7);
  std::vector<double> engine_rate, network_rate, bare_rate, engine_ratio, network_ratio;
  RunResult engine, network, bare;
  auto per_event = [](const RunResult& r) { return r.seconds / static_cast<double>(r.events); };
  for (int i = 0; i < rounds; ++i) {
    // Alternate, so all see the same machine load; same seed, so the same work.
    engine = run_engine_and_pool(1);
    network = run_network_with_statistics(1);
    bare = run_bare_loop(1);
    engine_rate.push_back(1.0 / per_event(engine));
    network_rate.push_back(1.0 / per_event(network));
    bare_rate.push_back(1.0 / per_event(bare));
    engine_ratio.push_back(per_event(engine) / per_event(bare));
    network_ratio.push_back(per_event(network) / per_event(bare));
  }
  fmt::print("M/M/c, c = {}, lambda = {}/min, mu = {}/min, {:.0f} shipments, {} rounds (medians)\n", kOfficers,
             kArrivalsPerMinute, 1.0 / kServiceMinutes, kShipments, rounds);
  fmt::print("engine + officer pool:    {:>12.0f} events/s  ({} events, mean wait {:.4f} min)\n", median(engine_rate),
             engine.events, engine.mean_wait_min);
  fmt::print("queue network (all stats):{:>12.0f} events/s  ({} events, mean wait {:.4f} min)\n", median(network_rate),
             network.events, network.mean_wait_min);
  fmt::print("bare priority_queue:      {:>12.0f} events/s  ({} events, mean wait {:.4f} min)\n", median(bare_rate),
             bare.events, bare.mean_wait_min);
  fmt::print("time per event, engine + pool / bare: {:.3f} (target <= 1.5)\n", median(engine_ratio));
  fmt::print("time per event, queue network / bare: {:.3f}\n", median(network_ratio));
  return 0;
}
