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

  void on_request_accepted(SimTime, const InspectionRequest& r) override { accepted.push_back(r.shipment); }
  void on_request_refused(SimTime, const InspectionRequest& r) override { refused.push_back(r.shipment); }
  void on_inspection_started(SimTime at, const InspectionRequest& r, Duration waited) override {
    started.push_back({r.shipment, at, waited});
  }
  void on_inspection_finished(SimTime at) override { finished.push_back(at); }
  void on_state_changed(SimTime at, std::size_t waiting, int busy, int on_duty) override {
    states.push_back({at, waiting, busy, on_duty});
  }

  std::vector<std::uint64_t> accepted;
  std::vector<std::uint64_t> refused;
  std::vector<Started> started;
  std::vector<SimTime> finished;
  std::vector<State> states;
};

}  // namespace cisim::testing
