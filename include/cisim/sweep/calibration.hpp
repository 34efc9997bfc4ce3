// SPDX-License-Identifier: MIT
// calibrate: the values of several scenario keys that bring several metrics to published targets
// at once, by a derivative-free optimizer (NLopt) over runs with common random numbers.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/scenario/units.hpp"
#include "cisim/sweep/sweep_design.hpp"

namespace cisim {

/// A target such as "counterfeit_rate@blitz:all=5.1%±0.2%": the metric's mean over the
/// replications, in that scope, should be within `tolerance` of `value` (both in the
/// metric's unit). Without "@SCOPE" the scope is the run.
struct CalibrationTarget {
  std::string metric;
  std::string scope = "run";
  std::string scope_name = "all";
  double value = 0.0;
  double tolerance = 0.0;  ///< > 0: also the unit in which misses are weighed against each other
  std::string text;        ///< as written
};

/// Parses "METRIC[@SCOPE]=VALUE±TOL" ("+-" for "±"; SCOPE as in --scope: run, facility:ID,
/// stream:ID, mode:postal, selection:REASON, blitz:ID, blitz_window:ID, origin:ID,
/// audit_channel:NAME, fiscal_year:FY2021, month:2021-03). Values take the metric's unit ("5.1%", "6min", "2e6 USD"). A parse error is returned as its message.
Parsed<CalibrationTarget> parse_calibration_target(const std::string& spec);

/// The derivative-free local optimizers offered, all NLopt's own (never ours).
enum class CalibrationAlgorithm { Bobyqa, Cobyla, NelderMead, Subplex };
/// "bobyqa", "cobyla", "neldermead", "sbplx"; nullopt for another name.
std::optional<CalibrationAlgorithm> calibration_algorithm(const std::string& name);
/// Those names, in that order (for messages and did-you-mean).
std::vector<std::string> calibration_algorithm_names();

/// The most runs one calibration may make (the CLI's and Python's bound).
inline constexpr int kMaxCalibrationEvaluations = 10000;
std::string algorithm_name(CalibrationAlgorithm a);  ///< the NLopt name, "BOBYQA"

struct CalibrationProblem {
  std::vector<VariedKey> keys;             ///< ranges (parse_vary with 2 points): bounds, unit, log scale
  std::vector<std::optional<double>> start;  ///< per key, in its unit; empty: the middle of the range
  std::vector<CalibrationTarget> targets;
  std::vector<std::string> sets;           ///< --set arguments for every evaluation, before the keys' values
  CalibrationAlgorithm algorithm = CalibrationAlgorithm::Bobyqa;
  int max_evaluations = 60;
  /// The optimizer stops when a step moves every key by less than this share of its range
  /// (of its log range for a log key).
  double key_tolerance = 1e-3;
  bool stop_when_met = false;  ///< stop at the first evaluation that meets every target
};

/// One run of the scenario with the keys at `x`.
struct CalibrationEvaluation {
  std::vector<double> x;            ///< per key, in its unit (rounded for whole-number keys)
  std::vector<std::string> texts;   ///< per key, as scenario text ("1.25", "13", "7/min")
  std::vector<MetricSummary> metrics;  ///< per target
  /// Sum over targets of ((mean - value) / tolerance)^2: below 1 every target is met.
  double objective = 0.0;
  bool all_met = false;  ///< every target's mean within its tolerance
};

struct CalibrationAnswer {
  std::vector<CalibrationEvaluation> evaluations;  ///< in the order run (repeated points are run once)
  std::size_t best = 0;                            ///< the evaluation with the least objective
  int optimizer_calls = 0;                         ///< points the optimizer asked for, repeats included
  int restarts = 0;  ///< searches started again from the best point after converging with a target missed
  std::string stop_reason;                         ///< why the optimizer stopped, in words
  const CalibrationEvaluation& fitted() const { return evaluations[best]; }
};

/// Parses --vary KEY=LO:HI or KEY=LO:HI:log (units as in sweep: "3/min:15/min", "0.2:3").
Parsed<VariedKey> parse_calibration_range(const std::string& vary);

/// Applies --start KEY=VALUE (VALUE in the unit of KEY's range, inside it) to problem.start;
/// returns an error message, empty when it was applied. problem.keys must be set first.
std::string set_start(CalibrationProblem& problem, const std::string& text);

/// Whether a target's mean is within its tolerance.
bool target_met(const CalibrationTarget& t, const MetricSummary& m);

/// What the evidence says of a target (decision 0026): met when the whole 95% CI lies within
/// the tolerance; met by the mean when only the mean does (the interval reaches past it, or
/// there is none with one replication); missed when the mean lies outside. target_met() is
/// the mean's test, which the optimizer and the exit code use.
enum class TargetVerdict { Met, MetByMean, Missed };
TargetVerdict target_verdict(const CalibrationTarget& t, const MetricSummary& m);
/// For a target met by the mean: the fewest replications whose 95% CI (Student t) would lie
/// within the tolerance if the mean and the standard deviation stayed as measured; empty
/// without an interval, when the mean sits on the tolerance's edge, or past 100,000.
std::optional<int> replications_to_show(const CalibrationTarget& t, const MetricSummary& m);
/// "met", "met by the mean (about N replications would show it)" or "MISSED".
std::string verdict_text(const CalibrationTarget& t, const MetricSummary& m);

/// Finds values of problem.keys, inside their ranges, that minimize the objective (see
/// CalibrationEvaluation) with the chosen NLopt algorithm. The optimizer works on each
/// key's range mapped to [0, 1] (log-mapped for a log range), so keys of different units and
/// sizes weigh alike. Each evaluation loads the scenario through `load` with the keys' values
/// as the last --set arguments and runs it with `run_options`: one seed for all evaluations
/// (common random numbers), so the objective is a deterministic function of the keys and the
/// optimizer is not misled by noise between its steps. Throws SolveError (a key's value gives
/// an invalid scenario, a target names no metric or scope) and what run_scenario throws.
CalibrationAnswer calibrate(const CalibrationProblem& problem,
                            const std::function<LoadedScenario(const std::vector<std::string>& set_arguments)>& load,
                            const RunOptions& run_options,
                            const std::function<void(const CalibrationEvaluation&)>& on_evaluation = {});

/// The --set arguments of the fitted point: problem.sets, then each key at its fitted value.
std::vector<std::string> fitted_set_arguments(const CalibrationProblem& problem, const CalibrationAnswer& answer);

/// The fitted scenario as a file that runs (for --out): comment lines with the fit (the
/// command line, when given, each target's simulated value), then an overlay that includes
/// the scenario (relative to `out_path`'s directory) and sets problem.sets, the fitted keys,
/// the name "<name>_calibrated" and the replications and seed of `run_options` when given;
/// when the overlay would not load to the same scenario, the whole effective scenario instead.
std::string fitted_scenario_text(const std::string& out_path, const std::string& scenario_path, const CalibrationProblem& problem,
                                 const CalibrationAnswer& answer, const RunOptions& run_options, const std::string& command_line);

/// The whole calibration as one JSON object (the CLI's --format json, and Python's result).
std::string calibration_json(const CalibrationProblem& problem, const CalibrationAnswer& answer);

}  // namespace cisim
