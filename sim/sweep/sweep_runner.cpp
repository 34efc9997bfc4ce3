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
    // Replications the point already has: all of them when it is finished, fewer when the
    // sweep is grown with more (it then gets the rest, from the streams a run of `wanted`
    // from the start would have used).
    const auto stored = finished.find(p.index);
    const int first = stored == finished.end() ? 0 : stored->second;
    if (stored != finished.end()) ++progress.already_finished;
    if (first >= wanted) continue;
    if (stop_requested()) break;
    const LoadedScenario loaded = load_(set_arguments(p));
    CISIM_ASSERT(loaded.scenario, "sweep point is not a valid scenario; check first_invalid before run");
    RunOptions options = run_options_;
    options.first_replication = first;
    options.replications = wanted - first;
    const double start = seconds_now_();
    const RunResults results = run_scenario(*loaded.scenario, options);
    const double seconds = seconds_now_() - start;
    const Report report = make_report(loaded, results);
    if (first > 0) {
      db.add_replications(p.index, first, report);
      ++progress.grown;
    } else {
      db.write_point(p, *run_options_.seed, wanted, seconds, report);
      ++progress.run_now;
    }
    if (on_point) on_point(p, progress);
  }
  return progress;
}

}  // namespace cisim
