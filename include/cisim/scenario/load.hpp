// SPDX-License-Identifier: MIT
// load_scenario: file -> includes merged -> --set applied -> validated Scenario, or all diagnostics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

/// One --set KEY=VALUE, as given on the command line.
struct Override {
  std::string key;
  std::string value;
};

struct LoadedScenario {
  std::optional<Scenario> scenario;     ///< present when there is no error
  std::vector<Diagnostic> diagnostics;  ///< errors and warnings, sorted by position
  std::string path;
  /// FNV-1a 64 of the bytes of the file and of every file it includes, in load order,
  /// as "fnv1a64:<16 hex digits>": any change to the inputs changes it.
  std::string content_hash;
  std::vector<Override> overrides;      ///< the --set options that were applied, in order
  /// The scenario as run: every include merged and every --set applied, as YAML that loads
  /// alone to the same scenario (empty when there are errors).
  std::string effective_text;
};

/// Loads `path`: merges `include:` files (relative to the including file; the including
/// file's keys win; a cycle is an error that prints the chain), applies each --set
/// argument ("KEY=VALUE", VALUE in YAML syntax) in order, and validates. Never throws for
/// bad input: every problem is a diagnostic.
LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& set_arguments = {});

/// The same from text in memory (`file` names it in locations); includes resolve from the
/// current directory.
LoadedScenario load_scenario_text(const std::string& text, const std::string& file,
                                  const std::vector<std::string>& set_arguments = {});

}  // namespace cisim
