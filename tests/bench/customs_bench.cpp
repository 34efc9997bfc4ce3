// SPDX-License-Identifier: MIT
// Customs model speed and memory: scenarios/common/us_fy2024_at_fy2019_enforcement.yaml traffic (about 4 M shipments a day)
// for 1 day and for 30 days, each in a child process so that its peak memory is its own; then
// 20 replications of scenarios/mega_flex_2019.yaml.
// Usage: customs_bench [SOURCE_DIR]
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "bench_arguments.hpp"
#include "child_measurement.hpp"

namespace {

// Runs the scenario in a child process and reports its time, shipments and peak resident memory.
cisim::bench::ChildMeasurement measure(const cisim::bench::BenchArguments& args, const std::string& path, const std::vector<std::string>& sets, int replications) {
  return cisim::bench::measure_in_child([&] {
    const cisim::Scenario scenario = args.load(path, sets);
    cisim::RunOptions options;
    options.replications = replications;
    const auto start = std::chrono::steady_clock::now();
    const auto results = cisim::run_scenario(scenario, options);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    double shipments = 0.0;
    for (const auto& r : results.per_replication) {
      for (const auto& day : r.daily) {
        for (const auto& f : day) shipments += static_cast<double>(f[cisim::Count::Arrivals]);
      }
    }
    return std::pair{elapsed.count(), shipments};
  });
}

}  // namespace

int main(int argc, char** argv) {
  const cisim::bench::BenchArguments args{argc, argv,
                                          "usage: customs_bench [SOURCE_DIR=.]\n"
                                          "  scenarios/common/us_fy2024_at_fy2019_enforcement.yaml for 1 and 30 days, then 20 replications of mega_flex_2019,\n"
                                          "  each in a child process: shipments/s per core and peak memory.\n"};
  const std::string root = args.text(1, ".");
  const std::string national = root + "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml";
  fmt::print("us_fy2024_at_fy2019_enforcement traffic, one replication, no warm-up:\n");
  for (const char* horizon : {"1d", "30d"}) {
    const auto m = measure(args, national, {fmt::format("horizon={}", horizon), "warmup=0s"}, 1);
    fmt::print("  horizon {:>3}: {:>11.0f} shipments in {:6.2f} s = {:5.2f} M shipments/s per core, peak memory {:6.1f} MiB\n",
               horizon, m.shipments, m.seconds, m.shipments / m.seconds / 1e6, m.peak_mib);
  }
  const auto mf = measure(args, root + "/scenarios/mega_flex_2019.yaml", {}, 20);
  fmt::print("mega_flex_2019, 20 replications: {:.0f} shipments in {:.2f} s = {:.2f} M shipments/s, peak memory {:.1f} MiB\n",
             mf.shipments, mf.seconds, mf.shipments / mf.seconds / 1e6, mf.peak_mib);
  return 0;
}
