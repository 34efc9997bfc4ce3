// SPDX-License-Identifier: MIT
// A national year: scenarios/common/us_fy2024_at_fy2019_enforcement.yaml (about 4 M parcels a day, 11 facilities, 40,000
// sellers per stream), one replication over DAYS days without warm-up, on THREADS threads, in
// a child process so that its peak memory is its own; alternating with a bare loop over the
// same traffic that only draws arrivals, values and selections (one core, cisim's generators
// and distributions), so the two see the same machine load. Prints each round and the medians.
// PATH: cisim's default, the aggregated path, or `exact` (every shipment drawn one by one).
// Usage: national_bench [SOURCE_DIR] [DAYS=365] [THREADS=2] [ROUNDS=3] [PATH=aggregated|exact]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "bench_arguments.hpp"
#include "child_measurement.hpp"

namespace {

struct Measurement {
  double seconds = 0.0;
  double parcels = 0.0;
  double peak_mib = 0.0;
};

// cisim itself, in a child process: wall time, parcels arrived, peak resident memory.
Measurement run_cisim(const cisim::Scenario& scenario, int threads) {
  const auto m = cisim::bench::measure_in_child([&] {
    cisim::RunOptions options;
    options.replications = 1;
    options.threads = threads;
    const auto start = std::chrono::steady_clock::now();
    options.on_share_done = [start](double share) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      fmt::print(stderr, "\r  cisim: {:3.0f}% of the parcels simulated, {:5.1f} s", 100.0 * share, elapsed.count());
    };
    const auto results = cisim::run_scenario(scenario, options);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    fmt::print(stderr, "\r{:60}\r", "");
    return std::pair{elapsed.count(), static_cast<double>(results.per_replication[0].run[cisim::Count::Arrivals])};
  });
  return {m.seconds, m.shipments, m.peak_mib};
}

// The least a per-parcel simulation of this traffic does: per stream and hour a Poisson
// count at the profiled rate; per parcel a time, an origin, a category, a value from the
// category's distribution, the advance-data flag and the random selection. No sellers,
// violations, targeting, entries, officers or counts by day.
Measurement run_bare_loop(const cisim::Scenario& scenario) {
  const cisim::CustomsModelConfig& m = scenario.model;
  const auto start = std::chrono::steady_clock::now();
  const cisim::RandomStreams streams{scenario.seed, 0};
  double parcels = 0.0;
  double value_sum = 0.0;
  std::uint64_t selected = 0;
  const cisim::Duration hour = cisim::Duration::hours(1);
  const cisim::SimTime horizon = cisim::SimTime::start() + m.horizon;
  for (const cisim::CustomsStream& s : m.streams) {
    cisim::Xoshiro256 arrivals = streams.stream("arrivals/" + s.name);
    cisim::Xoshiro256 g = streams.stream("shipments/" + s.name);
    const cisim::Categorical origin{s.origin_mix};
    const cisim::Categorical category{s.category_mix};
    for (cisim::SimTime from = cisim::SimTime::start(); from < horizon; from = from + hour) {
      const double mean = s.arrivals.rate_per_second() * s.rate_scale.at(from) * s.arrivals.multiplier_at(from) * 3600.0;
      const std::int64_t n = cisim::Poisson{mean}(arrivals);
      for (std::int64_t i = 0; i < n; ++i) {
        const cisim::SimTime at = from + cisim::Duration::from_seconds(arrivals.uniform01() * 3600.0);
        const std::size_t o = origin(g);
        const std::size_t c = category(g);
        const double value = cisim::sample(m.categories[c].true_value_usd, g);
        const bool has_data = g.uniform01() < s.advance_data_share.at(at);
        value_sum += value + static_cast<double>(o) + static_cast<double>(at.ticks() & 1) + (has_data ? 1.0 : 0.0);
        selected += g.uniform01() < m.policies.random_rate ? 1 : 0;
      }
      parcels += static_cast<double>(n);
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  // The sums are printed so that the loop cannot be optimised away.
  fmt::print(stderr, "  bare loop: {} selected, value checksum {:.3e}\n", selected, value_sum);
  return {elapsed.count(), parcels, 0.0};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const cisim::bench::BenchArguments args{
      argc, argv,
      "usage: national_bench [SOURCE_DIR=.] [DAYS=365] [THREADS=2] [ROUNDS=3] [PATH=aggregated|exact]\n"
      "  One replication of scenarios/common/us_fy2024_at_fy2019_enforcement.yaml over DAYS days (no warm-up) on THREADS threads,\n"
      "  ROUNDS times, alternating with a bare loop over the same traffic; prints each round and the\n"
      "  medians: wall time, parcels/s per core, peak memory, cisim's core time per parcel / the bare loop's.\n"
      "  PATH: aggregated (cisim's default) or exact (every shipment drawn one by one).\n"};
  const std::string root = args.text(1, ".");
  const int days = args.positive(2, "DAYS", 365);
  const int threads = args.positive(3, "THREADS", 2);
  const int rounds = args.positive(4, "ROUNDS", 3);
  const std::string simulation = args.text(5, "aggregated");
  if (simulation != "aggregated" && simulation != "exact") args.fail(fmt::format("PATH must be aggregated or exact (got '{}')", simulation));
  const cisim::Scenario scenario =
      args.load(root + "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml", {fmt::format("horizon={}d", days), "warmup=0s", "simulation=" + simulation});
  fmt::print("us_fy2024_at_fy2019_enforcement, {} days, one replication on {} threads, the {} path, {} rounds (alternating with the bare loop)\n",
             days, threads, simulation, rounds);
  std::vector<double> wall, per_core, bare_per_core, ratio, peak;
  for (int r = 0; r < rounds; ++r) {
    const Measurement c = run_cisim(scenario, threads);
    const Measurement b = run_bare_loop(scenario);
    wall.push_back(c.seconds);
    per_core.push_back(c.parcels / (c.seconds * threads) / 1e6);
    bare_per_core.push_back(b.parcels / b.seconds / 1e6);
    ratio.push_back((c.seconds * threads / c.parcels) / (b.seconds / b.parcels));
    peak.push_back(c.peak_mib);
    fmt::print("round {}: cisim {:.0f} parcels in {:.1f} s ({:.2f} M/s per core, peak {:.0f} MiB); bare loop {:.2f} M/s; "
               "cisim core time per parcel / bare: {:.2f}\n",
               r + 1, c.parcels, c.seconds, per_core.back(), c.peak_mib, bare_per_core.back(), ratio.back());
  }
  fmt::print("median: cisim {:.1f} s wall, {:.2f} M parcels/s per core, peak {:.0f} MiB; bare loop {:.2f} M parcels/s; "
             "ratio {:.2f}\n",
             median(wall), median(per_core), median(peak), median(bare_per_core), median(ratio));
  return 0;
}
