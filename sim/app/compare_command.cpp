// SPDX-License-Identifier: MIT
// cisim compare: two scenarios with common random numbers, and their paired differences.
#include "commands.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/report/comparison.hpp"
#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/report/html_report.hpp"
#include "cisim/report/output_files.hpp"
#include "options.hpp"

namespace cisim::app {

ExitStatus compare_command(const std::vector<std::string>& args) {
  po::options_description options(
      "cisim compare BASE ALT [options]\n\nRuns both scenarios with the same seed and replications, so each replication of both "
      "draws from the\nsame named random streams (common random numbers), and reports every metric's means and the paired\n"
      "difference alt - base with its 95% CI; '*' marks differences whose interval excludes 0. BASE and ALT\nmay be the same "
      "file with different --set-base / --set-alt. With --exact the pairing is shipment by shipment; by default it\n"
      "holds where the two scenarios' classes of shipments agree (docs/performance.md).\n\noptions");
  options.add_options()("help,h", "print this help and exit");
  add_replication_options(options);
  add_exact_option(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to both (repeatable)")(
      "set-base", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to BASE only (repeatable)")(
      "set-alt", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to ALT only (repeatable)")(
      "format,f", po::value<std::string>()->default_value("table"), "on standard output: table, markdown, csv or json")(
      "out,o", po::value<std::string>(),
      "directory for base_summary.csv, alt_summary.csv, differences.csv and comparison.json (created if missing)")(
      "report", po::value<std::string>(), "FILE.html: a self-contained HTML report with a forest plot of the differences")(
      "quiet,q", "no progress line and no warnings (the comparison is still printed, except with --out or --report and no --format)")(
      "scenarios", po::value<std::vector<std::string>>(), "BASE and ALT");
  po::positional_options_description positional;
  positional.add("scenarios", 2);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  const auto files = strings(vm, "scenarios");
  if (files.size() != 2) throw UsageError{"compare needs two scenario files: BASE and ALT (the same file twice is fine)"};
  const std::string format = choose(vm["format"].as<std::string>(), {"table", "markdown", "csv", "json"}, "format");
  const bool quiet = vm.count("quiet") > 0;
  const std::vector<std::string> common = with_exact(vm, strings(vm, "set"));
  auto with = [&](const char* specific) {
    auto all = common;
    const auto more = strings(vm, specific);
    all.insert(all.end(), more.begin(), more.end());
    return all;
  };
  const LoadedScenario base = load_scenario(files[0], with("set-base"));
  const LoadedScenario alt = load_scenario(files[1], with("set-alt"));
  print_diagnostics(attribute_sets(base.diagnostics, common.size(), "--set-base"), quiet);
  print_diagnostics(attribute_sets(alt.diagnostics, common.size(), "--set-alt"), quiet);
  if (!base.scenario || !alt.scenario) return ExitStatus::UsageError;
  // An output that cannot be written fails now, not after both runs.
  if (vm.count("out")) check_output_directory(vm["out"].as<std::string>(), "out");
  if (vm.count("report")) check_output_file(vm["report"].as<std::string>(), "report", {files[0], files[1]});
  // One seed and one number of replications for both, so replication r pairs with r.
  RunOptions run_options = replication_options(vm, quiet);
  run_options.seed = run_options.seed.value_or(base.scenario->seed);
  run_options.replications = run_options.replications.value_or(base.scenario->replications);
  if (*run_options.replications < 2) throw UsageError{"compare needs at least 2 replications for confidence intervals"};
  RunResults base_results;
  RunResults alt_results;
  try {
    base_results = run_scenario(*base.scenario, run_options);
    alt_results = run_scenario(*alt.scenario, run_options);
  } catch (const ConservationError& e) {
    fmt::print(stderr, "cisim: simulation error: {}\n", e.what());
    return ExitStatus::SimulationError;
  }
  const Comparison c = compare_reports(make_report(base, base_results), make_report(alt, alt_results));
  write_requested_outputs(
      vm, quiet,
      [&] {
        return NamedFiles{{"base_summary.csv", format_summary_csv(c.base)},
                          {"alt_summary.csv", format_summary_csv(c.alt)},
                          {"differences.csv", format_comparison_csv(c)},
                          {"comparison.json", format_comparison_json(c)}};
      },
      [&] { return format_html_comparison(c); });
  if (prints_report(vm)) {
    if (format == "json") fmt::print("{}", format_comparison_json(c));
    else if (format == "csv") fmt::print("{}", format_comparison_csv(c));
    else if (format == "markdown") fmt::print("{}", format_comparison_table(c, TableStyle::Markdown));
    else fmt::print("{}", format_comparison_table(c));
  }
  return ExitStatus::Ok;
}

}  // namespace cisim::app
