// SPDX-License-Identifier: MIT
// Scenario: a validated configuration with every unit resolved; what the model runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/customs_model.hpp"
#include "cisim/scenario/units.hpp"

namespace cisim {

enum class FacilityKind { InternationalMail, ExpressHub, FulfillmentCenter, ForeignFulfillmentCenter, CargoPort };

/// What a report says about a facility beyond the model's own fields.
struct FacilityInfo {
  std::string id;
  FacilityKind kind = FacilityKind::InternationalMail;
  std::string display_name;  ///< the id when the scenario gives none
};

/// A scenario after validation: every value typed and in canonical units, every reference
/// resolved to an index. Facilities, streams, categories, origins and blitzes keep the
/// order in which they were written; model.facilities[i] is facility_info[i].
struct Scenario {
  int format_version = 1;
  std::string name;
  std::string description;
  std::string question;  ///< the question the scenario answers (reports open with it), or empty
  std::uint64_t seed = 1;
  int replications = 10;
  /// The clock's first day: the scenario's start_date, less the spin-up. Every date of the
  /// scenario is placed on the clock from it; a run's horizon and warm-up include the spin-up.
  CivilDate start_date;
  /// Simulated before the scenario's start_date and never measured (whole days; zero: none).
  Duration spin_up = Duration::zero();
  /// The start_date the scenario wrote: the clock's start plus the spin-up.
  CivilDate written_start_date() const { return civil_date(days_since_epoch(start_date) + spin_up_days()); }
  std::int64_t spin_up_days() const { return spin_up.ticks() / Duration::hours(24).ticks(); }
  std::vector<FacilityInfo> facility_info;
  CustomsModelConfig model;  ///< also holds the horizon and warm-up
};

}  // namespace cisim
