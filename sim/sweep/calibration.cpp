// SPDX-License-Identifier: MIT
// calibrate: target parsing, the objective over full runs of the scenario, and NLopt's search.
#include "cisim/sweep/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <filesystem>
#include <map>
#include <utility>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <nlopt.h>

#include "cisim/report/json_estimate.hpp"
#include "cisim/report/number_format.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/scenario_overlay.hpp"
#include "cisim/sweep/solver.hpp"

namespace cisim {

Parsed<CalibrationTarget> parse_calibration_target(const std::string& spec) {
  const std::string form = "METRIC[@SCOPE]=VALUE±TOLERANCE (for example 'counterfeit_rate@blitz:all=5.1%±0.2%')";
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    return Parsed<CalibrationTarget>::fail(fmt::format("--target expects {}, found '{}'", form, spec));
  }
  CalibrationTarget t;
  t.text = spec;
  std::string left = spec.substr(0, eq);
  if (const auto at = left.find('@'); at != std::string::npos) {
    const std::string scope = left.substr(at + 1);
    left.resize(at);
    const auto colon = scope.find(':');
    t.scope = scope.substr(0, colon);
    t.scope_name = colon == std::string::npos ? "all" : scope.substr(colon + 1);
    if (t.scope.empty() || t.scope_name.empty()) {
      return Parsed<CalibrationTarget>::fail(fmt::format("--target {}: the scope after '@' is empty; write it as in --scope "
                                                         "(run, facility:ID, blitz:all, ...)", spec));
    }
  }
  if (left.empty()) return Parsed<CalibrationTarget>::fail(fmt::format("--target {}: no metric before '=' or '@'", spec));
  t.metric = left;
  const std::string right = spec.substr(eq + 1);
  // "±" is two bytes in UTF-8; "+-" is the same for keyboards and shells without it.
  const std::size_t pm_size = 2;  // both spellings are two bytes
  std::size_t pm = right.find("±");
  if (pm == std::string::npos) pm = right.find("+-");
  if (pm == std::string::npos || pm == 0 || pm + pm_size >= right.size()) {
    return Parsed<CalibrationTarget>::fail(
        fmt::format("--target {}: expected VALUE±TOLERANCE after '=' (a tolerance is needed: it says when the target is met "
                    "and how misses of different metrics weigh), found '{}'", spec, right));
  }
  const auto value = parse_metric_value(t.metric, right.substr(0, pm), "--target " + spec);
  if (!value.value) return Parsed<CalibrationTarget>::fail(value.error);
  const auto tolerance = parse_metric_value(t.metric, right.substr(pm + pm_size), "--target " + spec);
  if (!tolerance.value) return Parsed<CalibrationTarget>::fail(tolerance.error);
  if (!(*tolerance.value > 0.0) || !std::isfinite(*tolerance.value) || !std::isfinite(*value.value)) {
    return Parsed<CalibrationTarget>::fail(
        fmt::format("--target {}: the tolerance must be a finite number above 0, found '{}'", spec, right.substr(pm + pm_size)));
  }
  t.value = *value.value;
  t.tolerance = *tolerance.value;
  return Parsed<CalibrationTarget>::ok(std::move(t));
}

Parsed<VariedKey> parse_calibration_range(const std::string& vary) {
  auto range = parse_range_argument(vary, "calibrate", "KEY=LO:HI or KEY=LO:HI:log");
  if (!range.value) return range;
  if (range.value->low >= range.value->high) {
    return Parsed<VariedKey>::fail(fmt::format("--vary {}: the low bound must be below the high bound", vary));
  }
  return range;
}

std::string set_start(CalibrationProblem& problem, const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return fmt::format("--start expects KEY=VALUE, found '{}'", text);
  const std::string key = text.substr(0, eq);
  const auto& keys = problem.keys;
  const auto it = std::find_if(keys.begin(), keys.end(), [&](const VariedKey& k) { return k.key == key; });
  if (it == keys.end()) {
    std::vector<std::string> names;
    for (const auto& k : keys) names.push_back(k.key);
    return fmt::format("--start {}: '{}' is not a --vary key{}", text, key, did_you_mean_suffix(key, names));
  }
  const std::string value = text.substr(eq + 1);
  const auto point = parse_vary(key + "=" + value + ":" + value + ":2");
  if (!point.value || point.value->unit != it->unit) {
    return fmt::format("--start {}: expected a number in the unit of --vary {} ('{}'), found '{}'", text, key,
                       it->unit.empty() ? std::string{"no unit"} : it->unit, value);
  }
  if (point.value->low < it->low || point.value->low > it->high) {
    return fmt::format("--start {}: outside the range {} to {} given by --vary", text, it->values.front(), it->values.back());
  }
  problem.start.resize(keys.size());
  problem.start[static_cast<std::size_t>(it - keys.begin())] = point.value->low;
  return {};
}

namespace {

// problem.sets, then each key at its text: the --set arguments of one evaluation.
std::vector<std::string> set_arguments_at(const CalibrationProblem& problem, const std::vector<std::string>& texts) {
  auto sets = problem.sets;
  for (std::size_t i = 0; i < problem.keys.size(); ++i) sets.push_back(problem.keys[i].key + "=" + texts[i]);
  return sets;
}

struct AlgorithmName {
  CalibrationAlgorithm algorithm;
  const char* option;
  const char* name;
  nlopt_algorithm nlopt;
};

constexpr AlgorithmName kAlgorithms[] = {
    {CalibrationAlgorithm::Bobyqa, "bobyqa", "BOBYQA", NLOPT_LN_BOBYQA},
    {CalibrationAlgorithm::Cobyla, "cobyla", "COBYLA", NLOPT_LN_COBYLA},
    {CalibrationAlgorithm::NelderMead, "neldermead", "Nelder-Mead", NLOPT_LN_NELDERMEAD},
    {CalibrationAlgorithm::Subplex, "sbplx", "Subplex", NLOPT_LN_SBPLX},
};

const AlgorithmName& entry(CalibrationAlgorithm a) {
  return *std::find_if(std::begin(kAlgorithms), std::end(kAlgorithms), [a](const AlgorithmName& n) { return n.algorithm == a; });
}

// A key's value at u in [0, 1] of its range, and back.
double key_at(const VariedKey& k, double u) {
  u = std::clamp(u, 0.0, 1.0);
  const double x = k.log_scale ? k.low * std::pow(k.high / k.low, u) : k.low + u * (k.high - k.low);
  return k.whole ? std::round(x) : x;
}
double unit_of(const VariedKey& k, double x) {
  if (k.high == k.low) return 0.0;
  const double u = k.log_scale ? std::log(x / k.low) / std::log(k.high / k.low) : (x - k.low) / (k.high - k.low);
  return std::clamp(u, 0.0, 1.0);
}

std::string stop_reason(nlopt_result r, bool budget, bool met) {
  if (met) return "every target met (--until-met)";
  if (budget) return "the evaluation budget was spent (--max-evaluations)";
  switch (r) {
    case NLOPT_SUCCESS: return "the optimizer converged";
    case NLOPT_XTOL_REACHED: return "the keys moved less than the key tolerance (--key-tolerance)";
    case NLOPT_FTOL_REACHED: return "the objective stopped improving";
    case NLOPT_STOPVAL_REACHED: return "the objective reached its floor";
    case NLOPT_MAXEVAL_REACHED: return "the evaluation budget was spent (--max-evaluations)";
    case NLOPT_ROUNDOFF_LIMITED: return "rounding limited the search (the objective is flat or noisy at this scale)";
    default: return fmt::format("NLopt stopped with code {}", static_cast<int>(r));
  }
}

struct Search {
  const CalibrationProblem& problem;
  const std::function<LoadedScenario(const std::vector<std::string>&)>& load;
  const RunOptions& run_options;
  const std::function<void(const CalibrationEvaluation&)>& on_evaluation;
  CalibrationAnswer answer;
  std::map<std::vector<std::string>, std::size_t> seen;  // key texts -> evaluation, so a repeated point runs once
  std::exception_ptr failure;
  bool budget_spent = false;
  bool met = false;
  nlopt_opt opt = nullptr;

  // The keys' values at u, rounded as scenario text: two points with the same texts are one point.
  CalibrationEvaluation point_at(const double* u) const {
    CalibrationEvaluation e;
    for (std::size_t i = 0; i < problem.keys.size(); ++i) {
      e.x.push_back(key_at(problem.keys[i], u[i]));
      e.texts.push_back(range_value_text(e.x.back(), problem.keys[i]));
    }
    return e;
  }

  const CalibrationEvaluation& evaluate(CalibrationEvaluation e) {
    const auto& keys = problem.keys;
    LoadedScenario loaded = load(set_arguments_at(problem, e.texts));
    if (!loaded.scenario) {
      std::string values;
      for (std::size_t i = 0; i < keys.size(); ++i) values += fmt::format("{}{} = {}", i ? ", " : "", keys[i].key, e.texts[i]);
      throw SolveError{fmt::format("{} does not give a valid scenario", values), std::move(loaded.diagnostics)};
    }
    const Report report = make_report(loaded, run_scenario(*loaded.scenario, run_options));
    e.all_met = true;
    for (const CalibrationTarget& t : problem.targets) {
      const std::string where = "--target " + t.text;
      e.metrics.push_back(metric_or_error(report, t.scope, t.scope_name, t.metric, where, where));
      const double miss = (e.metrics.back().summary.mean - t.value) / t.tolerance;
      e.objective += miss * miss;
      e.all_met = e.all_met && target_met(t, e.metrics.back());
    }
    seen.emplace(e.texts, answer.evaluations.size());
    answer.evaluations.push_back(std::move(e));
    const CalibrationEvaluation& done = answer.evaluations.back();
    if (done.objective < answer.evaluations[answer.best].objective) answer.best = answer.evaluations.size() - 1;
    if (on_evaluation) on_evaluation(done);
    return done;
  }

  static double objective(unsigned, const double* u, double*, void* data) {
    auto& s = *static_cast<Search*>(data);
    ++s.answer.optimizer_calls;
    try {
      CalibrationEvaluation point = s.point_at(u);
      const auto it = s.seen.find(point.texts);
      if (it != s.seen.end()) return s.answer.evaluations[it->second].objective;
      if (static_cast<int>(s.answer.evaluations.size()) >= s.problem.max_evaluations) {
        s.budget_spent = true;
        nlopt_force_stop(s.opt);
        return HUGE_VAL;
      }
      const CalibrationEvaluation& e = s.evaluate(std::move(point));
      if (e.all_met && s.problem.stop_when_met) {
        s.met = true;
        nlopt_force_stop(s.opt);
      }
      return e.objective;
    } catch (...) {
      s.failure = std::current_exception();
      nlopt_force_stop(s.opt);
      return HUGE_VAL;
    }
  }
};

}  // namespace

std::optional<CalibrationAlgorithm> calibration_algorithm(const std::string& name) {
  for (const auto& a : kAlgorithms) {
    if (name == a.option) return a.algorithm;
  }
  return std::nullopt;
}

std::vector<std::string> calibration_algorithm_names() {
  std::vector<std::string> names;
  for (const auto& a : kAlgorithms) names.emplace_back(a.option);
  return names;
}

std::string algorithm_name(CalibrationAlgorithm a) { return entry(a).name; }

bool target_met(const CalibrationTarget& t, const MetricSummary& m) {
  return std::fabs(m.summary.mean - t.value) <= t.tolerance;
}

TargetVerdict target_verdict(const CalibrationTarget& t, const MetricSummary& m) {
  if (!target_met(t, m)) return TargetVerdict::Missed;
  const auto& ci = m.summary;
  if (ci.half_width && ci.mean - *ci.half_width >= t.value - t.tolerance && ci.mean + *ci.half_width <= t.value + t.tolerance) {
    return TargetVerdict::Met;
  }
  return TargetVerdict::MetByMean;
}

std::optional<int> replications_to_show(const CalibrationTarget& t, const MetricSummary& m) {
  const double room = t.tolerance - std::fabs(m.summary.mean - t.value);
  return m.summary.replications_for(room);
}

std::string verdict_text(const CalibrationTarget& t, const MetricSummary& m) {
  switch (target_verdict(t, m)) {
    case TargetVerdict::Met:
      return "met";
    case TargetVerdict::Missed:
      return "MISSED";
    case TargetVerdict::MetByMean:
      break;
  }
  if (!m.summary.half_width) return "met by the mean (one replication: no interval)";
  if (const auto n = replications_to_show(t, m)) return fmt::format("met by the mean (about {} replications would show it)", *n);
  return "met by the mean (its CI reaches past the tolerance)";
}

CalibrationAnswer calibrate(const CalibrationProblem& problem,
                            const std::function<LoadedScenario(const std::vector<std::string>& set_arguments)>& load,
                            const RunOptions& run_options, const std::function<void(const CalibrationEvaluation&)>& on_evaluation) {
  const unsigned n = static_cast<unsigned>(problem.keys.size());
  Search s{problem, load, run_options, on_evaluation, {}, {}, nullptr, false, false, nullptr};
  std::vector<double> u(n);
  for (unsigned i = 0; i < n; ++i) {
    const auto start = i < problem.start.size() ? problem.start[i] : std::nullopt;
    u[i] = start ? unit_of(problem.keys[i], *start) : 0.5;
  }
  // BOBYQA needs two keys at least (its quadratic model); for one key Subplex is as good.
  nlopt_algorithm algorithm = entry(problem.algorithm).nlopt;
  if (n == 1 && algorithm == NLOPT_LN_BOBYQA) algorithm = NLOPT_LN_SBPLX;
  const std::vector<double> zero(n, 0.0);
  const std::vector<double> one(n, 1.0);
  // A local optimizer's trust region can collapse short of the targets where the objective
  // is rough at small scales (common random numbers make it deterministic, not smooth: a
  // shipment whose violation flips shifts the draws after it). So a search that converges
  // with a target missed starts again from its best point with a smaller first step, while
  // the budget lasts: at most kRestarts times, and only when the last search improved.
  constexpr int kRestarts = 3;
  nlopt_result result = NLOPT_SUCCESS;
  double first_step = 0.2;
  for (int attempt = 0; attempt <= kRestarts; ++attempt) {
    s.opt = nlopt_create(algorithm, n);
    nlopt_set_lower_bounds(s.opt, zero.data());
    nlopt_set_upper_bounds(s.opt, one.data());
    nlopt_set_min_objective(s.opt, &Search::objective, &s);
    nlopt_set_xtol_abs1(s.opt, problem.key_tolerance);
    // A first step of a fifth of each range: far enough that the first points differ in
    // their results beyond the noise; nearer a bound, smaller, since BOBYQA would otherwise
    // move the start away from that bound by the step.
    std::vector<double> step(n);
    for (unsigned i = 0; i < n; ++i) step[i] = std::clamp(std::min(u[i], 1.0 - u[i]), 0.02, first_step);
    nlopt_set_initial_step(s.opt, step.data());
    // Repeated points cost nothing (they are looked up), so the optimizer may ask for more
    // points than are run; the run budget is enforced in the objective.
    nlopt_set_maxeval(s.opt, 20 * problem.max_evaluations + 100);
    const double before = s.answer.evaluations.empty() ? HUGE_VAL : s.answer.fitted().objective;
    double value = 0.0;
    result = nlopt_optimize(s.opt, u.data(), &value);
    nlopt_destroy(s.opt);
    if (s.failure) std::rethrow_exception(s.failure);
    if (s.answer.evaluations.empty()) {
      throw SolveError{fmt::format("NLopt stopped before any evaluation (code {})", static_cast<int>(result))};
    }
    const CalibrationEvaluation& best = s.answer.fitted();
    if (best.all_met || s.budget_spent || s.met || !(best.objective < before)) break;
    for (unsigned i = 0; i < n; ++i) u[i] = unit_of(problem.keys[i], best.x[i]);
    first_step /= 2.0;
    ++s.answer.restarts;
  }
  s.answer.stop_reason = stop_reason(result, s.budget_spent, s.met);
  if (s.answer.restarts > 0) {
    s.answer.stop_reason += fmt::format(", after {} restart{} from the best point", s.answer.restarts, s.answer.restarts == 1 ? "" : "s");
  }
  return std::move(s.answer);
}

std::vector<std::string> fitted_set_arguments(const CalibrationProblem& problem, const CalibrationAnswer& answer) {
  return set_arguments_at(problem, answer.fitted().texts);
}

std::string fitted_scenario_text(const std::string& out_path, const std::string& scenario_path, const CalibrationProblem& problem,
                                 const CalibrationAnswer& answer, const RunOptions& run_options, const std::string& command_line) {
  namespace fs = std::filesystem;
  const LoadedScenario base = load_scenario(scenario_path);
  const std::string name = (base.scenario ? base.scenario->name : std::string{"scenario"}) + "_calibrated";
  std::vector<std::string> sets = fitted_set_arguments(problem, answer);
  sets.push_back("name=" + name);
  // The replications and seed of the fit, when they were chosen for it: running the file
  // then gives the numbers its header quotes.
  if (run_options.replications) sets.push_back(fmt::format("replications={}", *run_options.replications));
  if (run_options.seed) sets.push_back(fmt::format("seed={}", *run_options.seed));
  const LoadedScenario fitted = load_scenario(scenario_path, sets);
  if (!fitted.scenario) throw SolveError{"the fitted values do not load as a scenario", fitted.diagnostics};
  std::string header = fmt::format("{}: {} fitted by cisim calibrate ({}, {} evaluations; {}).\n", name, scenario_path,
                                   algorithm_name(problem.algorithm), answer.evaluations.size(), answer.stop_reason);
  if (!command_line.empty()) header += "command: " + command_line + "\n";
  for (std::size_t i = 0; i < problem.targets.size(); ++i) {
    const auto& t = problem.targets[i];
    const auto& m = answer.fitted().metrics[i];
    header += fmt::format("target {}: simulated {} (95% CI), {}\n", t.text,
                          format_estimate(m.summary.mean, m.summary.half_width, m.unit), verdict_text(t, m));
  }
  const fs::path out_dir = fs::absolute(fs::path(out_path)).parent_path();
  const fs::path absolute_base = fs::absolute(fs::path(scenario_path));
  const std::string relative = fs::relative(absolute_base, out_dir).generic_string();
  // The check loads the overlay with its include made absolute (text loads resolve includes
  // from the current directory); the file keeps the relative path, so the two move together.
  const LoadedScenario check = load_scenario_text(scenario_overlay(absolute_base.string(), sets, header), out_path);
  if (check.scenario && check.effective_text == fitted.effective_text) {
    // A relative include keeps a project's files movable together; one that climbs out of
    // unrelated directories ("../../work/...") reads better absolute.
    const bool near = !relative.empty() && !relative.starts_with("../../");
    return scenario_overlay(near ? relative : absolute_base.string(), sets, header);
  }
  return comment_lines(header) + fitted.effective_text;
}

namespace {

// For a target met by the mean only, the replications that would show it; null otherwise, or
// when none would (the mean on the tolerance's edge).
nlohmann::ordered_json replications_json(const CalibrationTarget& t, const MetricSummary& m) {
  if (target_verdict(t, m) != TargetVerdict::MetByMean) return nullptr;
  const auto n = replications_to_show(t, m);
  return n ? nlohmann::ordered_json(*n) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string calibration_json(const CalibrationProblem& problem, const CalibrationAnswer& answer) {
  using nlohmann::ordered_json;
  auto key_values = [&](const CalibrationEvaluation& e) {
    ordered_json values = ordered_json::object();
    for (std::size_t i = 0; i < problem.keys.size(); ++i) values[problem.keys[i].key] = {{"text", e.texts[i]}, {"value", e.x[i]}};
    return values;
  };
  ordered_json j;
  j["algorithm"] = algorithm_name(problem.algorithm);
  ordered_json keys = ordered_json::array();
  for (const auto& k : problem.keys) {
    keys.push_back({{"key", k.key}, {"low", k.values.front()}, {"high", k.values.back()}, {"log", k.log_scale}});
  }
  j["keys"] = keys;
  const CalibrationEvaluation& fitted = answer.fitted();
  j["fitted"] = key_values(fitted);
  ordered_json targets = ordered_json::array();
  for (std::size_t i = 0; i < problem.targets.size(); ++i) {
    const auto& t = problem.targets[i];
    targets.push_back({{"text", t.text},
                       {"metric", t.metric},
                       {"scope", t.scope},
                       {"scope_name", t.scope_name},
                       {"value", t.value},
                       {"tolerance", t.tolerance},
                       {"simulated", estimate_json(fitted.metrics[i])},
                       {"met", target_verdict(t, fitted.metrics[i]) == TargetVerdict::Met},
                       {"met_by_mean", target_met(t, fitted.metrics[i])},
                       {"replications_to_show", replications_json(t, fitted.metrics[i])}});
  }
  j["targets"] = targets;
  bool all_shown = true;
  for (std::size_t i = 0; i < problem.targets.size(); ++i) {
    all_shown = all_shown && target_verdict(problem.targets[i], fitted.metrics[i]) == TargetVerdict::Met;
  }
  j["all_met"] = all_shown;
  j["all_met_by_mean"] = fitted.all_met;
  j["objective"] = fitted.objective;
  j["evaluations_run"] = answer.evaluations.size();
  j["optimizer_calls"] = answer.optimizer_calls;
  j["restarts"] = answer.restarts;
  j["stop_reason"] = answer.stop_reason;
  ordered_json evaluations = ordered_json::array();
  for (const auto& e : answer.evaluations) {
    ordered_json means = ordered_json::array();
    for (const auto& m : e.metrics) means.push_back(m.summary.mean);
    evaluations.push_back({{"keys", key_values(e)}, {"means", means}, {"objective", e.objective}, {"all_met_by_mean", e.all_met}});
  }
  j["evaluations"] = evaluations;
  return j.dump(2) + "\n";
}

}  // namespace cisim
