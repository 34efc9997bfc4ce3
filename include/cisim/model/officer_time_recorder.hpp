// SPDX-License-Identifier: MIT
// OfficerTimeRecorder: officer and waiting-line time of one officer pool, day by day.
#pragma once

#include <cstddef>
#include <vector>

#include "cisim/model/officer_pool.hpp"

namespace cisim {

/// Integrals of an officer pool's time-weighted levels over some measured time: the
/// officer-hours busy, present and on duty, and the shipment-hours waiting. Means over a
/// window are these over its hours, so windows of several days or facilities add up.
struct OfficerTime {
  double hours = 0.0;                  ///< measured hours covered
  double busy_officer_hours = 0.0;
  double present_officer_hours = 0.0;  ///< on duty, or finishing an inspection after the shift
  double on_duty_officer_hours = 0.0;
  double waiting_shipment_hours = 0.0;
  double waiting_at_start = 0.0;       ///< shipments waiting at the start of the window
  double waiting_at_end = 0.0;         ///< shipments waiting at the end of the window

  /// Adds a later stretch of time at the same facilities (its end level replaces ours).
  void extend(const OfficerTime& later);
  /// Adds other facilities over the same window (hours stay; levels add).
  void combine(const OfficerTime& beside);
  /// Busy over present officer time: 0 when no officer was present.
  double utilization() const { return present_officer_hours > 0.0 ? busy_officer_hours / present_officer_hours : 0.0; }
};

/// Accumulates OfficerTime per day of the run (day 0 starts at the start of the run) from
/// what one pool emits, after the warm-up only.
class OfficerTimeRecorder final : public OfficerPoolObserver {
 public:
  explicit OfficerTimeRecorder(std::size_t days) : days_(days) {}

  void on_request_accepted(SimTime at, const InspectionRequest& request, std::size_t waiting) override;
  void on_request_refused(SimTime at, const InspectionRequest& request) override;
  void on_requests_refused(SimTime at, std::uint64_t count) override;
  void on_inspection_started(SimTime at, const InspectionRequest& request, Duration waited, std::size_t waiting,
                             int busy) override;
  void on_inspection_finished(SimTime at, int busy) override;
  void on_officers_changed(SimTime at, int on_duty) override;
  void on_warmup_ended(SimTime at) override;
  void on_run_finished(SimTime at) override;

  /// days()[d]: the measured part of day d.
  const std::vector<OfficerTime>& days() const { return days_; }

 private:
  // Adds the levels held since the last observation up to `at`, day by day.
  void advance(SimTime at);
  std::vector<OfficerTime> days_;
  bool measuring_ = false;
  SimTime last_;
  double waiting_ = 0.0;
  double busy_ = 0.0;
  double on_duty_ = 0.0;
};

}  // namespace cisim
