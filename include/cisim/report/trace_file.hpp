// SPDX-License-Identifier: MIT
// The --trace file: per-shipment records as CSV, one row per inspected (or sampled) shipment.
#pragma once

#include <string>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

/// The header of the trace CSV (docs/cli.md, "--trace").
std::string trace_csv_header();

/// Writes every replication's records, replication by replication, to `path` atomically
/// (streamed: the file is never whole in memory). Names come from the scenario; times are
/// calendar date-times from its start date.
void write_trace_csv(const std::string& path, const Report& report, const Scenario& scenario, const RunResults& results);

}  // namespace cisim
