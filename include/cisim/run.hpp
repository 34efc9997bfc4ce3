// SPDX-License-Identifier: MIT
// run_scenario: the single call the CLI and the golden tests use to run a scenario.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "cisim/model/customs_model.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

/// What the command line may change about a run (the scenario controls the model).
struct RunOptions {
  std::optional<int> replications;     ///< overrides the scenario's
  std::optional<std::uint64_t> seed;   ///< overrides the scenario's
  int threads = 1;                     ///< replications run side by side on this many threads
  /// Called after each replication with (done, total), from the thread that finished it
  /// (calls are serialised). For progress display only: results never depend on it.
  std::function<void(int, int)> on_progress;
};

struct RunResults {
  std::uint64_t seed = 0;
  int replications = 0;
  std::vector<CustomsResult> per_replication;  ///< index = replication
};

/// Runs every replication r with RandomStreams{seed, r}. With several threads, each takes
/// the next replication index and stores its result at that index, so the results (and
/// every report made from them) are identical whatever the thread count and finishing order.
/// Throws ConservationError (a simulation error) if a replication loses a shipment.
RunResults run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace cisim
