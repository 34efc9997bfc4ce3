// SPDX-License-Identifier: MIT
// Scenario: a validated configuration with every unit resolved; what the model runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/arrival_process.hpp"
#include "cisim/model/queue_network.hpp"
#include "cisim/model/shift_schedule.hpp"
#include "cisim/scenario/units.hpp"

namespace cisim {

enum class FacilityKind { InternationalMail, ExpressHub, FulfillmentCenter, ForeignFulfillmentCenter, CargoPort };

struct FacilitySpec {
  std::string id;
  FacilityKind kind = FacilityKind::InternationalMail;
  std::string display_name;  ///< the id when the scenario gives none
  ShiftSchedule officers = ShiftSchedule::constant(1);  ///< scale already applied
  std::optional<std::size_t> waiting_limit;              ///< empty: unlimited
  std::vector<InspectionMethod> methods;
};

struct StreamSpec {
  std::string id;
  std::size_t facility = 0;  ///< index into Scenario::facilities
  ArrivalProcess arrivals;
};

/// A scenario after validation: every value typed and in canonical units, every reference
/// resolved to an index. Facilities and streams keep the order in which they were written.
struct Scenario {
  int format_version = 1;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  int replications = 10;
  CivilDate start_date;
  Duration horizon = Duration::days(1);
  Duration warmup = Duration::zero();
  std::vector<FacilitySpec> facilities;
  std::vector<StreamSpec> streams;
};

/// The queueing network the foundation runs for this scenario.
QueueNetwork to_queue_network(const Scenario& scenario);

}  // namespace cisim
