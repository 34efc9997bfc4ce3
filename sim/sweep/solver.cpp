// SPDX-License-Identifier: MIT
// solve: target parsing and the bisection over one key, each step a full run of the scenario.
#include "cisim/sweep/solver.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/core.h>

#include "cisim/model/metric_catalogue.hpp"
#include "cisim/scenario/did_you_mean.hpp"

namespace cisim {

Parsed<double> parse_metric_value(const std::string& metric, const std::string& number, const std::string& spec) {
  // The value is read in the metric's unit: "6min" for a metric in hours, "1%" for a rate,
  // "1e6 USD" for money; a plain number is taken in the metric's unit as it stands.
  const MetricDefinition* def = find_metric_definition(metric);
  const std::string unit = def ? std::string(def->unit) : std::string{};
  if (const auto plain = parse_real(number); plain.value) return Parsed<double>::ok(*plain.value);
  if (unit == "h") {
    const auto d = parse_duration(number);
    if (!d.value) return Parsed<double>::fail(fmt::format("{}: '{}' is not a duration (such as 6min or 1.5h) for {}, in hours", spec, number, metric));
    return Parsed<double>::ok(d.value->to_hours());
  }
  if (unit == "USD") {
    const auto m = parse_money_usd(number);
    if (!m.value) return Parsed<double>::fail(fmt::format("{}: '{}' is not an amount (such as 2000000 USD) for {}", spec, number, metric));
    return Parsed<double>::ok(*m.value);
  }
  if (number.ends_with('%')) {
    const auto v = parse_real(number.substr(0, number.size() - 1));
    if (!v.value) return Parsed<double>::fail(fmt::format("{}: '{}' is not a number", spec, number));
    return Parsed<double>::ok(*v.value / 100.0);
  }
  return Parsed<double>::fail(fmt::format("{}: '{}' is not a number{}", spec, number,
                                          unit.empty() ? std::string{} : fmt::format(" in {} (the unit of {})", unit, metric)));
}

Parsed<SolveTarget> parse_target(const std::string& spec) {
  const auto at = spec.find_first_of("<>");
  if (at == std::string::npos || at == 0 || at + 1 == spec.size()) {
    return Parsed<SolveTarget>::fail(
        fmt::format("--target expects METRIC<VALUE or METRIC>VALUE (for example 'discrepancy_rate<1%'), found '{}'", spec));
  }
  SolveTarget t;
  t.metric = spec.substr(0, at);
  t.below = spec[at] == '<';
  const auto bound = parse_metric_value(t.metric, spec.substr(at + 1), "--target " + spec);
  if (!bound.value) return Parsed<SolveTarget>::fail(bound.error);
  t.bound = *bound.value;
  t.text = spec;
  return Parsed<SolveTarget>::ok(std::move(t));
}

SolveError::SolveError(const std::string& message, std::vector<Diagnostic> diagnostics)
    : std::runtime_error(message), diagnostics_(std::move(diagnostics)) {}

std::vector<std::string> target_scope_kinds() {
  std::vector<std::string> kinds;
  for (std::size_t k = 0; k < kScopeKinds; ++k) {
    if (static_cast<Scope>(k) != Scope::Day) kinds.emplace_back(scope_name(static_cast<Scope>(k)));
  }
  return kinds;
}

const MetricSummary& metric_or_error(const Report& report, const std::string& scope, const std::string& scope_name,
                                     const std::string& metric, const std::string& scope_where,
                                     const std::string& metric_where) {
  const MetricSummary* m = find_metric(report, scope, scope_name, metric);
  const std::string scope_text = scope_name == "all" && scope == "run" ? std::string{"run"} : scope + ":" + scope_name;
  if (m && std::isnan(m->summary.mean)) {
    // Undefined in every replication (decision 0015): no number to compare with the target.
    throw SolveError{fmt::format("{}: {} is undefined in scope {} in every replication: a rate or mean over no shipments "
                                 "(nothing inspected there?); choose a scope, range or scenario where it is measured",
                                 metric_where, metric, scope_text)};
  }
  if (m) return *m;
  std::vector<std::string> metrics;
  std::vector<std::string> names;
  for (const auto& x : report.metrics) {
    if (x.scope == scope && std::find(metrics.begin(), metrics.end(), x.metric) == metrics.end()) metrics.push_back(x.metric);
    if (x.scope == scope && std::find(names.begin(), names.end(), x.scope_name) == names.end()) names.push_back(x.scope_name);
  }
  if (std::find(names.begin(), names.end(), scope_name) == names.end()) {
    throw SolveError{fmt::format("{}: no {} '{}'{}", scope_where, scope, scope_name, did_you_mean_suffix(scope_name, names))};
  }
  throw SolveError{fmt::format("{}: no metric '{}' in scope {}{}", metric_where, metric, scope_text, did_you_mean_suffix(metric, metrics))};
}

SolveAnswer solve(const SolveProblem& problem,
                  const std::function<LoadedScenario(const std::vector<std::string>& set_arguments)>& load,
                  const RunOptions& run_options, const std::function<void(const SolveEvaluation&)>& on_evaluation) {
  const VariedKey& key = problem.key;
  const SolveTarget& target = problem.target;
  SolveAnswer answer;
  auto& evaluations = answer.evaluations;
  auto evaluate = [&](double x) -> const SolveEvaluation& {
    auto sets = problem.sets;
    const std::string text = range_value_text(x, key);
    sets.push_back(key.key + "=" + text);
    LoadedScenario loaded = load(sets);
    if (!loaded.scenario) {
      throw SolveError{fmt::format("{} = {} does not give a valid scenario", key.key, text), std::move(loaded.diagnostics)};
    }
    const Report report = make_report(loaded, run_scenario(*loaded.scenario, run_options));
    const MetricSummary& m = metric_or_error(report, problem.scope, problem.scope_name, problem.target.metric,
                                             "--scope " + problem.scope_text, "--target");
    const double mean = m.summary.mean;
    evaluations.push_back(SolveEvaluation{x, text, m, target.below ? mean < target.bound : mean > target.bound});
    if (on_evaluation) on_evaluation(evaluations.back());
    return evaluations.back();
  };
  double lo = key.low;
  double hi = key.high;
  answer.low_meets = evaluate(lo).meets;
  answer.high_meets = evaluate(hi).meets;
  if (answer.low_meets == answer.high_meets) return answer;
  const bool lo_meets = answer.low_meets;
  auto midpoint = [&](double a, double b) {
    if (key.whole) return std::floor((a + b) / 2.0);
    return key.log_scale ? std::sqrt(a * b) : (a + b) / 2.0;
  };
  for (int step = 0; step < problem.steps || key.whole; ++step) {
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
  answer.meets = *std::find_if(evaluations.begin(), evaluations.end(), [&](const SolveEvaluation& e) { return e.x == meets_at; });
  answer.misses_text = range_value_text(misses_at, key);
  // With the target inside an interval next to the crossing, the side it is on is not sure.
  for (const auto& e : evaluations) {
    if ((e.x == meets_at || e.x == misses_at) && e.metric.summary.contains(target.bound)) answer.ci_straddles = true;
  }
  // A metric that does not move one way with the key makes the answer unreliable: say so.
  std::vector<SolveEvaluation> sorted = evaluations;
  std::sort(sorted.begin(), sorted.end(), [](const SolveEvaluation& a, const SolveEvaluation& b) { return a.x < b.x; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].meets != sorted[i - 1].meets && i + 1 < sorted.size() && sorted[i + 1].meets != sorted[i].meets) {
      answer.monotone = false;
    }
  }
  return answer;
}

}  // namespace cisim
