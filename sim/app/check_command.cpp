// SPDX-License-Identifier: MIT
// cisim check: scenario files validated, every problem printed as text or JSON.
#include "commands.hpp"

#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/load.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus check_command(const std::vector<std::string>& args) {
  po::options_description options("cisim check SCENARIO... [options]\n\nValidates scenario files and prints every problem as "
                                  "file:line:column: severity: key: message.\nExit code 0 when no file has an error (warnings "
                                  "allowed), 2 otherwise.\n\noptions");
  options.add_options()("help,h", "print this help and exit")(
      "set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE override applied to every file (repeatable)")(
      "format,f", po::value<std::string>()->default_value("text"), "text, or json for editors and scripts")(
      "files", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("files", -1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("files")) throw UsageError{"missing SCENARIO: give one or more scenario files to check"};
  const std::string format = choose(vm["format"].as<std::string>(), {"text", "json"}, "format");
  const auto sets = vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  bool any_error = false;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  int errors = 0;
  int warnings = 0;
  for (const auto& file : vm["files"].as<std::vector<std::string>>()) {
    const LoadedScenario loaded = load_scenario(file, sets);
    any_error = any_error || has_errors(loaded.diagnostics);
    for (const auto& d : loaded.diagnostics) {
      (d.severity == Severity::Error ? errors : warnings) += 1;
      all.push_back({{"file", d.where.file},
                     {"line", d.where.line},
                     {"column", d.where.column},
                     {"severity", d.severity == Severity::Error ? "error" : "warning"},
                     {"key", d.key},
                     {"message", d.message}});
    }
    if (format == "text") {
      for (const auto& d : loaded.diagnostics) fmt::print("{}\n", format_diagnostic(d));
      if (!has_errors(loaded.diagnostics)) fmt::print("{}: ok\n", file);
    }
  }
  if (format == "json") {
    nlohmann::ordered_json j;
    j["errors"] = errors;
    j["warnings"] = warnings;
    j["diagnostics"] = all;
    fmt::print("{}\n", j.dump(2));
  }
  return any_error ? ExitStatus::UsageError : ExitStatus::Ok;
}

}  // namespace cisim::app
