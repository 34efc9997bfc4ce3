// SPDX-License-Identifier: MIT
// validate: a RawNode checked against the schema, giving a Scenario or every problem found.
#pragma once

#include <optional>
#include <vector>

#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/raw_node.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

struct ValidationResult {
  std::optional<Scenario> scenario;   ///< present when there is no error (warnings allowed)
  std::vector<Diagnostic> diagnostics; ///< errors and warnings, sorted by position
};

/// A pure function: no files, no exceptions. Checks every key against the schema table
/// (unknown, missing, duplicate, wrong type, out of range, bad unit), references, and the
/// cross-field rules, and reports all problems at once. Warnings (for example offered load
/// above officer capacity) do not stop the scenario from being built.
ValidationResult validate_scenario(const RawNode& root);

}  // namespace cisim
