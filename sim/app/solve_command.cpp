// SPDX-License-Identifier: MIT
// cisim solve: the options of a solve and its printed progress and answer; solve() does the bisection.
#include "commands.hpp"

#include <cstdio>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "cisim/report/json_estimate.hpp"
#include "cisim/report/number_format.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/key_value.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/sweep/solver.hpp"
#include "cisim/sweep/sweep_design.hpp"
#include "options.hpp"

namespace cisim::app {
namespace {

// The whole solve as one JSON object, for scripts.
std::string solve_json(const SolveProblem& p, const SolveAnswer& a) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["key"] = p.key.key;
  j["low"] = p.key.values.front();
  j["high"] = p.key.values.back();
  j["target"] = {{"text", p.target.text}, {"metric", p.target.metric}, {"below", p.target.below}, {"bound", p.target.bound}};
  j["scope"] = p.scope;
  j["scope_name"] = p.scope_name;
  ordered_json evaluations = ordered_json::array();
  for (const auto& e : a.evaluations) {
    ordered_json row = {{"text", e.text}};
    if (const auto v = canonical_value(p.key.key, e.text)) {
      row["value"] = v->value;
      row["unit"] = v->unit;
    }
    row["metric"] = estimate_json(e.metric);
    row["meets"] = e.meets;
    evaluations.push_back(std::move(row));
  }
  j["evaluations"] = evaluations;
  if (a.meets) {
    j["answer"] = {{"meets", a.meets->text}, {"misses", a.misses_text}, {"metric", estimate_json(a.meets->metric)}};
  } else {
    j["answer"] = nullptr;
  }
  j["both_bounds_meet"] = a.low_meets && a.high_meets;
  j["monotone"] = a.monotone;
  j["ci_straddles_target"] = a.ci_straddles;
  return j.dump(2) + "\n";
}

// "0.00329 ± 0.00064 (h)", "0.51% ± 0.55 pp": as the tables show a metric and its unit.
std::string estimate_with_unit(const ReplicationSummary& s, const std::string& unit) {
  return format_estimate(s.mean, s.half_width, unit) + unit_suffix(unit);
}

}  // namespace

namespace {

// What the evidence says of one evaluation (decision 0026): its whole 95% CI on one side of
// the bound, or only its mean, with how many replications would tell.
std::string verdict(const SolveEvaluation& e, const SolveTarget& t) {
  const auto& s = e.metric.summary;
  if (s.half_width && !s.contains(t.bound)) return e.meets ? "meets the target" : "misses it";
  const char* side = e.meets ? "meets it" : "misses it";
  if (!s.half_width) return fmt::format("{} by the mean (one replication: no interval)", side);
  if (const auto n = s.replications_for(std::fabs(s.mean - t.bound))) {
    return fmt::format("{} by the mean (its CI contains the bound; about {} replications would tell)", side, *n);
  }
  return fmt::format("{} by the mean (its CI contains the bound)", side);
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
      "where the metric is read: run, or facility:ID, stream:ID,\nmode:postal|express|cargo|truck, selection:REASON, blitz:ID,\nblitz_window:ID, origin:ID, audit_channel:NAME,\nfiscal_year:FY2021, month:2021-03 (docs/metrics.md)")(
      "steps", po::value<int>()->default_value(8), "bisection steps for a real-valued key (whole numbers stop when adjacent)");
  add_replication_options(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to every evaluation (repeatable)")(
      "format,f", po::value<std::string>()->default_value("text"), "text (progress and the answer line) or json (one object)")(
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
  const std::string format = choose(vm["format"].as<std::string>(), {"text", "json"}, "format");
  const bool json = format == "json";
  const bool quiet = vm.count("quiet") > 0 || json;
  const int steps = vm["steps"].as<int>();
  if (steps < 1 || steps > 60) throw UsageError{fmt::format("--steps must be between 1 and 60, found {}", steps)};
  auto range = parse_range_argument(vm["vary"].as<std::string>(), "solve", "KEY=LO:HI");
  if (!range.value) throw UsageError{range.error};
  SolveProblem problem;
  problem.key = *range.value;
  const VariedKey& key = problem.key;
  auto target = parse_target(vm["target"].as<std::string>());
  if (!target.value) throw UsageError{target.error};
  problem.target = *target.value;
  problem.scope_text = vm["scope"].as<std::string>();
  const auto colon = problem.scope_text.find(':');
  problem.scope = problem.scope_text.substr(0, colon);
  problem.scope_name = colon == std::string::npos ? "all" : problem.scope_text.substr(colon + 1);
  choose(problem.scope, target_scope_kinds(), "scope");
  problem.steps = steps;
  problem.sets = strings(vm, "set");
  const RunOptions run_options = replication_options(vm, true);

  if (!quiet) fmt::print("solve: {} in [{}, {}] so that {} ({}, {} replications each)\n", key.key, key.values.front(),
                         key.values.back(), problem.target.text, problem.scope_text, run_options.replications.value_or(0) > 0
                             ? std::to_string(*run_options.replications) : std::string{"the scenario's"});
  auto print_evaluation = [&](const SolveEvaluation& e) {
    if (quiet) return;
    // In the metric's unit, as every table shows it (a rate in %, its half-width in pp).
    const auto& s = e.metric.summary;
    fmt::print("{} = {:<14} {} = {}  {}\n", key.key, e.text, problem.target.metric,
               estimate_with_unit(s, e.metric.unit), verdict(e, problem.target));
  };
  SolveAnswer answer;
  try {
    answer = solve(problem, [&path](const std::vector<std::string>& sets) { return load_scenario(path, sets); }, run_options,
                   print_evaluation);
  } catch (const SolveError& e) {
    // A command-line mistake (a bad value, scope or metric): diagnostics first, then the usage error.
    print_diagnostics(e.diagnostics(), false);
    throw UsageError{e.what()};
  }
  const SolveTarget& t = problem.target;
  if (json) {
    fmt::print("{}", solve_json(problem, answer));
    return ExitStatus::Ok;
  }
  if (!answer.meets) {
    fmt::print("answer: none in the range: {} {} {} at both bounds ({} = {} and {}); no crossing in between to find\n",
               t.metric, answer.low_meets ? "meets" : "misses", t.text, key.key, key.values.front(), key.values.back());
    return ExitStatus::Ok;
  }
  const auto& s = answer.meets->metric.summary;
  fmt::print("answer: {} = {} meets {} ({} = {}, mean ± 95% CI half-width); {} misses it\n", key.key, answer.meets->text, t.text,
             t.metric, estimate_with_unit(s, answer.meets->metric.unit), answer.misses_text);
  if (answer.ci_straddles) {
    fmt::print(stderr, "cisim: warning: a 95% CI next to the crossing contains the target {}: which side the answer is on is not "
                       "sure; run more replications (-r)\n", t.text);
  }
  if (!answer.monotone) {
    fmt::print(stderr, "cisim: warning: {} does not move one way with {}; the crossing found may not be the only one\n", t.metric,
               key.key);
  }
  return ExitStatus::Ok;
}

}  // namespace cisim::app
