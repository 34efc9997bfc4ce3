// SPDX-License-Identifier: MIT
// cisim run, check and schema: option parsing with Boost.Program_options, then the library.
#include "commands.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include <boost/program_options.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/report/comparison.hpp"
#include "cisim/report/output_files.hpp"
#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/scenario/schema.hpp"

namespace po = boost::program_options;

namespace cisim::app {
namespace {

std::string describe_options(const po::options_description& options) {
  std::ostringstream out;
  out << options;
  return out.str();
}

// Parses `args` against `options`, turning Boost's errors into UsageErrors with a
// "did you mean" for misspelled options.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& options,
                        const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& o : options.options()) names.push_back("--" + o->long_name());
    std::string option = e.get_option_name();
    throw UsageError{fmt::format("unknown option '{}'{}", option, did_you_mean_suffix(option, names))};
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  return vm;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool quiet) {
  for (const auto& d : diagnostics) {
    if (quiet && d.severity == Severity::Warning) continue;
    fmt::print(stderr, "{}\n", format_diagnostic(d));
  }
}

std::string choose(const std::string& value, const std::vector<std::string>& allowed, const char* option) {
  for (const auto& a : allowed) {
    if (a == value) return value;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw UsageError{fmt::format("unknown {} '{}'{} (one of {})", option, value, did_you_mean_suffix(value, allowed), list)};
}

// Options shared by every command that runs replications.
void add_replication_options(po::options_description& options) {
  options.add_options()("replications,r", po::value<int>(), "number of replications (default: the scenario's `replications`)")(
      "seed,s", po::value<std::uint64_t>(), "master seed (default: the scenario's `seed`)")(
      "threads,t", po::value<int>(),
      "replications run side by side on this many threads (default: all cores); results are identical for any count");
}

std::function<void(int, int)> progress_printer();

RunOptions replication_options(const po::variables_map& vm, bool quiet) {
  RunOptions run_options;
  if (vm.count("replications")) {
    const int n = vm["replications"].as<int>();
    if (n < 1) throw UsageError{fmt::format("--replications must be at least 1 (got {})", n)};
    run_options.replications = n;
  }
  if (vm.count("seed")) run_options.seed = vm["seed"].as<std::uint64_t>();
  run_options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("threads")) {
    const int t = vm["threads"].as<int>();
    if (t < 1) throw UsageError{fmt::format("--threads must be at least 1 (got {})", t)};
    run_options.threads = t;
  }
  if (!quiet && ::isatty(STDERR_FILENO)) run_options.on_progress = progress_printer();
  return run_options;
}

std::vector<std::string> strings(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

// A progress line on standard error (a terminal): replications done, rate and time left.
std::function<void(int, int)> progress_printer() {
  const auto start = std::chrono::steady_clock::now();
  return [start](int done, int total) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const double per = elapsed.count() / done;
    fmt::print(stderr, "\r{}/{} replications, {:.2f} s each, about {:.0f} s left   {}", done, total, per,
               per * (total - done), done == total ? "\n" : "");
  };
}

}  // namespace

ExitStatus run_command(const std::vector<std::string>& args) {
  po::options_description options("cisim run SCENARIO [options]\n\nRuns a scenario's replications and reports each facility's "
                                  "waits, queue length, officer utilization and throughput\n(mean, sd and 95% CI over "
                                  "replications).\n\noptions");
  options.add_options()("help,h", "print this help and exit");
  add_replication_options(options);
  options.add_options()(
      "set", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE: override any scenario key by dotted path, e.g. facilities.jfk_imf.officers.count=12 (repeatable)")(
      "format,f", po::value<std::string>()->default_value("table"), "report on standard output: table, csv or json")(
      "out,o", po::value<std::string>(), "directory for summary.json, metrics.csv and timeseries.csv (created if missing)")(
      "quiet,q", "print nothing but errors (no report, no warnings)")(
      "scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", describe_options(options));
    return ExitStatus::Ok;
  }
  if (!vm.count("scenario")) throw UsageError{"missing SCENARIO: the scenario file to run"};
  const std::string format = choose(vm["format"].as<std::string>(), {"table", "csv", "json"}, "format");
  const bool quiet = vm.count("quiet") > 0;
  const RunOptions run_options = replication_options(vm, quiet);
  const auto sets = strings(vm, "set");

  const LoadedScenario loaded = load_scenario(vm["scenario"].as<std::string>(), sets);
  print_diagnostics(loaded.diagnostics, quiet);
  if (!loaded.scenario) return ExitStatus::UsageError;

  RunResults results;
  try {
    results = run_scenario(*loaded.scenario, run_options);
  } catch (const ConservationError& e) {
    fmt::print(stderr, "cisim: simulation error: {}\n", e.what());
    return ExitStatus::SimulationError;
  }
  const Report report = make_report(loaded, results);
  if (vm.count("out")) {
    const std::string dir = vm["out"].as<std::string>();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error(fmt::format("{}: cannot create output directory: {}", dir, ec.message()));
    write_file_atomically((std::filesystem::path(dir) / "summary.json").string(), format_json(report));
    write_file_atomically((std::filesystem::path(dir) / "metrics.csv").string(), format_metrics_csv(report));
    write_file_atomically((std::filesystem::path(dir) / "timeseries.csv").string(), format_timeseries_csv(report));
  }
  if (!quiet) {
    if (format == "json") fmt::print("{}", format_json(report));
    else if (format == "csv") fmt::print("{}", format_summary_csv(report));
    else fmt::print("{}", format_table(report));
  }
  return ExitStatus::Ok;
}

ExitStatus compare_command(const std::vector<std::string>& args) {
  po::options_description options(
      "cisim compare BASE ALT [options]\n\nRuns both scenarios with the same seed and replications, so each replication of both "
      "draws from the\nsame named random streams (common random numbers), and reports every metric's means and the paired\n"
      "difference alt - base with its 95% CI; '*' marks differences whose interval excludes 0. BASE and ALT\nmay be the same "
      "file with different --set-base / --set-alt.\n\noptions");
  options.add_options()("help,h", "print this help and exit");
  add_replication_options(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to both (repeatable)")(
      "set-base", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to BASE only (repeatable)")(
      "set-alt", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to ALT only (repeatable)")(
      "format,f", po::value<std::string>()->default_value("table"), "table, csv or json")(
      "quiet,q", "print nothing but errors")("scenarios", po::value<std::vector<std::string>>(), "BASE and ALT");
  po::positional_options_description positional;
  positional.add("scenarios", 2);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", describe_options(options));
    return ExitStatus::Ok;
  }
  const auto files = strings(vm, "scenarios");
  if (files.size() != 2) throw UsageError{"compare needs two scenario files: BASE and ALT (the same file twice is fine)"};
  const std::string format = choose(vm["format"].as<std::string>(), {"table", "csv", "json"}, "format");
  const bool quiet = vm.count("quiet") > 0;
  auto with = [&](const char* specific) {
    auto all = strings(vm, "set");
    const auto more = strings(vm, specific);
    all.insert(all.end(), more.begin(), more.end());
    return all;
  };
  const LoadedScenario base = load_scenario(files[0], with("set-base"));
  const LoadedScenario alt = load_scenario(files[1], with("set-alt"));
  print_diagnostics(base.diagnostics, quiet);
  print_diagnostics(alt.diagnostics, quiet);
  if (!base.scenario || !alt.scenario) return ExitStatus::UsageError;
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
  if (!quiet) {
    if (format == "json") fmt::print("{}", format_comparison_json(c));
    else if (format == "csv") fmt::print("{}", format_comparison_csv(c));
    else fmt::print("{}", format_comparison_table(c));
  }
  return ExitStatus::Ok;
}

ExitStatus check_command(const std::vector<std::string>& args) {
  po::options_description options("cisim check SCENARIO... [options]\n\nValidates scenario files and prints every problem as "
                                  "file:line:column: severity: key: message.\nExit code 0 when no file has an error (warnings "
                                  "allowed), 2 otherwise.\n\noptions");
  options.add_options()("help,h", "print this help and exit")(
      "set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE override applied to every file (repeatable)")(
      "format,f", po::value<std::string>()->default_value("text"), "text, or json for editors and scripts")(
      "files", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("files", -1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", describe_options(options));
    return ExitStatus::Ok;
  }
  if (!vm.count("files")) throw UsageError{"missing SCENARIO: give one or more scenario files to check"};
  const std::string format = choose(vm["format"].as<std::string>(), {"text", "json"}, "format");
  const auto sets = vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  bool any_error = false;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  int errors = 0;
  int warnings = 0;
  for (const auto& file : vm["files"].as<std::vector<std::string>>()) {
    const LoadedScenario loaded = load_scenario(file, sets);
    any_error = any_error || has_errors(loaded.diagnostics);
    for (const auto& d : loaded.diagnostics) {
      (d.severity == Severity::Error ? errors : warnings) += 1;
      all.push_back({{"file", d.where.file},
                     {"line", d.where.line},
                     {"column", d.where.column},
                     {"severity", d.severity == Severity::Error ? "error" : "warning"},
                     {"key", d.key},
                     {"message", d.message}});
    }
    if (format == "text") {
      for (const auto& d : loaded.diagnostics) fmt::print("{}\n", format_diagnostic(d));
      if (!has_errors(loaded.diagnostics)) fmt::print("{}: ok\n", file);
    }
  }
  if (format == "json") {
    nlohmann::ordered_json j;
    j["errors"] = errors;
    j["warnings"] = warnings;
    j["diagnostics"] = all;
    fmt::print("{}\n", j.dump(2));
  }
  return any_error ? ExitStatus::UsageError : ExitStatus::Ok;
}

ExitStatus schema_command(const std::vector<std::string>& args) {
  po::options_description options("cisim schema\n\nPrints the scenario reference in Markdown: every key with its type, "
                                  "unit, default, range,\ndescription and example (docs/scenario-reference.md is this "
                                  "output).\n\noptions");
  options.add_options()("help,h", "print this help and exit");
  const auto vm = parse(args, options, po::positional_options_description{});
  if (vm.count("help")) {
    fmt::print("{}", describe_options(options));
    return ExitStatus::Ok;
  }
  fmt::print("{}", schema_markdown());
  return ExitStatus::Ok;
}

}  // namespace cisim::app
