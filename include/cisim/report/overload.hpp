// SPDX-License-Identifier: MIT
// Overload warnings: where and when selections outran what the officers could inspect.
#pragma once

#include <string>
#include <vector>

#include "cisim/run.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

/// One warning per facility and run of consecutive overloaded days, whatever caused the
/// overload (steady arrivals, targeting, a blitz). A facility-day is overloaded in a
/// replication when a selected shipment was released uninspected because the line was full,
/// when more shipments wait at the end of the day than the facility inspected that day, or
/// when the line grew over the day by more than 10 shipments and 5% of the day's inspections
/// (waits that keep growing). Counts in the text are means over the replications.
std::vector<std::string> overload_warnings(const Scenario& scenario, const RunResults& results);

}  // namespace cisim
