// SPDX-License-Identifier: MIT
// SweepRunner: the loop over a sweep's points, validating each and storing each finished one.
#include "cisim/sweep/sweep_runner.hpp"

#include <utility>

#include "cisim/base/assert.hpp"
#include "cisim/report/report.hpp"
#include "cisim/sweep/sweep_database.hpp"

namespace cisim {

std::vector<SweepPoint> shard_points(const std::vector<SweepPoint>& points, std::size_t shard, std::size_t shards) {
  std::vector<SweepPoint> mine;
  for (const auto& p : points) {
    if (p.index % shards == shard) mine.push_back(p);
  }
  return mine;
}

SweepRunner::SweepRunner(Loader load, std::vector<std::string> base_sets, RunOptions run_options, SecondsClock seconds_now)
    : load_(std::move(load)),
      base_sets_(std::move(base_sets)),
      run_options_(std::move(run_options)),
      seconds_now_(std::move(seconds_now)) {
  CISIM_ASSERT(run_options_.seed && run_options_.replications, "a sweep needs its seed and replications fixed");
}

std::vector<std::string> SweepRunner::set_arguments(const SweepPoint& point) const {
  auto sets = base_sets_;
  for (const auto& [key, value] : point.values) sets.push_back(key + "=" + value);
  return sets;
}

std::optional<InvalidSweepPoint> SweepRunner::first_invalid(const std::vector<SweepPoint>& points) const {
  for (const auto& p : points) {
    LoadedScenario check = load_(set_arguments(p));
    if (!check.scenario) return InvalidSweepPoint{p.index, std::move(check.diagnostics)};
  }
  return std::nullopt;
}

SweepProgress SweepRunner::run(SweepDatabase& db, const std::vector<SweepPoint>& points,
                               const std::function<bool()>& stop_requested,
                               const std::function<void(const SweepPoint&, const SweepProgress&)>& on_point) const {
  const auto finished = db.point_replications();
  const int wanted = *run_options_.replications;
  SweepProgress progress;
  for (const auto& p : points) {
    if (const auto it = finished.find(p.index); it != finished.end()) {
      ++progress.already_finished;
      if (it->second >= wanted) continue;
      // A sweep grown with more replications: this point gets replications it..wanted-1,
      // from the streams a run of `wanted` from the start would have used.
      if (stop_requested()) break;
      const LoadedScenario loaded = load_(set_arguments(p));
      CISIM_ASSERT(loaded.scenario, "sweep point is not a valid scenario; check first_invalid before run");
      RunOptions more = run_options_;
      more.first_replication = it->second;
      more.replications = wanted - it->second;
      db.add_replications(p.index, it->second, make_report(loaded, run_scenario(*loaded.scenario, more)));
      ++progress.grown;
      if (on_point) on_point(p, progress);
      continue;
    }
    if (stop_requested()) break;
    const LoadedScenario loaded = load_(set_arguments(p));
    CISIM_ASSERT(loaded.scenario, "sweep point is not a valid scenario; check first_invalid before run");
    const double start = seconds_now_();
    const RunResults results = run_scenario(*loaded.scenario, run_options_);
    const double seconds = seconds_now_() - start;
    db.write_point(p, *run_options_.seed, *run_options_.replications, seconds, make_report(loaded, results));
    ++progress.run_now;
    if (on_point) on_point(p, progress);
  }
  return progress;
}

}  // namespace cisim
