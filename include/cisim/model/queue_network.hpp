// SPDX-License-Identifier: MIT
// QueueNetwork: facilities with officer pools fed by arrival streams; the queueing core of cisim.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/arrival_process.hpp"
#include "cisim/model/shift_schedule.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// One way of inspecting a shipment, used for a share of the facility's inspections.
struct InspectionMethod {
  std::string name;
  double share = 1.0;
  Distribution duration_seconds = Exponential{60.0};
};

/// A facility whose officers inspect every shipment that arrives.
struct QueueFacility {
  std::string name;
  ShiftSchedule officers = ShiftSchedule::constant(1);
  /// Shares sum to 1; each inspection draws its method by share.
  std::vector<InspectionMethod> methods;
  /// Most shipments that may wait (besides those in inspection); empty: unlimited.
  std::optional<std::size_t> waiting_limit;
};

/// An arrival process feeding one facility.
struct QueueStream {
  std::string name;
  std::size_t facility = 0;
  ArrivalProcess arrivals = ArrivalProcess::poisson(1.0 / 60.0);
};

/// The whole network and its run window: statistics cover [warmup, horizon).
struct QueueNetwork {
  std::vector<QueueFacility> facilities;
  std::vector<QueueStream> streams;
  Duration warmup = Duration::zero();
  Duration horizon = Duration::days(1);
};

/// One facility's results for one replication, measured after the warm-up.
struct FacilityQueueStats {
  std::string facility;
  double measured_hours = 0.0;
  std::uint64_t requests = 0;            ///< shipments that asked for an officer
  std::uint64_t refused = 0;             ///< turned away by a full waiting line
  std::uint64_t inspections_started = 0;
  std::uint64_t inspections_finished = 0;
  std::uint64_t waiting_at_start = 0;    ///< waiting when measurement began (end of warm-up)
  std::uint64_t waiting_at_end = 0;
  std::uint64_t in_inspection_at_start = 0;
  std::uint64_t in_inspection_at_end = 0;
  double blocking_probability = 0.0;     ///< refused / requests
  double wait_mean_hours = 0.0;
  double wait_p50_hours = 0.0;
  double wait_p95_hours = 0.0;
  double wait_p99_hours = 0.0;
  double wait_max_hours = 0.0;
  double waited_share = 0.0;             ///< share of inspected shipments that waited at all
  double waiting_mean = 0.0;             ///< time-average shipments waiting
  double in_system_mean = 0.0;           ///< time-average shipments waiting or in inspection
  double busy_officers_mean = 0.0;
  double on_duty_officers_mean = 0.0;
  /// Busy officer-hours over officer-hours present (on duty, or finishing an inspection
  /// past the end of a shift), so it stays within [0, 1].
  double officer_utilization = 0.0;
  double throughput_per_hour = 0.0;      ///< inspections finished per hour
};

struct QueueNetworkResult {
  std::vector<FacilityQueueStats> facilities;
  std::uint64_t events_processed = 0;
};

class OfficerPoolRecorder;

/// One facility's queue statistics from its pool's recorder, over the measured period.
FacilityQueueStats summarise_pool(const std::string& facility, const OfficerPoolRecorder& recorder);

/// Runs one replication. Random streams: "arrivals/<stream>", "batch_size/<stream>",
/// "inspection_method/<facility>" and "inspection_time/<facility>".
QueueNetworkResult run_queue_network(const QueueNetwork& network, const RandomStreams& streams);

}  // namespace cisim
