// SPDX-License-Identifier: MIT
// ModelPartition: the parts of a customs model that share no state, run side by side in one replication.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cisim/model/customs_config.hpp"

namespace cisim {

/// Facilities and streams that no event of the rest of the model reads or writes
/// (decision 0010). A stream is with its facility (officers, line) and its fulfillment
/// center; every facility any blitz covers is in one part (a blitz's own scope and the
/// union of all blitzes are tallies shared by all its facilities, summed in event order).
/// Everything else a shipment touches is its stream's (sellers, release program, lots) or
/// its facility's (officers, inspection streams), and each random stream is named by
/// its stream or facility, so a part draws the same numbers alone as in the whole model.
struct ModelPartition {
  std::vector<std::uint32_t> streams;     ///< ascending stream indices
  std::vector<std::uint32_t> facilities;  ///< ascending facility indices
  double expected_shipments_per_second = 0.0;  ///< at the base rate: the part's weight in scheduling
  bool holds_blitzes = false;  ///< the part with every blitzed facility: it counts the blitzes' own scopes
};

/// The model's independent parts, heaviest first (ties by their first facility), so that
/// parts given to threads in this order finish close together. Every stream and every
/// facility is in exactly one part; a facility without streams is a part of its own.
std::vector<ModelPartition> partition_model(const CustomsModelConfig& config);

/// The whole model as one part (a trace samples the whole model's events in order).
ModelPartition whole_model(const CustomsModelConfig& config);

}  // namespace cisim
