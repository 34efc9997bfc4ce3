// SPDX-License-Identifier: MIT
// cisim run: a scenario's replications, reported as a table, CSV or JSON and optionally into files.
#include "commands.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/core.h>

#include "cisim/report/html_report.hpp"
#include "cisim/report/output_files.hpp"
#include "cisim/report/report.hpp"
#include "cisim/report/trace_file.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus run_command(const std::vector<std::string>& args) {
  po::options_description options("cisim run SCENARIO [options]\n\nRuns a scenario's replications and reports what inspectors "
                                  "measured (discrepancy and counterfeit rates\namong inspected shipments) beside the true "
                                  "rates of the traffic, seizures, duties, waits\nand officer workload, for the whole run, "
                                  "each facility, mode, selection reason and blitz\n(mean, sd and 95% CI over "
                                  "replications; docs/metrics.md).\n\noptions");
  options.add_options()("help,h", "print this help and exit");
  add_replication_options(options);
  add_exact_option(options);
  options.add_options()(
      "set", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE: override any scenario key by dotted path, e.g. facilities.jfk_imf.officers.count=12 (repeatable)")(
      "format,f", po::value<std::string>()->default_value("table"), "report on standard output: table, markdown, csv or json")(
      "out,o", po::value<std::string>(),
      "directory for summary.json, summary.csv, metrics.csv, timeseries.csv and timeseries_replications.csv (created if missing)")(
      "report", po::value<std::string>(), "FILE.html: a self-contained HTML report with charts (opens without a network)")(
      "trace", po::value<std::string>(), "FILE.csv: one record per inspected shipment after the warm-up (docs/cli.md, --trace)")(
      "trace-released", po::value<std::string>()->default_value("0%"),
      "share of shipments released uninspected also recorded in the trace, such as 1% or 0.01")(
      "trace-limit", po::value<long long>()->default_value(1000000),
      "most records in the trace, shared out among replications (at most 10,000,000)")(
      "quiet,q", "no progress line and no warnings (the report is still printed, except with --out or --report and no --format)")(
      "scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError{"missing SCENARIO: the scenario file to run"};
  const std::string format = choose(vm["format"].as<std::string>(), {"table", "markdown", "csv", "json"}, "format");
  const bool quiet = vm.count("quiet") > 0;
  RunOptions run_options = replication_options(vm, quiet);
  if (vm.count("trace")) {
    check_output_file(vm["trace"].as<std::string>(), "trace", {vm["scenario"].as<std::string>()});
    run_options.trace = trace_options(vm);
  } else if (!vm["trace-released"].defaulted() || !vm["trace-limit"].defaulted()) {
    throw UsageError{"--trace-released and --trace-limit need --trace FILE.csv"};
  }
  const auto sets = with_exact(vm, strings(vm, "set"));

  const LoadedScenario loaded = load_scenario(vm["scenario"].as<std::string>(), sets);
  print_diagnostics(loaded.diagnostics, quiet);
  if (!loaded.scenario) return ExitStatus::UsageError;
  // An output that cannot be written fails now, not after the run.
  if (vm.count("out")) check_output_directory(vm["out"].as<std::string>(), "out");
  if (vm.count("report")) check_output_file(vm["report"].as<std::string>(), "report", {loaded.path});

  RunResults results;
  try {
    results = run_scenario(*loaded.scenario, run_options);
  } catch (const ConservationError& e) {
    fmt::print(stderr, "cisim: simulation error: {}\n", e.what());
    return ExitStatus::SimulationError;
  }
  const Report report = make_report(loaded, results);
  // A finished run's results are not lost to one output that fails: each output is tried,
  // what was asked for on standard output first, and the failures are reported together.
  std::vector<std::string> failures;
  auto attempt = [&failures](const auto& write) {
    try {
      write();
    } catch (const std::exception& e) {
      failures.emplace_back(e.what());
    }
  };
  if (prints_report(vm)) {
    attempt([&] {
      if (format == "json") fmt::print("{}", format_json(report));
      else if (format == "csv") fmt::print("{}", format_summary_csv(report));
      else if (format == "markdown") fmt::print("{}", format_table(report, TableStyle::Markdown));
      else fmt::print("{}", format_table(report));
    });
    // The table carries the warnings; beside CSV or JSON on standard output they go to stderr.
    if (format != "table" && !quiet) {
      for (const auto& w : report.warnings) fmt::print(stderr, "cisim: warning: {}\n", w);
    }
  }
  attempt([&] {
    write_requested_outputs(
        vm, quiet,
        [&] {
          return NamedFiles{{"metrics.csv", format_metrics_csv(report)},
                            {"timeseries.csv", format_timeseries_csv(report)},
                            {"timeseries_replications.csv", format_timeseries_replications_csv(report)},
                            {"summary.csv", format_summary_csv(report)},
                            {"summary.json", format_json(report)}};
        },
        [&] { return format_html_report(report); });
  });
  if (vm.count("trace")) {
    attempt([&] {
      const std::string path = vm["trace"].as<std::string>();
      write_trace_csv(path, report, *loaded.scenario, results);
      std::size_t records = 0;
      for (const auto& t : results.traces) records += t.size();
      if (quiet) return;
      fmt::print(stderr, "cisim: trace of {} shipments written to {}\n", records, path);
      if (results.trace_dropped > 0) {
        fmt::print(stderr, "cisim: warning: the trace holds the first {} records of each replication; {} more did not fit within "
                           "--trace-limit {}\n", trace_records_per_replication(run_options.trace, static_cast<std::size_t>(results.replications)),
                   results.trace_dropped, run_options.trace.limit);
      }
    });
  }
  if (!failures.empty()) {
    for (const auto& f : failures) fmt::print(stderr, "cisim: error: {}\n", f);
    return ExitStatus::SimulationError;
  }
  return ExitStatus::Ok;
}

}  // namespace cisim::app
