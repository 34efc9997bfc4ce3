// SPDX-License-Identifier: MIT
// run_scenario: the single call the CLI and the golden tests use to run a scenario.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cisim/model/customs_model.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

/// What the command line may change about a run (the scenario controls the model).
struct RunOptions {
  std::optional<int> replications;     ///< overrides the scenario's
  std::optional<std::uint64_t> seed;   ///< overrides the scenario's
};

struct RunResults {
  std::uint64_t seed = 0;
  int replications = 0;
  std::vector<CustomsResult> per_replication;  ///< index = replication
};

/// Runs every replication r with RandomStreams{seed, r}, in order. Throws
/// ConservationError (a simulation error) if a replication loses a shipment.
RunResults run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace cisim
