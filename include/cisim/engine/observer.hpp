// SPDX-License-Identifier: MIT
// Observer: the base of every recorder that the simulation owns and notifies of run-level moments.
#pragma once

#include "cisim/engine/sim_time.hpp"

namespace cisim {

/// Something that summarises observations emitted by model components. Components know
/// their observers through narrower interfaces (for example OfficerPoolObserver); the
/// Simulation owns them and tells each when the warm-up ends and when the run finishes.
class Observer {
 public:
  virtual ~Observer() = default;
  /// Observations before `at` belong to the warm-up: forget them (warm-up deletion).
  virtual void on_warmup_ended(SimTime /*at*/) {}
  /// The run stopped at `at`: close time-weighted averages there.
  virtual void on_run_finished(SimTime /*at*/) {}
};

}  // namespace cisim
