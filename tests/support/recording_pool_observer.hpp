// SPDX-License-Identifier: MIT
// RecordingPoolObserver: keeps every observation an OfficerPool emits, for exact assertions.
#pragma once

#include <cstdint>
#include <vector>

#include "cisim/model/officer_pool.hpp"

namespace cisim::testing {

class RecordingPoolObserver final : public OfficerPoolObserver {
 public:
  struct Started {
    std::uint64_t shipment;
    SimTime at;
    Duration waited;
  };
  struct State {
    SimTime at;
    std::size_t waiting;
    int busy;
    int on_duty;
  };

  void on_request_accepted(SimTime at, const InspectionRequest& r, std::size_t waiting) override {
    accepted.push_back(r.shipment);
    record(at, waiting, busy_, on_duty_);
  }
  void on_request_refused(SimTime, const InspectionRequest& r) override { refused.push_back(r.shipment); }
  void on_requests_refused(SimTime, std::uint64_t count) override { refused_in_bulk += count; }
  void on_inspection_started(SimTime at, const InspectionRequest& r, Duration waited, std::size_t waiting,
                             int busy) override {
    started.push_back({r.shipment, at, waited});
    record(at, waiting, busy, on_duty_);
  }
  void on_inspection_finished(SimTime at, int busy) override {
    finished.push_back(at);
    record(at, waiting_, busy, on_duty_);
  }
  void on_officers_changed(SimTime at, int on_duty) override { record(at, waiting_, busy_, on_duty); }

  std::vector<std::uint64_t> accepted;
  std::vector<std::uint64_t> refused;
  std::uint64_t refused_in_bulk = 0;
  std::vector<Started> started;
  std::vector<SimTime> finished;
  std::vector<State> states;  ///< the pool's state after every observation

 private:
  void record(SimTime at, std::size_t waiting, int busy, int on_duty) {
    waiting_ = waiting;
    busy_ = busy;
    on_duty_ = on_duty;
    states.push_back({at, waiting, busy, on_duty});
  }
  std::size_t waiting_ = 0;
  int busy_ = 0;
  int on_duty_ = 0;
};

}  // namespace cisim::testing
