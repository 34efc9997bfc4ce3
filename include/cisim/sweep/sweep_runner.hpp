// SPDX-License-Identifier: MIT
// SweepRunner: runs the points of a sweep design and stores each finished point in a SweepDatabase.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cisim/run.hpp"
#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/sweep/sweep_design.hpp"

namespace cisim {

class SweepDatabase;

/// The points of shard `shard` of `shards` (0 <= shard < shards): those whose index % shards
/// == shard, in order. Shards split a sweep over the jobs of a cluster array.
std::vector<SweepPoint> shard_points(const std::vector<SweepPoint>& points, std::size_t shard, std::size_t shards);

/// A point whose values do not give a valid scenario, with the loader's diagnostics.
struct InvalidSweepPoint {
  std::size_t index = 0;
  std::vector<Diagnostic> diagnostics;
};

/// How far SweepRunner::run got with the points it was given.
struct SweepProgress {
  std::size_t already_finished = 0;  ///< held by the database before this run, so skipped
  std::size_t run_now = 0;           ///< run and stored by this run
  std::size_t grown = 0;             ///< finished before with fewer replications, given the rest now
};

/// Runs a scenario at the points of a sweep. Each point is the scenario loaded with the base
/// --set arguments and then KEY=VALUE for each varied key, so a value is validated exactly
/// like a --set. Every point runs with the same run options, and so the same seed (common
/// random numbers): points differ only by their values.
class SweepRunner {
 public:
  /// Loads the scenario with the given --set arguments (for example load_scenario of a path).
  using Loader = std::function<LoadedScenario(const std::vector<std::string>& set_arguments)>;
  /// A clock of the machine in seconds, read before and after each point to record how long
  /// it took (for planning only: results never depend on it). The library reads no clock itself.
  using SecondsClock = std::function<double()>;

  /// Precondition: `run_options` has its seed and replications set (a sweep records both).
  SweepRunner(Loader load, std::vector<std::string> base_sets, RunOptions run_options, SecondsClock seconds_now);

  /// The --set arguments of `point`: the base ones, then KEY=VALUE per varied key.
  std::vector<std::string> set_arguments(const SweepPoint& point) const;

  /// The first of `points` that is not a valid scenario, or none. Call it before run, so a
  /// bad value fails before anything runs.
  std::optional<InvalidSweepPoint> first_invalid(const std::vector<SweepPoint>& points) const;

  /// Runs each of `points` that `db` does not hold yet, in order, and stores it as one
  /// transaction, so a killed sweep keeps every finished point. `stop_requested` is asked
  /// before each point to run; once it says yes the run ends there (for SIGINT). `on_point`
  /// is called after each stored point with the progress so far.
  /// Precondition: every point is valid (first_invalid found none).
  SweepProgress run(SweepDatabase& db, const std::vector<SweepPoint>& points, const std::function<bool()>& stop_requested,
                    const std::function<void(const SweepPoint&, const SweepProgress&)>& on_point = {}) const;

 private:
  Loader load_;
  std::vector<std::string> base_sets_;
  RunOptions run_options_;
  SecondsClock seconds_now_;
};

}  // namespace cisim
