// SPDX-License-Identifier: MIT
// Sweep speed: 100 points x 10 replications of a small scenario (queue_mmc for 6 hours, then 1 day), with
// 1 and 2 threads, timing the simulation and the SQLite writes separately, to show what the
// database costs per point (target: under 5% of the simulation time).
// Usage: sweep_bench [SOURCE_DIR]
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/core.h>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/sweep/sweep_database.hpp"
#include "cisim/sweep/sweep_design.hpp"
#include "bench_arguments.hpp"

int main(int argc, char** argv) {
  const cisim::bench::BenchArguments args{argc, argv,
                                          "usage: sweep_bench [SOURCE_DIR=.]\n"
                                          "  100 points x 10 replications of scenarios/queue_mmc.yaml (6 h, then 1 d) on 1 and 2\n"
                                          "  threads: simulation and SQLite time apart (target: the database under 5%).\n"};
  const std::string root = args.text(1, ".");
  const std::string scenario = root + "/scenarios/queue_mmc.yaml";
  const auto officers = cisim::parse_vary("facilities.station.officers.count=10:19:10");
  const auto rate = cisim::parse_vary("streams.poisson.arrivals.rate=7.5/min:9/min:10");
  const auto points = cisim::grid_design({*officers.value, *rate.value});
  for (const std::string horizon : {"6h", "1d"}) {
  for (int threads : {1, 2}) {
    const std::string db_path = fmt::format("/tmp/cisim_sweep_bench_{}_{}_{}.db", ::getpid(), horizon, threads);
    std::filesystem::remove(db_path);
    cisim::SweepDatabase db{db_path};
    db.initialise({{"varied_keys", "facilities.station.officers.count\tstreams.poisson.arrivals.rate"}},
                  {"facilities.station.officers.count", "streams.poisson.arrivals.rate"});
    cisim::RunOptions options;
    options.replications = 10;
    options.threads = threads;
    double simulate = 0.0;
    double store = 0.0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& p : points) {
      std::vector<std::string> sets{"horizon=" + horizon, "warmup=0s"};
      for (const auto& [k, v] : p.values) sets.push_back(k + "=" + v);
      const auto t0 = std::chrono::steady_clock::now();
      const auto loaded = cisim::load_scenario(scenario, sets);
      const auto report = cisim::make_report(loaded, cisim::run_scenario(*loaded.scenario, options));
      const auto t1 = std::chrono::steady_clock::now();
      db.write_point(p, 1, 10, std::chrono::duration<double>(t1 - t0).count(), report);
      const auto t2 = std::chrono::steady_clock::now();
      simulate += std::chrono::duration<double>(t1 - t0).count();
      store += std::chrono::duration<double>(t2 - t1).count();
    }
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("horizon {}, {} thread{}: {} points x 10 replications in {:.2f} s = {:.1f} points/s; SQLite {:.3f} s = {:.1f}% of the "
               "simulation's {:.2f} s (target < 5%)\n",
               horizon, threads, threads > 1 ? "s" : "", points.size(), total, static_cast<double>(points.size()) / total, store,
               100.0 * store / simulate, simulate);
    std::filesystem::remove(db_path);
    std::filesystem::remove(db_path + "-wal");
    std::filesystem::remove(db_path + "-shm");
  }
  }
  return 0;
}
