// SPDX-License-Identifier: MIT
// cisim._cisim: the C++ core for Python (pybind11). The Python package (python/cisim/) wraps it:
// scenarios as paths, YAML text or dicts, `set` as a dict, columns as NumPy arrays, pandas.
// Every number and every text here comes from the same functions the CLI uses, so the
// module's JSON, CSV and tables are byte-identical to the CLI's.
#include <atomic>
#include <chrono>
#include <cmath>
#include <future>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "cisim/model/customs_model.hpp"
#include "cisim/report/comparison.hpp"
#include "cisim/report/html_report.hpp"
#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/report/output_files.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/sweep/calibration.hpp"
#include "cisim/sweep/solver.hpp"
#include "cisim/version.hpp"

namespace py = pybind11;

namespace cisim::python {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

py::array_t<double> doubles(const std::vector<double>& v) { return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data()); }
py::array_t<long long> integers(const std::vector<long long>& v) {
  return py::array_t<long long>(static_cast<py::ssize_t>(v.size()), v.data());
}

py::list diagnostics(const std::vector<Diagnostic>& list) {
  py::list out;
  for (const Diagnostic& d : list) {
    py::dict item;
    item["severity"] = d.severity == Severity::Error ? "error" : "warning";
    item["file"] = d.where.file;
    item["line"] = d.where.line;
    item["column"] = d.where.column;
    item["key"] = d.key;
    item["message"] = d.message;
    item["text"] = format_diagnostic(d);
    out.append(item);
  }
  return out;
}

LoadedScenario load(const std::string& scenario, bool is_text, const std::vector<std::string>& sets) {
  return is_text ? load_scenario_text(scenario, "<python>", sets) : load_scenario(scenario, sets);
}

// Does `work` (which runs with `options`) with the GIL released, on a worker thread, while
// this thread watches for Ctrl-C every 100 ms: on a signal no further replication starts,
// the running ones finish, and Python's KeyboardInterrupt is raised.
template <class Work>
auto releasing_gil(RunOptions& options, Work work) {
  std::atomic<bool> stop{false};
  options.stop = &stop;
  bool interrupted = false;
  std::future<decltype(work(options))> future;
  {
    py::gil_scoped_release release;
    future = std::async(std::launch::async, [&options, &work] { return work(options); });
    while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        interrupted = true;
        stop = true;
        break;
      }
    }
    future.wait();
  }
  options.stop = nullptr;
  if (interrupted) throw py::error_already_set();
  return future.get();  // rethrows what the work threw
}

RunResults run_releasing_gil(const Scenario& scenario, RunOptions options) {
  return releasing_gil(options, [&scenario](const RunOptions& o) { return run_scenario(scenario, o); });
}

// The CLI's bounds on replications and threads (run.hpp), as Python's ValueError.
RunOptions options_of(std::optional<int> replications, std::optional<std::uint64_t> seed, int threads) {
  if (replications && (*replications < 1 || *replications > max_replications())) {
    throw py::value_error(fmt::format("replications: expected 1 to {}, found {}", max_replications(), *replications));
  }
  if (threads < 1 || threads > max_threads()) {
    throw py::value_error(fmt::format("threads: expected 1 to {} on this machine, found {}", max_threads(), threads));
  }
  RunOptions o;
  o.replications = replications;
  o.seed = seed;
  o.threads = threads;
  return o;
}

// Mean, sd, 95% CI bounds (NaN without) and n of many summaries, as columns.
struct SummaryColumns {
  std::vector<double> mean, sd, low, high;
  std::vector<long long> n;
  void add(const ReplicationSummary& s) {
    mean.push_back(s.mean);
    sd.push_back(s.sd);
    low.push_back(s.low().value_or(kMissing));
    high.push_back(s.high().value_or(kMissing));
    n.push_back(static_cast<long long>(s.n));
  }
  void into(py::dict& d) const {
    d["mean"] = doubles(mean);
    d["sd"] = doubles(sd);
    d["ci95_low"] = doubles(low);
    d["ci95_high"] = doubles(high);
    d["n"] = integers(n);
  }
};

// Which metric of which scope each row is: scope, scope_name, metric, unit, as columns.
struct MetricKeyColumns {
  std::vector<std::string> scope, name, metric, unit;
  void add(const std::string& scope_kind, const std::string& scope_name, const std::string& metric_name, const std::string& metric_unit) {
    scope.push_back(scope_kind);
    name.push_back(scope_name);
    metric.push_back(metric_name);
    unit.push_back(metric_unit);
  }
  void into(py::dict& d) const {
    d["scope"] = scope;
    d["scope_name"] = name;
    d["metric"] = metric;
    d["unit"] = unit;
  }
};

// A finished run: its report, and its columns for the Python side.
struct RunResult {
  Report report;
  std::vector<Diagnostic> warnings;

  py::dict summary() const {
    MetricKeyColumns keys;
    SummaryColumns columns;
    for (const auto& m : report.metrics) {
      keys.add(m.scope, m.scope_name, m.metric, m.unit);
      columns.add(m.summary);
    }
    py::dict d;
    keys.into(d);
    columns.into(d);
    return d;
  }

  py::dict per_replication() const {
    std::vector<long long> replication;
    MetricKeyColumns keys;
    std::vector<double> value;
    for (int r = 0; r < report.replications; ++r) {
      for (const auto& m : report.metrics) {
        replication.push_back(r);
        keys.add(m.scope, m.scope_name, m.metric, m.unit);
        value.push_back(m.values[static_cast<std::size_t>(r)]);
      }
    }
    py::dict d;
    d["replication"] = integers(replication);
    keys.into(d);
    d["value"] = doubles(value);
    return d;
  }

  py::dict daily() const {
    std::vector<std::string> date, facility, metric, unit;
    std::vector<long long> day;
    std::vector<bool> partial;
    SummaryColumns columns;
    for (const auto& d : report.daily) {
      date.push_back(d.date);
      day.push_back(static_cast<long long>(d.day));
      partial.push_back(d.partial);
      facility.push_back(d.facility);
      metric.push_back(d.metric);
      unit.push_back(d.unit);
      columns.add(d.summary);
    }
    py::dict out;
    out["date"] = date;
    out["day"] = integers(day);
    out["partial_day"] = partial;
    out["facility"] = facility;
    out["metric"] = metric;
    out["unit"] = unit;
    columns.into(out);
    return out;
  }
};

py::tuple check(const std::string& scenario, bool is_text, const std::vector<std::string>& sets) {
  const LoadedScenario loaded = load(scenario, is_text, sets);
  return py::make_tuple(loaded.scenario.has_value(), diagnostics(loaded.diagnostics));
}

py::object run(const std::string& scenario, bool is_text, const std::vector<std::string>& sets, std::optional<int> replications,
               std::optional<std::uint64_t> seed, int threads) {
  const LoadedScenario loaded = load(scenario, is_text, sets);
  if (!loaded.scenario) return py::make_tuple(false, diagnostics(loaded.diagnostics));
  const RunResults results = run_releasing_gil(*loaded.scenario, options_of(replications, seed, threads));
  RunResult out{make_report(loaded, results), loaded.diagnostics};
  return py::make_tuple(true, py::cast(std::move(out)));
}

py::object compare(const std::string& base, bool base_is_text, const std::string& alt, bool alt_is_text,
                   const std::vector<std::string>& base_sets, const std::vector<std::string>& alt_sets, std::optional<int> replications,
                   std::optional<std::uint64_t> seed, int threads) {
  const LoadedScenario b = load(base, base_is_text, base_sets);
  const LoadedScenario a = load(alt, alt_is_text, alt_sets);
  if (!b.scenario || !a.scenario) {
    py::list all = diagnostics(b.diagnostics);
    for (auto item : diagnostics(a.diagnostics)) all.append(item);
    return py::make_tuple(false, all);
  }
  // One seed and one number of replications for both, so replication r pairs with r (as the CLI).
  RunOptions options = options_of(replications, seed, threads);
  options.seed = options.seed.value_or(b.scenario->seed);
  options.replications = options.replications.value_or(b.scenario->replications);
  if (*options.replications < 2) throw py::value_error("compare needs at least 2 replications for confidence intervals");
  const RunResults base_results = run_releasing_gil(*b.scenario, options);
  const RunResults alt_results = run_releasing_gil(*a.scenario, options);
  return py::make_tuple(true, py::cast(compare_reports(make_report(b, base_results), make_report(a, alt_results))));
}

py::dict differences(const Comparison& c) {
  MetricKeyColumns keys;
  std::vector<double> base, alt, diff, low, high, unpaired;
  std::vector<bool> significant;
  for (const auto& m : c.metrics) {
    keys.add(m.scope, m.scope_name, m.metric, m.unit);
    base.push_back(m.base.mean);
    alt.push_back(m.alt.mean);
    diff.push_back(m.difference.mean);
    low.push_back(m.difference.low().value_or(kMissing));
    high.push_back(m.difference.high().value_or(kMissing));
    unpaired.push_back(m.unpaired_half_width.value_or(kMissing));
    significant.push_back(m.significant());
  }
  py::dict d;
  keys.into(d);
  d["base_mean"] = doubles(base);
  d["alt_mean"] = doubles(alt);
  d["difference"] = doubles(diff);
  d["ci95_low"] = doubles(low);
  d["ci95_high"] = doubles(high);
  d["unpaired_half_width"] = doubles(unpaired);
  d["significant"] = significant;
  return d;
}

// A calibration (sweep/calibration.hpp) with the CLI's option texts; returns (True, the
// CLI's JSON) or (False, diagnostics) for a scenario with errors. Bad options are ValueErrors.
py::tuple calibrate_scenario(const std::string& scenario, bool is_text, const std::vector<std::string>& sets,
                             const std::vector<std::string>& vary, const std::vector<std::string>& start,
                             const std::vector<std::string>& targets, const std::string& algorithm, int max_evaluations,
                             double key_tolerance, bool until_met, std::optional<int> replications,
                             std::optional<std::uint64_t> seed, int threads, std::optional<std::string> out) {
  CalibrationProblem problem;
  for (const auto& v : vary) {
    auto key = parse_calibration_range(v);
    if (!key.value) throw py::value_error(key.error);
    problem.keys.push_back(*key.value);
  }
  if (problem.keys.empty()) throw py::value_error("vary: at least one key to fit, such as {'prevalence_scale.counterfeit': (0.2, 3)}");
  for (const auto& s : start) {
    if (const auto error = set_start(problem, s); !error.empty()) throw py::value_error(error);
  }
  for (const auto& t : targets) {
    auto target = parse_calibration_target(t);
    if (!target.value) throw py::value_error(target.error);
    problem.targets.push_back(*target.value);
  }
  if (problem.targets.empty()) throw py::value_error("targets: at least one, such as 'counterfeit_rate@blitz:all=5.1%±0.2%'");
  const auto chosen = calibration_algorithm(algorithm);
  if (!chosen) {
    throw py::value_error(fmt::format("algorithm: expected {}, found '{}'", fmt::join(calibration_algorithm_names(), ", "), algorithm));
  }
  problem.algorithm = *chosen;
  if (max_evaluations < 1 || max_evaluations > kMaxCalibrationEvaluations) {
    throw py::value_error(fmt::format("max_evaluations: expected 1 to {}, found {}", kMaxCalibrationEvaluations, max_evaluations));
  }
  problem.max_evaluations = max_evaluations;
  if (!(key_tolerance > 0.0 && key_tolerance < 1.0)) {
    throw py::value_error(fmt::format("key_tolerance: a share of each range between 0 and 1, found {}", key_tolerance));
  }
  problem.key_tolerance = key_tolerance;
  problem.stop_when_met = until_met;
  problem.sets = sets;
  if (out && is_text) throw py::value_error("out: the fitted file includes the scenario, so the scenario must be a file path");
  const LoadedScenario base = load(scenario, is_text, sets);
  if (!base.scenario) return py::make_tuple(false, diagnostics(base.diagnostics));
  RunOptions options = options_of(replications, seed, threads);
  const auto loader = [&](const std::vector<std::string>& s) { return load(scenario, is_text, s); };
  CalibrationAnswer answer;
  try {
    answer = releasing_gil(options, [&](const RunOptions& o) { return calibrate(problem, loader, o); });
  } catch (const SolveError& e) {
    if (!e.diagnostics().empty()) return py::make_tuple(false, diagnostics(e.diagnostics()));
    throw py::value_error(e.what());
  }
  if (out) write_file_atomically(*out, fitted_scenario_text(*out, scenario, problem, answer, options, ""));
  return py::make_tuple(true, calibration_json(problem, answer));
}

}  // namespace
}  // namespace cisim::python

PYBIND11_MODULE(_cisim, m) {
  using namespace cisim;
  using namespace cisim::python;
  m.doc() = "cisim's C++ core; use the cisim package, not this module";
  m.attr("__version__") = kVersion;
  py::register_exception<RunBudgetError>(m, "RunBudgetError", PyExc_ValueError);
  m.def("max_replications", &max_replications, "the most replications a run takes (the schema's bound)");
  m.def("max_threads", &max_threads, "the most threads a run takes on this machine");
  py::register_exception<ConservationError>(m, "SimulationError", PyExc_RuntimeError);

  py::class_<RunResult>(m, "RunResult")
      .def_property_readonly("run_id", [](const RunResult& r) { return r.report.run_id; })
      .def_property_readonly("seed", [](const RunResult& r) { return r.report.seed; })
      .def_property_readonly("replications", [](const RunResult& r) { return r.report.replications; })
      .def_property_readonly("scenario_name", [](const RunResult& r) { return r.report.scenario_name; })
      .def_property_readonly("content_hash", [](const RunResult& r) { return r.report.content_hash; })
      .def_property_readonly("simulation", [](const RunResult& r) { return r.report.simulation; })
      .def_property_readonly("counted_by_class_share", [](const RunResult& r) { return r.report.counted_by_class; })
      .def_property_readonly("measured_from", [](const RunResult& r) { return r.report.measured_from; })
      .def_property_readonly("measured_to", [](const RunResult& r) { return r.report.measured_to; })
      .def_property_readonly("warnings", [](const RunResult& r) { return r.report.warnings; })
      .def_property_readonly("scenario_warnings", [](const RunResult& r) { return diagnostics(r.warnings); })
      .def("summary_columns", &RunResult::summary)
      .def("replication_columns", &RunResult::per_replication)
      .def("daily_columns", &RunResult::daily)
      .def("table", [](const RunResult& r, bool markdown) { return format_table(r.report, markdown ? TableStyle::Markdown : TableStyle::Text); },
           py::arg("markdown") = false)
      .def("json", [](const RunResult& r) { return format_json(r.report); })
      .def("summary_csv", [](const RunResult& r) { return format_summary_csv(r.report); })
      .def("metrics_csv", [](const RunResult& r) { return format_metrics_csv(r.report); })
      .def("timeseries_csv", [](const RunResult& r) { return format_timeseries_csv(r.report); })
      .def("html", [](const RunResult& r) { return format_html_report(r.report); });

  py::class_<Comparison>(m, "Comparison")
      .def_property_readonly("base_run_id", [](const Comparison& c) { return c.base.run_id; })
      .def_property_readonly("alt_run_id", [](const Comparison& c) { return c.alt.run_id; })
      .def("difference_columns", &differences)
      .def("table", [](const Comparison& c, bool markdown) { return format_comparison_table(c, markdown ? TableStyle::Markdown : TableStyle::Text); },
           py::arg("markdown") = false)
      .def("json", [](const Comparison& c) { return format_comparison_json(c); })
      .def("csv", [](const Comparison& c) { return format_comparison_csv(c); })
      .def("html", [](const Comparison& c) { return format_html_comparison(c); });

  m.def("check", &check, py::arg("scenario"), py::arg("is_text"), py::arg("sets"));
  m.def("run", &run, py::arg("scenario"), py::arg("is_text"), py::arg("sets"), py::arg("replications"), py::arg("seed"),
        py::arg("threads"));
  m.def("calibrate", &calibrate_scenario, py::arg("scenario"), py::arg("is_text"), py::arg("sets"), py::arg("vary"), py::arg("start"),
        py::arg("targets"), py::arg("algorithm"), py::arg("max_evaluations"), py::arg("key_tolerance"), py::arg("until_met"),
        py::arg("replications"), py::arg("seed"), py::arg("threads"), py::arg("out"));
  m.def("compare", &compare, py::arg("base"), py::arg("base_is_text"), py::arg("alt"), py::arg("alt_is_text"), py::arg("base_sets"),
        py::arg("alt_sets"), py::arg("replications"), py::arg("seed"), py::arg("threads"));
}
