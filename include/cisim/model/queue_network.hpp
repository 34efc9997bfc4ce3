// SPDX-License-Identifier: MIT
// QueueNetwork: a small validation model of its own: officer pools fed by arrival streams that
// inspect every shipment, checked against queueing theory (M/M/1, M/M/c, M/D/1). The customs
// model does not use it; it shares the officer pool, shift schedule and recorder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/arrival_process.hpp"
#include "cisim/model/facility.hpp"
#include "cisim/model/officer_pool_recorder.hpp"
#include "cisim/model/shift_schedule.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// An arrival process feeding one facility.
struct QueueStream {
  std::string name;
  std::size_t facility = 0;
  ArrivalProcess arrivals = ArrivalProcess::poisson(1.0 / 60.0);
};

/// The whole network and its run window: statistics cover [warmup, horizon).
struct QueueNetwork {
  std::vector<Facility> facilities;
  std::vector<QueueStream> streams;
  Duration warmup = Duration::zero();
  Duration horizon = Duration::days(1);
};

struct QueueNetworkResult {
  std::vector<FacilityQueueStats> facilities;
  std::uint64_t events_processed = 0;
};

/// Runs one replication. Random streams: "arrivals/<stream>", "batch_size/<stream>",
/// "inspection_method/<facility>" and "inspection_time/<facility>".
QueueNetworkResult run_queue_network(const QueueNetwork& network, const RandomStreams& streams);

}  // namespace cisim
