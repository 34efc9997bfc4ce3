// SPDX-License-Identifier: MIT
// run_customs_model: one replication of shipments through facilities under the scenario's rules.
#pragma once

#include <stdexcept>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/customs_result.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// Thrown when the end-of-run conservation check fails: a bug, reported with the counts.
class ConservationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ShipmentTrace;

/// Runs one replication (docs/model.md, "A shipment's life"; docs/architecture.md). Throws
/// ConservationError if arrivals != released + seized + abandoned + in the system at the end.
/// With a trace, every inspection (and a sample of releases) after the warm-up is recorded
/// into it; the results are the same with or without one.
CustomsResult run_customs_model(const CustomsModelConfig& config, const RandomStreams& streams, ShipmentTrace* trace = nullptr);

}  // namespace cisim
