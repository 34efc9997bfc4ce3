// SPDX-License-Identifier: MIT
// solve: where a metric crosses a target as one scenario key moves, by bisection with common random numbers.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/diagnostic.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/scenario/units.hpp"
#include "cisim/sweep/sweep_design.hpp"

namespace cisim {

/// A target such as "discrepancy_rate<1%": the metric's mean must end up below (or above)
/// the bound. The bound is in the metric's unit: a plain number, a percent for a rate, a
/// duration ("6min") for a metric in hours, an amount ("2e6 USD") for money.
struct SolveTarget {
  std::string metric;
  bool below = true;
  double bound = 0.0;
  std::string text;  ///< as written
};

/// Parses "METRIC<VALUE" or "METRIC>VALUE"; a parse error is returned as its message.
Parsed<SolveTarget> parse_target(const std::string& spec);

/// A value of `metric` written in its unit: a plain number, "1%" for a rate, "6min" for a
/// metric in hours, "2e6 USD" for money. Errors start with `spec` (the option as written).
Parsed<double> parse_metric_value(const std::string& metric, const std::string& number, const std::string& spec);

/// What to solve for.
struct SolveProblem {
  VariedKey key;  ///< a range (from parse_vary): its bounds, scale and whole-number rounding
  SolveTarget target;
  std::string scope = "run";        ///< where the metric is read: run, facility, stream or blitz
  std::string scope_name = "all";   ///< "all" for the run, else the id
  std::string scope_text = "run";   ///< as written ("facility:jfk_imf"), for messages
  int steps = 8;                    ///< bisection steps for a real-valued key
  std::vector<std::string> sets;    ///< --set arguments for every evaluation, before the key's value
};

/// One run of the scenario with the key at `x`.
struct SolveEvaluation {
  double x = 0.0;
  std::string text;  ///< `x` as scenario text ("13", "7/min")
  MetricSummary metric;
  bool meets = false;  ///< the metric's mean meets the target
};

struct SolveAnswer {
  std::vector<SolveEvaluation> evaluations;  ///< in the order run: low bound, high bound, then midpoints
  bool low_meets = false;
  bool high_meets = false;
  /// When exactly one bound meets the target: the evaluation next to the crossing that meets
  /// it, and the value on the other side that misses it (scenario text). Empty otherwise.
  std::optional<SolveEvaluation> meets;
  std::string misses_text;
  /// False when the evaluations, in key order, switch between meeting and missing more than
  /// once: the metric does not move one way with the key, and the crossing may not be the only one.
  bool monotone = true;
  /// The 95% CI of an evaluation on either side of the crossing contains the target: more
  /// replications would be needed to be sure which side the answer is on.
  bool ci_straddles = false;
};

/// An evaluation that cannot be made: the key's value gives an invalid scenario (its
/// diagnostics attached), or the report has no such scope or metric. Messages name the
/// command-line options (--scope, --target) that the values came from.
class SolveError : public std::runtime_error {
 public:
  explicit SolveError(const std::string& message, std::vector<Diagnostic> diagnostics = {});
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// The scope kinds a target may name (--scope, METRIC@SCOPE): every kind of the report but
/// the day (days are a time series, not one estimate).
std::vector<std::string> target_scope_kinds();

/// The metric of one scope in `report`, or a SolveError that names the scope or metric
/// missing, with a "did you mean", or a metric undefined in every replication (NaN);
/// `scope_where` and `metric_where` start the messages (the options the scope and the metric
/// came from).
const MetricSummary& metric_or_error(const Report& report, const std::string& scope, const std::string& scope_name,
                                     const std::string& metric, const std::string& scope_where,
                                     const std::string& metric_where);

/// Finds where the target's metric crosses the target as problem.key moves between its
/// bounds. Each evaluation loads the scenario through `load` with the key's value as a last
/// --set, runs it with `run_options` (one seed for all: common random numbers), and compares
/// the metric's mean over the replications with the target. Both bounds are evaluated first;
/// if they agree there is nothing to bisect. Otherwise the bracket is halved (in log space
/// for a log range) `steps` times, or for a whole-number key until its ends are adjacent.
/// Assumes the metric moves one way with the key; SolveAnswer::monotone says if it did not.
/// `on_evaluation` is called after each evaluation. Throws SolveError, and what run_scenario throws.
SolveAnswer solve(const SolveProblem& problem,
                  const std::function<LoadedScenario(const std::vector<std::string>& set_arguments)>& load,
                  const RunOptions& run_options, const std::function<void(const SolveEvaluation&)>& on_evaluation = {});

}  // namespace cisim
