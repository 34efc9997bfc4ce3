// SPDX-License-Identifier: MIT
// run_customs_model: one replication of shipments through facilities under the scenario's rules.
#pragma once

#include <memory>
#include <stdexcept>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/customs_result.hpp"
#include "cisim/model/model_partition.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// Thrown when the end-of-run conservation check fails: a bug, reported with the counts.
class ConservationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ShipmentTrace;

/// One replication run as independent parts (ModelPartition, decision 0010): each part is
/// a simulation of its own, and distinct parts may run on distinct threads at once. The
/// result is the same, byte for byte, however the model is cut and whatever runs when: a
/// part reads and writes nothing of another, draws from the random streams of its own
/// streams and facilities, and finish() copies each part's cells into one recorder before
/// summing scopes in a fixed order.
class CustomsReplication {
 public:
  /// With a trace, `parts` must be the one whole model (the trace samples all events in order).
  CustomsReplication(const CustomsModelConfig& config, const RandomStreams& streams, std::vector<ModelPartition> parts,
                     ShipmentTrace* trace = nullptr);
  ~CustomsReplication();
  CustomsReplication(const CustomsReplication&) = delete;
  CustomsReplication& operator=(const CustomsReplication&) = delete;

  std::size_t parts() const { return partitions_.size(); }
  /// Simulates part `p` from start to horizon. Throws ConservationError as run_customs_model.
  void run_part(std::size_t p);
  /// The replication's result, once every part has run; frees the parts.
  CustomsResult finish();

 private:
  struct Part;
  const CustomsModelConfig& config_;
  RandomStreams streams_;
  std::vector<ModelPartition> partitions_;
  ShipmentTrace* trace_;
  std::vector<Part> runs_;
};

/// Runs one replication (docs/model.md, "A shipment's life"; docs/architecture.md). Throws
/// ConservationError if arrivals != released + seized + abandoned + in the system at the end.
/// With a trace, every inspection (and a sample of releases) after the warm-up is recorded
/// into it; the results are the same with or without one.
CustomsResult run_customs_model(const CustomsModelConfig& config, const RandomStreams& streams, ShipmentTrace* trace = nullptr);

}  // namespace cisim
