// SPDX-License-Identifier: MIT
// libFuzzer target: the scenario loader and --set, on whatever bytes the fuzzer makes.
//
// An input is a scenario file, optionally followed by a line "#--set" and then one --set
// argument per line. "#--set" is a YAML comment, so every scenario in scenarios/ and
// tests/invalid/ is a seed as it stands. Includes resolve from the working directory
// (tools/fuzz.sh runs from scenarios/, so the seeds' includes are found).
//
// What counts as a crash, besides what ASan and UBSan report:
// - any exception out of load_scenario_text (it promises every problem is a diagnostic);
// - a diagnostic without a location (every diagnostic names file:line:column or --set:N);
// - an error-free load whose scenario the run would refuse for a reason other than its size
//   (run_memory_bytes must be finite and non-negative).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"

namespace {

constexpr std::string_view kSetMarker = "\n#--set\n";

void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "cisim_fuzz_scenario: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input{reinterpret_cast<const char*>(data), size};
  std::string text{input};
  std::vector<std::string> sets;
  if (const auto marker = input.find(kSetMarker); marker != std::string_view::npos) {
    text = std::string{input.substr(0, marker + 1)};
    std::string_view rest = input.substr(marker + kSetMarker.size());
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      sets.emplace_back(rest.substr(0, end));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  const cisim::LoadedScenario loaded = cisim::load_scenario_text(text, "fuzz.yaml", sets);
  for (const cisim::Diagnostic& d : loaded.diagnostics) {
    if (d.where.file.empty() || d.where.line <= 0) fail("diagnostic without a location", cisim::format_diagnostic(d));
  }
  if (loaded.scenario) {
    const cisim::Scenario& scenario = *loaded.scenario;
    const double bytes = cisim::run_memory_bytes(scenario, scenario.replications, 2);
    if (!std::isfinite(bytes) || bytes < 0) fail("run size not finite", std::to_string(bytes));
  }
  return 0;
}
