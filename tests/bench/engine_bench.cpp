// SPDX-License-Identifier: MIT
// Engine overhead: M/M/c (c = 10, lambda = 9, mu = 1, about 1,000,000 shipments) through the
// engine and officer pool, against a bare loop over std::priority_queue with the same generator.
// Usage: engine_bench [rounds]   (default 7; prints the median of each and their ratio)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

#include <fmt/core.h>

#include "cisim/model/queue_network.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"

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

RunResult run_engine(std::uint64_t seed) {
  cisim::QueueNetwork n;
  n.facilities.push_back({"station", cisim::ShiftSchedule::constant(kOfficers),
                          cisim::Exponential{kServiceMinutes * 60.0}, std::nullopt});
  n.streams.push_back({"poisson", 0, cisim::Exponential{60.0 / kArrivalsPerMinute}});
  n.horizon = cisim::Duration::from_minutes(kHorizonMinutes);
  const auto start = std::chrono::steady_clock::now();
  const auto r = cisim::run_queue_network(n, cisim::RandomStreams{seed, 0});
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), r.events_processed, r.facilities[0].wait_mean_hours * 60.0};
}

// The textbook loop: a binary heap of (time, kind), a FIFO line, a running sum of waits.
RunResult run_bare_loop(std::uint64_t seed) {
  struct Event {
    double minute;
    bool is_arrival;
    bool operator>(const Event& o) const { return minute > o.minute; }
  };
  const auto start = std::chrono::steady_clock::now();
  const cisim::RandomStreams streams{seed, 0};
  auto arrivals = streams.stream("arrivals/poisson");
  auto service = streams.stream("inspection_time/station");
  const cisim::Exponential interarrival{1.0 / kArrivalsPerMinute};
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
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
  std::vector<double> engine_rate, bare_rate, ratio;
  RunResult engine, bare;
  for (int i = 0; i < rounds; ++i) {
    // Alternate, so both see the same machine load; same seed, so the same work.
    engine = run_engine(1);
    bare = run_bare_loop(1);
    engine_rate.push_back(static_cast<double>(engine.events) / engine.seconds);
    bare_rate.push_back(static_cast<double>(bare.events) / bare.seconds);
    ratio.push_back((engine.seconds / static_cast<double>(engine.events)) /
                    (bare.seconds / static_cast<double>(bare.events)));
  }
  fmt::print("M/M/c, c = {}, lambda = {}/min, mu = {}/min, {:.0f} shipments, {} rounds (medians)\n", kOfficers,
             kArrivalsPerMinute, 1.0 / kServiceMinutes, kShipments, rounds);
  fmt::print("engine + officer pool: {:>12.0f} events/s  ({} events, mean wait {:.4f} min)\n", median(engine_rate),
             engine.events, engine.mean_wait_min);
  fmt::print("bare priority_queue:   {:>12.0f} events/s  ({} events, mean wait {:.4f} min)\n", median(bare_rate),
             bare.events, bare.mean_wait_min);
  fmt::print("time per event, engine / bare: {:.3f} (target <= 1.5)\n", median(ratio));
  return 0;
}
