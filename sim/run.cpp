// SPDX-License-Identifier: MIT
// run_scenario: replications of the scenario's customs model.
#include "cisim/run.hpp"

namespace cisim {

RunResults run_scenario(const Scenario& scenario, const RunOptions& options) {
  RunResults results;
  results.seed = options.seed.value_or(scenario.seed);
  results.replications = options.replications.value_or(scenario.replications);
  for (int r = 0; r < results.replications; ++r) {
    results.per_replication.push_back(
        run_customs_model(scenario.model, RandomStreams{results.seed, static_cast<std::uint64_t>(r)}));
  }
  return results;
}

}  // namespace cisim
