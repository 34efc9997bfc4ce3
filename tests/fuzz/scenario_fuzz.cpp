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
//   (run_memory_bytes must be finite and non-negative);
// - an error-free load whose short simulation aborts or throws anything but a refusal of its
//   size: one replication, on one thread, over a horizon cut so that about 2,000 shipments
//   arrive (at least a minute, at most two days), no spin-up or warm-up, so a model abort on a
//   scenario `check` accepts is a fuzz crash.
#include <algorithm>
#include <cmath>
#include <exception>
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

// The loaded scenario, cut short: its clock starts where it did (the spin-up's days become
// measured ones), so its dated values and blitzes keep their places.
void simulate_briefly(const cisim::Scenario& loaded) {
  cisim::Scenario scenario = loaded;
  double per_second = 0.0;
  for (const auto& stream : scenario.model.streams) {
    per_second += stream.arrivals.rate_per_second() * stream.arrivals.mean_batch_size() * stream.rate_scale.max();
  }
  constexpr double kShipments = 2000.0;
  const double seconds = std::clamp(per_second > 0.0 ? kShipments / per_second : 1e300, 60.0, 2.0 * 86400.0);
  if (!std::isfinite(seconds)) return;
  const cisim::Duration horizon = std::min(scenario.model.horizon, cisim::Duration::from_seconds(seconds));
  scenario.model.horizon = horizon;
  scenario.model.warmup = cisim::Duration::zero();
  scenario.spin_up = cisim::Duration::zero();
  scenario.replications = 1;
  // A scenario whose run would hold more than a few hundred MB (millions of sellers, say) is
  // left to the loader's checks: under the sanitizers its set-up alone would outlast the
  // fuzzer's limits (10 s and 2 GiB an input), which would report a timeout, not a defect.
  if (cisim::run_memory_bytes(scenario, 1, 1) > 256.0 * 1024 * 1024) return;
  cisim::RunOptions options;
  options.threads = 1;
  try {
    (void)cisim::run_scenario(scenario, options);
  } catch (const cisim::RunBudgetError&) {
    // Too large to run here: refused before it starts, as the CLI refuses it.
  } catch (const std::exception& e) {
    fail("the short simulation of a loaded scenario threw", e.what());
  }
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
    simulate_briefly(scenario);
  }
  return 0;
}
