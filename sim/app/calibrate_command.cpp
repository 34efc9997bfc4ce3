// SPDX-License-Identifier: MIT
// cisim calibrate: the options of a calibration, its progress, its answer and the fitted scenario file.
#include "commands.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>

#include "cisim/report/number_format.hpp"
#include "cisim/report/output_files.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/sweep/calibration.hpp"
#include "cisim/sweep/solver.hpp"
#include "options.hpp"

namespace cisim::app {
namespace {

std::string key_values_text(const CalibrationProblem& p, const CalibrationEvaluation& e) {
  std::string out;
  for (std::size_t i = 0; i < p.keys.size(); ++i) out += fmt::format("{}{}={}", i ? " " : "", p.keys[i].key, e.texts[i]);
  return out;
}

std::string estimate_text(const MetricSummary& m) { return format_estimate(m.summary.mean, m.summary.half_width, m.unit); }

std::string wanted_text(const CalibrationTarget& t) { return t.text.substr(t.text.find('=') + 1); }

}  // namespace

ExitStatus calibrate_command(const std::vector<std::string>& args) {
  po::options_description options(
      "cisim calibrate SCENARIO --vary KEY=LO:HI... --target 'METRIC[@SCOPE]=VALUE±TOL'... [options]\n\n"
      "Finds the values of several keys that bring several metrics to their targets at once, for example\n"
      "the prevalences that reproduce the rates a blitz measured. A derivative-free optimizer (NLopt's\n"
      "BOBYQA by default) moves the keys inside their ranges to minimize the sum over targets of\n"
      "((simulated mean - target) / tolerance)^2. A target is met when its whole 95% CI lies within the\n"
      "tolerance; \"met by the mean\" when only its mean does (with how many replications would show it).\n"
      "Every evaluation runs the scenario's replications with the same seed (common random numbers).\n"
      "Values take the metric's unit (5.1%, 6min, 2e6 USD); '+-' may stand for '±'. Exit code 0 when\n"
      "every target's mean is within its tolerance at the fitted values (a warning names those met by the\n"
      "mean only), 1 when one is missed.\n\noptions");
  options.add_options()("help,h", "print this help and exit")(
      "vary", po::value<std::vector<std::string>>()->composing(), "KEY=LO:HI, or KEY=LO:HI:log to search in log space (repeatable)")(
      "target", po::value<std::vector<std::string>>()->composing(),
      "METRIC[@SCOPE]=VALUE±TOL, e.g. 'counterfeit_rate@blitz:all=5.1%±0.2%'\n(repeatable; SCOPE as in solve --scope, default run)")(
      "start", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE: where the search starts (default: the middle of the range)")(
      "algorithm", po::value<std::string>()->default_value("bobyqa"), "bobyqa, cobyla, neldermead or sbplx (all NLopt's)")(
      "max-evaluations", po::value<int>()->default_value(60), "most runs of the scenario (repeated points are not run again)")(
      "key-tolerance", po::value<double>()->default_value(1e-3), "stop when a step moves each key by less than this share of its range")(
      "until-met", "stop at the first evaluation that meets every target");
  add_replication_options(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to every evaluation (repeatable)")(
      "out,o", po::value<std::string>(), "write the fitted scenario to this file (it includes SCENARIO and sets the fitted keys)")(
      "format,f", po::value<std::string>()->default_value("text"), "text (progress and the fit) or json (one object)")(
      "quiet,q", "print only the fit")("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError{"missing SCENARIO: the scenario file to calibrate"};
  if (!vm.count("vary")) throw UsageError{"calibrate needs --vary KEY=LO:HI for each key to fit"};
  if (!vm.count("target")) throw UsageError{"calibrate needs --target 'METRIC[@SCOPE]=VALUE±TOL' for each target to reach"};
  const std::string path = vm["scenario"].as<std::string>();
  const bool json = choose(vm["format"].as<std::string>(), {"text", "json"}, "format") == "json";
  const bool quiet = vm.count("quiet") > 0 || json;

  CalibrationProblem problem;
  for (const auto& v : strings(vm, "vary")) {
    auto key = parse_calibration_range(v);
    if (!key.value) throw UsageError{key.error};
    problem.keys.push_back(*key.value);
    for (std::size_t i = 0; i + 1 < problem.keys.size(); ++i) {
      if (problem.keys[i].key == problem.keys.back().key) throw UsageError{fmt::format("--vary {}: the key is varied twice", v)};
    }
  }
  problem.start.assign(problem.keys.size(), std::nullopt);
  for (const auto& s : strings(vm, "start")) {
    const auto error = set_start(problem, s);
    if (!error.empty()) throw UsageError{error};
  }
  for (const auto& t : strings(vm, "target")) {
    auto target = parse_calibration_target(t);
    if (!target.value) throw UsageError{target.error};
    choose(target.value->scope, target_scope_kinds(), "target's scope");
    problem.targets.push_back(*target.value);
  }
  const auto algorithm = calibration_algorithm(vm["algorithm"].as<std::string>());
  if (!algorithm) choose(vm["algorithm"].as<std::string>(), calibration_algorithm_names(), "algorithm");
  problem.algorithm = *algorithm;
  problem.max_evaluations = vm["max-evaluations"].as<int>();
  if (problem.max_evaluations < 1 || problem.max_evaluations > kMaxCalibrationEvaluations) {
    throw UsageError{fmt::format("--max-evaluations must be between 1 and {}, found {}", kMaxCalibrationEvaluations,
                                 problem.max_evaluations)};
  }
  problem.key_tolerance = vm["key-tolerance"].as<double>();
  if (!(problem.key_tolerance > 0.0 && problem.key_tolerance < 1.0)) {
    throw UsageError{fmt::format("--key-tolerance is a share of each key's range, between 0 and 1 (exclusive), found {}",
                                 problem.key_tolerance)};
  }
  problem.stop_when_met = vm.count("until-met") > 0;
  problem.sets = strings(vm, "set");
  if (vm.count("out")) check_output_file(vm["out"].as<std::string>(), "out", {vm["scenario"].as<std::string>()});
  const RunOptions run_options = replication_options(vm, true);
  // The scenario with the --set options, before any key moves: its errors are the scenario's,
  // not a fitted value's, and are reported as such.
  {
    const LoadedScenario base = load_scenario(path, problem.sets);
    print_diagnostics(base.diagnostics, quiet);
    if (!base.scenario) return ExitStatus::UsageError;
  }

  if (!quiet) {
    fmt::print("calibrate: {} key{}, {} target{}; {}; {} replications per evaluation, one seed for all (common random numbers)\n",
               problem.keys.size(), problem.keys.size() == 1 ? "" : "s", problem.targets.size(),
               problem.targets.size() == 1 ? "" : "s", algorithm_name(problem.algorithm),
               run_options.replications ? std::to_string(*run_options.replications) : std::string{"the scenario's"});
  }
  int evaluation_number = 0;
  auto print_evaluation = [&](const CalibrationEvaluation& e) {
    ++evaluation_number;
    if (quiet) return;
    std::string means;
    for (std::size_t i = 0; i < e.metrics.size(); ++i) {
      means += fmt::format("  {} {}", problem.targets[i].metric,
                           format_estimate(e.metrics[i].summary.mean, std::nullopt, e.metrics[i].unit));
    }
    fmt::print("  evaluation {:>3}: {}  objective {:.4g}{}{}\n", evaluation_number, key_values_text(problem, e),
               e.objective, means, e.all_met ? "  (every target met)" : "");
    std::fflush(stdout);
  };
  CalibrationAnswer answer;
  try {
    answer = calibrate(problem, [&path](const std::vector<std::string>& sets) { return load_scenario(path, sets); }, run_options,
                       print_evaluation);
  } catch (const SolveError& e) {
    print_diagnostics(e.diagnostics(), false);
    throw UsageError{e.what()};
  }
  if (vm.count("out")) {
    std::string command_line = "cisim calibrate";
    for (const auto& a : args) command_line += " " + (a.find_first_of(" '<>|&;*?") == std::string::npos ? a : "'" + a + "'");
    write_file_atomically(vm["out"].as<std::string>(),
                          fitted_scenario_text(vm["out"].as<std::string>(), path, problem, answer, run_options, command_line));
  }
  const CalibrationEvaluation& fitted = answer.fitted();
  if (json) {
    fmt::print("{}", calibration_json(problem, answer));
  } else {
    fmt::print("fitted values (evaluation {} of {}; stopped: {}):\n", answer.best + 1, answer.evaluations.size(), answer.stop_reason);
    std::size_t width = 0;
    for (const auto& k : problem.keys) width = std::max(width, k.key.size());
    for (std::size_t i = 0; i < problem.keys.size(); ++i) {
      fmt::print("  {:<{}} = {:<12} (range {} to {})\n", problem.keys[i].key, width, fitted.texts[i], problem.keys[i].values.front(),
                 problem.keys[i].values.back());
    }
    std::size_t target_width = 6;
    for (const auto& t : problem.targets) target_width = std::max(target_width, t.text.find('='));
    fmt::print("targets at the fitted values:\n  {:<{}}  {:<16}  {:<28}  {}\n", "metric", target_width, "target",
               "simulated (mean ± 95% CI)", "met");
    for (std::size_t i = 0; i < problem.targets.size(); ++i) {
      const auto& t = problem.targets[i];
      const TargetVerdict verdict = target_verdict(t, fitted.metrics[i]);
      fmt::print("  {:<{}}  {:<16}  {:<28}  {}\n", t.text.substr(0, t.text.find('=')), target_width, wanted_text(t),
                 estimate_text(fitted.metrics[i]),
                 verdict == TargetVerdict::Met ? "yes" : verdict == TargetVerdict::Missed ? "NO" : verdict_text(t, fitted.metrics[i]));
    }
    if (vm.count("out")) fmt::print("fitted scenario written to {}\n", vm["out"].as<std::string>());
  }
  std::vector<std::string> by_mean;
  for (std::size_t i = 0; i < problem.targets.size(); ++i) {
    if (target_verdict(problem.targets[i], fitted.metrics[i]) == TargetVerdict::MetByMean) by_mean.push_back(problem.targets[i].text);
  }
  if (fitted.all_met && !by_mean.empty()) {
    std::fflush(stdout);
    fmt::print(stderr, "cisim: warning: {} met by the mean only: the 95% CI reaches past the tolerance, so the evidence does not yet "
                       "show it; run the fitted file with more replications (-r) to see\n",
               fmt::join(by_mean, ", "));
  }
  if (!fitted.all_met) {
    std::fflush(stdout);
    fmt::print(stderr, "cisim: warning: not every target is met at the fitted values (see 'met' above); widen the ranges, "
                       "start elsewhere (--start), allow more evaluations, or check that the targets agree with each other\n");
    return ExitStatus::SimulationError;
  }
  return ExitStatus::Ok;
}

}  // namespace cisim::app
