// SPDX-License-Identifier: MIT
// Facility and InspectionMethod: officers and the ways they inspect, shared by every model.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cisim/model/dated_value.hpp"
#include "cisim/model/shift_schedule.hpp"
#include "cisim/model/violation.hpp"
#include "cisim/random/distributions.hpp"

namespace cisim {

/// One way of inspecting a shipment, used for a share of the facility's inspections.
struct InspectionMethod {
  std::string name;
  double share = 1.0;
  Distribution duration_seconds = Exponential{600.0};
  PerViolation sensitivity{};  ///< chance of finding each kind the shipment carries (the customs model)
  /// Multiplies the drawn duration (dated: examination time that changes on dates; the
  /// customs model reads it when an inspection starts, the queueing network not).
  DatedValue duration_scale{1.0};
};

/// A facility's officers (a shift schedule), its inspection methods (shares sum to 1) and
/// its waiting line. Used by the customs model and by the validation queue network.
struct Facility {
  std::string name;
  ShiftSchedule officers = ShiftSchedule::constant(1);
  std::vector<InspectionMethod> methods;
  /// Most shipments that may wait besides those in inspection; beyond it a selection is
  /// released uninspected (OfficerPool applies it). Empty: unlimited.
  std::optional<std::size_t> waiting_limit;
};

}  // namespace cisim
