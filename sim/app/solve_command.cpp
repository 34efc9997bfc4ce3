// SPDX-License-Identifier: MIT
// cisim solve: where a metric crosses a target as one key moves, by bisection with common random numbers.
#include "commands.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/scenario/units.hpp"
#include "cisim/sweep/sweep_design.hpp"
#include "options.hpp"

namespace cisim::app {
namespace {

// "discrepancy_rate<1%" -> metric, direction, bound; a bound may carry '%'.
struct Target {
  std::string metric;
  bool below = true;
  double bound = 0.0;
  std::string text;
};

Target parse_target(const std::string& spec) {
  const auto at = spec.find_first_of("<>");
  if (at == std::string::npos || at == 0 || at + 1 == spec.size()) {
    throw UsageError{fmt::format("--target expects METRIC<VALUE or METRIC>VALUE (for example 'discrepancy_rate<1%'), found '{}'", spec)};
  }
  Target t;
  t.metric = spec.substr(0, at);
  t.below = spec[at] == '<';
  std::string number = spec.substr(at + 1);
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.pop_back();
  const auto value = parse_real(number);
  if (!value.value) throw UsageError{fmt::format("--target {}: '{}' is not a number", spec, spec.substr(at + 1))};
  t.bound = *value.value / (percent ? 100.0 : 1.0);
  t.text = spec;
  return t;
}

}  // namespace

ExitStatus solve_command(const std::vector<std::string>& args) {
  po::options_description options(
      "cisim solve SCENARIO --vary KEY=LO:HI --target 'METRIC<VALUE' [options]\n\nFinds where a metric crosses a target as "
      "one key moves between two bounds, by bisection: for\nexample the fewest officers that keep the mean wait under 6 "
      "minutes, or the vetting share that brings\nthe measured discrepancy rate below 1%. Every evaluation runs the "
      "scenario's replications with the\nsame seed (common random numbers), and the metric's mean over them is compared "
      "with the target; the\nmetric is assumed to move one way with the key (a reversal is reported). Bounds take units "
      "as in\nscenario files (0%:100%, 1d:28d); whole-number bounds search whole numbers.\n\noptions");
  options.add_options()("help,h", "print this help and exit")(
      "vary", po::value<std::string>(), "KEY=LO:HI (add :log to bisect in log space)")(
      "target", po::value<std::string>(), "METRIC<VALUE or METRIC>VALUE, e.g. 'discrepancy_rate<1%' (quote it for the shell)")(
      "scope", po::value<std::string>()->default_value("run"),
      "where the metric is read: run, or facility:ID, stream:ID, blitz:ID")(
      "steps", po::value<int>()->default_value(8), "bisection steps for a real-valued key (whole numbers stop when adjacent)");
  add_replication_options(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to every evaluation (repeatable)")(
      "quiet,q", "print only the answer line")("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError{"missing SCENARIO: the scenario file to solve on"};
  if (!vm.count("vary")) throw UsageError{"solve needs --vary KEY=LO:HI: the key to move and its bounds"};
  if (!vm.count("target")) throw UsageError{"solve needs --target METRIC<VALUE (or >): the metric and the value to reach"};
  const std::string path = vm["scenario"].as<std::string>();
  const bool quiet = vm.count("quiet") > 0;
  const int steps = vm["steps"].as<int>();
  if (steps < 1 || steps > 60) throw UsageError{fmt::format("--steps must be between 1 and 60, found {}", steps)};
  // The bounds are parsed as a two-point sweep range, so units and whole numbers behave the same.
  std::string vary = vm["vary"].as<std::string>();
  const bool log_scale = vary.size() > 4 && vary.ends_with(":log");
  if (log_scale) vary.resize(vary.size() - 4);
  if (const auto eq = vary.find('='); eq != std::string::npos && vary.find(',', eq) != std::string::npos) {
    throw UsageError{fmt::format("--vary {}: solve needs a range LO:HI, not a list", vary)};
  }
  auto range = parse_vary(vary + ":2" + (log_scale ? ":log" : ""));
  if (!range.value || !range.value->is_range) {
    throw UsageError{range.value ? fmt::format("--vary {}: solve needs a range LO:HI, not a list", vary)
                                 : range.error + " (solve takes KEY=LO:HI)"};
  }
  const VariedKey key = *range.value;
  const Target target = parse_target(vm["target"].as<std::string>());
  const std::string scope_spec = vm["scope"].as<std::string>();
  const auto colon = scope_spec.find(':');
  const std::string scope = scope_spec.substr(0, colon);
  const std::string scope_name = colon == std::string::npos ? "all" : scope_spec.substr(colon + 1);
  choose(scope, {"run", "facility", "stream", "blitz"}, "scope");
  const auto base_sets = strings(vm, "set");
  RunOptions run_options = replication_options(vm, true);

  struct Evaluation {
    double x;
    std::string text;
    MetricSummary metric;
    bool meets;
  };
  std::vector<Evaluation> evaluations;
  auto evaluate = [&](double x) -> const Evaluation& {
    auto sets = base_sets;
    const std::string text = range_value_text(x, key);
    sets.push_back(key.key + "=" + text);
    const LoadedScenario loaded = load_scenario(path, sets);
    if (!loaded.scenario) {
      print_diagnostics(loaded.diagnostics, false);
      throw UsageError{fmt::format("{} = {} does not give a valid scenario", key.key, text)};
    }
    const Report report = make_report(loaded, run_scenario(*loaded.scenario, run_options));
    const MetricSummary* m = find_metric(report, scope, scope_name, target.metric);
    if (!m) {
      std::vector<std::string> metrics;
      std::vector<std::string> names;
      for (const auto& x2 : report.metrics) {
        if (x2.scope == scope && std::find(metrics.begin(), metrics.end(), x2.metric) == metrics.end()) metrics.push_back(x2.metric);
        if (x2.scope == scope && std::find(names.begin(), names.end(), x2.scope_name) == names.end()) names.push_back(x2.scope_name);
      }
      if (std::find(names.begin(), names.end(), scope_name) == names.end()) {
        throw UsageError{fmt::format("--scope {}: no {} '{}'{}", scope_spec, scope, scope_name, did_you_mean_suffix(scope_name, names))};
      }
      throw UsageError{fmt::format("--target: no metric '{}' in scope {}{}", target.metric, scope_spec,
                                   did_you_mean_suffix(target.metric, metrics))};
    }
    const double mean = m->summary.mean;
    evaluations.push_back(Evaluation{x, text, *m, target.below ? mean < target.bound : mean > target.bound});
    if (!quiet) {
      const auto& s = m->summary;
      fmt::print("{} = {:<14} {} = {:.6g}{}  {}\n", key.key, text, target.metric, mean,
                 s.half_width ? fmt::format(" (95% CI {:.6g} to {:.6g})", *s.low(), *s.high()) : std::string{},
                 evaluations.back().meets ? "meets the target" : "misses it");
    }
    return evaluations.back();
  };
  if (!quiet) fmt::print("solve: {} in [{}, {}] so that {} ({}, {} replications each)\n", key.key, key.values.front(),
                         key.values.back(), target.text, scope_spec, run_options.replications.value_or(0) > 0
                             ? std::to_string(*run_options.replications) : std::string{"the scenario's"});
  double lo = key.low;
  double hi = key.high;
  const bool lo_meets = evaluate(lo).meets;
  const bool hi_meets = evaluate(hi).meets;
  if (lo_meets == hi_meets) {
    fmt::print("answer: {} at both bounds: {} {} the target at {} and at {}; no crossing in between to find\n", target.metric,
               lo_meets ? "both meet" : "neither meets", target.text, key.values.front(), key.values.back());
    return ExitStatus::Ok;
  }
  auto midpoint = [&](double a, double b) {
    if (key.whole) return std::floor((a + b) / 2.0);
    return key.log_scale ? std::sqrt(a * b) : (a + b) / 2.0;
  };
  for (int step = 0; step < steps || key.whole; ++step) {
    if (key.whole && std::fabs(hi - lo) <= 1.0) break;
    const double mid = midpoint(lo, hi);
    if (evaluate(mid).meets == lo_meets) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  // The bracket [lo, hi] holds the crossing: one end meets the target, the other misses it.
  const double meets_at = lo_meets ? lo : hi;
  const double misses_at = lo_meets ? hi : lo;
  const auto found = std::find_if(evaluations.begin(), evaluations.end(), [&](const Evaluation& e) { return e.x == meets_at; });
  // A metric that does not move one way with the key makes the answer unreliable: say so.
  std::vector<Evaluation> sorted = evaluations;
  std::sort(sorted.begin(), sorted.end(), [](const Evaluation& a, const Evaluation& b) { return a.x < b.x; });
  bool monotone = true;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].meets != sorted[i - 1].meets && i + 1 < sorted.size() && sorted[i + 1].meets != sorted[i].meets) monotone = false;
  }
  const auto& s = found->metric.summary;
  fmt::print("answer: {} = {} meets {} ({} = {:.6g}{}); {} misses it\n", key.key, found->text, target.text, target.metric, s.mean,
             s.half_width ? fmt::format(", 95% CI {:.6g} to {:.6g}", *s.low(), *s.high()) : std::string{},
             range_value_text(misses_at, key));
  if (!monotone) fmt::print(stderr, "cisim: warning: {} does not move one way with {}; the crossing found may not be the only one\n", target.metric, key.key);
  return ExitStatus::Ok;
}

}  // namespace cisim::app
