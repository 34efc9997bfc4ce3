// SPDX-License-Identifier: MIT
// OfficerPoolRecorder: summarises what one officer pool emits, after the warm-up.
#pragma once

#include <cstdint>
#include <string>

#include "cisim/model/officer_pool.hpp"
#include "cisim/stats/quantile_sketch.hpp"
#include "cisim/stats/tally.hpp"
#include "cisim/stats/time_weighted.hpp"

namespace cisim {

/// Per-shipment statistics (Tally, QuantileSketch: waits in hours) and time-weighted ones
/// (TimeWeighted: shipments waiting, officers busy, officers on duty) of one pool.
/// Everything observed before on_warmup_ended is forgotten.
class OfficerPoolRecorder final : public OfficerPoolObserver {
 public:
  void on_request_accepted(SimTime at, const InspectionRequest& request, std::size_t waiting) override;
  void on_request_refused(SimTime at, const InspectionRequest& request) override;
  void on_request_evicted(SimTime at, const InspectionRequest& request) override;
  void on_requests_refused(SimTime at, std::uint64_t count) override;
  void on_inspection_started(SimTime at, const InspectionRequest& request, Duration waited, std::size_t waiting,
                             int busy) override;
  void on_inspection_finished(SimTime at, int busy) override;
  void on_officers_changed(SimTime at, int on_duty) override;
  void on_warmup_ended(SimTime at) override;
  void on_run_finished(SimTime at) override;

  std::uint64_t requests() const { return requests_; }
  std::uint64_t refused() const { return refused_; }
  std::uint64_t inspections_started() const { return started_; }
  std::uint64_t inspections_finished() const { return finished_; }
  const Tally& wait_hours() const { return wait_hours_; }
  const QuantileSketch& wait_hours_quantiles() const { return wait_quantiles_; }
  /// Started inspections whose shipment waited at all (a wait above zero).
  std::uint64_t waited() const { return waited_; }
  const TimeWeighted& waiting() const { return waiting_; }
  const TimeWeighted& busy() const { return busy_; }
  const TimeWeighted& on_duty() const { return on_duty_; }
  /// Officers present: on duty, or still finishing an inspection after their shift ended
  /// (a shift change never preempts). Utilization is busy time over present time.
  const TimeWeighted& present() const { return present_; }
  /// Start of the measured period (the end of the warm-up) and its end.
  SimTime measured_from() const { return waiting_.start(); }
  SimTime measured_until() const { return finished_at_; }
  /// Shipments waiting and officers busy when measurement began (after the warm-up).
  std::uint64_t waiting_at_start() const { return waiting_at_start_; }
  std::uint64_t busy_at_start() const { return busy_at_start_; }

 private:
  void update_present(SimTime at);
  std::uint64_t requests_ = 0;
  std::uint64_t refused_ = 0;
  std::uint64_t started_ = 0;
  std::uint64_t finished_ = 0;
  Tally wait_hours_;
  QuantileSketch wait_quantiles_;
  std::uint64_t waited_ = 0;
  TimeWeighted waiting_;
  TimeWeighted busy_;
  TimeWeighted on_duty_;
  TimeWeighted present_;
  int busy_now_ = 0;
  int on_duty_now_ = 0;
  SimTime finished_at_;
  std::uint64_t waiting_at_start_ = 0;
  std::uint64_t busy_at_start_ = 0;
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

/// One facility's queue statistics from its pool's recorder, over the measured period.
FacilityQueueStats summarise_pool(const std::string& facility, const OfficerPoolRecorder& recorder);

}  // namespace cisim
