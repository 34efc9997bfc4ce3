// SPDX-License-Identifier: MIT
// cisim run, check and schema: option parsing with Boost.Program_options, then the library.
#include "commands.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

#include <csignal>

#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include <boost/program_options.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cisim/report/comparison.hpp"
#include "cisim/scenario/yaml_reader.hpp"
#include "cisim/sweep/sweep_database.hpp"
#include "cisim/sweep/sweep_design.hpp"
#include "cisim/report/output_files.hpp"
#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/scenario/schema.hpp"
#include "cisim/version.hpp"

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

// Parses the command's arguments; with --help, prints the options and returns nothing.
std::optional<po::variables_map> parse_or_help(const std::vector<std::string>& args, const po::options_description& options,
                                               const po::positional_options_description& positional) {
  auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", describe_options(options));
    return std::nullopt;
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
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
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
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
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

namespace {

// Set by SIGINT or SIGTERM; the sweep finishes the point in progress, commits it, and stops.
volatile std::sig_atomic_t g_stop_requested = 0;
extern "C" void request_stop(int) { g_stop_requested = 1; }

std::string join_tabs(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\t") + i;
  return out;
}

}  // namespace

ExitStatus sweep_command(const std::vector<std::string>& args) {
  po::options_description options(
      "cisim sweep SCENARIO --vary KEY=SPEC... [options]\n\nRuns the scenario at every point of a design and stores each "
      "finished point in SQLite (one transaction\nper point, WAL mode), so a killed sweep loses nothing finished and "
      "--resume continues it. Every point\nuses the same seed, so points differ only by the varied keys (common random "
      "numbers).\n\nSPEC: a list 0,200,800 or a range lo:hi:n or lo:hi:n:log, with units as in scenario files\n"
      "(0USD:800USD:5, 1d:30d:4:log); a range with whole-number bounds gives whole numbers.\n\noptions");
  options.add_options()("help,h", "print this help and exit")(
      "vary", po::value<std::vector<std::string>>()->composing(), "KEY=SPEC: a key to vary and its values (repeatable)")(
      "design", po::value<std::string>()->default_value("grid"), "grid (every combination) or lhs (Latin hypercube)")(
      "points", po::value<int>(), "number of points of an lhs design")(
      "db", po::value<std::string>()->default_value("sweep.db"), "SQLite file for the results")(
      "shard", po::value<std::string>(), "I/N: run only the points whose index % N == I (for cluster job arrays)")(
      "resume", "continue the sweep in --db, skipping finished points");
  add_replication_options(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to every point (repeatable)")(
      "quiet,q", "print nothing but errors")("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError{"missing SCENARIO: the scenario file to sweep"};
  const std::string path = vm["scenario"].as<std::string>();
  const bool quiet = vm.count("quiet") > 0;
  std::vector<VariedKey> keys;
  for (const auto& v : strings(vm, "vary")) {
    auto key = parse_vary(v);
    if (!key.value) throw UsageError{key.error};
    keys.push_back(std::move(*key.value));
  }
  if (keys.empty()) throw UsageError{"a sweep needs at least one --vary KEY=SPEC"};
  const std::string design = choose(vm["design"].as<std::string>(), {"grid", "lhs"}, "design");
  std::size_t shard = 0;
  std::size_t shards = 1;
  if (vm.count("shard")) {
    const std::string spec = vm["shard"].as<std::string>();
    const auto slash = spec.find('/');
    const auto i = parse_integer(spec.substr(0, slash == std::string::npos ? 0 : slash));
    const auto n = parse_integer(slash == std::string::npos ? "" : spec.substr(slash + 1));
    if (!i.value || !n.value || *n.value < 1 || *i.value < 0 || *i.value >= *n.value) {
      throw UsageError{fmt::format("--shard expects I/N with 0 <= I < N, found '{}'", spec)};
    }
    shard = static_cast<std::size_t>(*i.value);
    shards = static_cast<std::size_t>(*n.value);
  }
  // The base scenario: validated once; its text and hash identify the sweep.
  const auto base_sets = strings(vm, "set");
  const LoadedScenario base = load_scenario(path, base_sets);
  print_diagnostics(base.diagnostics, quiet);
  if (!base.scenario) return ExitStatus::UsageError;
  RunOptions run_options = replication_options(vm, true);
  run_options.seed = run_options.seed.value_or(base.scenario->seed);
  run_options.replications = run_options.replications.value_or(base.scenario->replications);
  std::vector<SweepPoint> points;
  if (design == "grid") {
    if (vm.count("points")) throw UsageError{"--points is for --design lhs; a grid has one point per combination"};
    points = grid_design(keys);
  } else {
    if (!vm.count("points") || vm["points"].as<int>() < 1) throw UsageError{"--design lhs needs --points N (N >= 1)"};
    for (const auto& k : keys) {
      if (!k.is_range) throw UsageError{fmt::format("--design lhs needs ranges (lo:hi:n); --vary {} is a list", k.key)};
    }
    points = latin_hypercube_design(keys, static_cast<std::size_t>(vm["points"].as<int>()), *run_options.seed);
  }
  // Every point of this shard is validated before anything runs, so a bad value fails fast.
  std::vector<SweepPoint> mine;
  for (const auto& p : points) {
    if (p.index % shards == shard) mine.push_back(p);
  }
  auto point_sets = [&](const SweepPoint& p) {
    auto sets = base_sets;
    for (const auto& [key, value] : p.values) sets.push_back(key + "=" + value);
    return sets;
  };
  for (const auto& p : mine) {
    const LoadedScenario check = load_scenario(path, point_sets(p));
    if (!check.scenario) {
      fmt::print(stderr, "cisim: point {} of the sweep is not a valid scenario:\n", p.index);
      print_diagnostics(check.diagnostics, false);
      return ExitStatus::UsageError;
    }
  }
  std::vector<std::string> key_names;
  for (const auto& k : keys) key_names.push_back(k.key);
  std::vector<std::string> read_errors;
  std::vector<Diagnostic> text_diagnostics;
  const std::string text = read_text_file(path, text_diagnostics).value_or("");
  const std::map<std::string, std::string> meta{
      {"cisim_version", kVersion},           {"scenario_path", path},
      {"scenario_text", text},               {"scenario_hash", base.content_hash},
      {"design", design + (design == "lhs" ? fmt::format(" {} points", points.size()) : std::string{})},
      {"varied_keys", join_tabs(key_names)}, {"vary", join_tabs(strings(vm, "vary"))},
      {"set", join_tabs(base_sets)},         {"replications", std::to_string(*run_options.replications)},
      {"seed", std::to_string(*run_options.seed)}};
  const std::string db_path = vm["db"].as<std::string>();
  SweepDatabase db{db_path};
  const auto existing = db.meta();
  if (existing.empty()) {
    db.initialise(meta, key_names);
  } else if (!vm.count("resume")) {
    throw UsageError{fmt::format("{} already holds a sweep; add --resume to continue it, or choose another --db", db_path)};
  } else {
    for (const char* key : {"scenario_hash", "varied_keys", "vary", "design", "set", "replications", "seed", "cisim_version"}) {
      const auto it = existing.find(key);
      if (it == existing.end() || it->second != meta.at(key)) {
        throw UsageError{fmt::format("{} was made by a different sweep ({} differs: '{}' there, '{}' now); refusing to resume",
                                     db_path, key, it == existing.end() ? "" : it->second, meta.at(key))};
      }
    }
  }
  const auto finished = db.finished_points();
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  std::size_t done_now = 0;
  std::size_t already = 0;
  for (const auto& p : mine) {
    if (finished.contains(p.index)) {
      ++already;
      continue;
    }
    if (g_stop_requested) break;
    const LoadedScenario loaded = load_scenario(path, point_sets(p));
    const auto start = std::chrono::steady_clock::now();
    const RunResults results = run_scenario(*loaded.scenario, run_options);
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    db.write_point(p, *run_options.seed, *run_options.replications, seconds.count(), make_report(loaded, results));
    ++done_now;
    if (!quiet && ::isatty(STDERR_FILENO)) {
      fmt::print(stderr, "\rpoint {} done: {}/{} of this shard finished   ", p.index, already + done_now, mine.size());
    }
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!quiet && ::isatty(STDERR_FILENO)) fmt::print(stderr, "\n");
  if (g_stop_requested) {
    fmt::print(stderr, "cisim: sweep stopped by a signal after {} of {} points of this shard; {} holds every finished point.\n"
               "Resume with the same command and --resume.\n", already + done_now, mine.size(), db_path);
    return ExitStatus::SimulationError;
  }
  if (!quiet) {
    fmt::print("sweep: {} points{} in {}: {} run now, {} already finished\n", mine.size(),
               shards > 1 ? fmt::format(" (shard {}/{} of {})", shard, shards, points.size()) : std::string{}, db_path, done_now,
               already);
  }
  return ExitStatus::Ok;
}

ExitStatus merge_command(const std::vector<std::string>& args) {
  po::options_description options("cisim merge OUT.db IN.db...\n\nCombines sweep databases (for example the shards of a "
                                  "cluster job) into OUT.db, created if\nmissing. The inputs must come from the same sweep; "
                                  "a point present twice must have identical\nresults, or the merge is refused.\n\noptions");
  options.add_options()("help,h", "print this help and exit")("files", po::value<std::vector<std::string>>(), "OUT.db then IN.db...");
  po::positional_options_description positional;
  positional.add("files", -1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  const auto files = strings(vm, "files");
  if (files.size() < 2) throw UsageError{"merge needs OUT.db and at least one IN.db"};
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (!std::filesystem::is_regular_file(files[i])) throw UsageError{fmt::format("{}: no such sweep database", files[i])};
  }
  SweepDatabase out{files[0]};
  for (std::size_t i = 1; i < files.size(); ++i) out.merge_from(files[i]);
  fmt::print("merged {} databases into {}: {} points\n", files.size() - 1, files[0], out.finished_points().size());
  return ExitStatus::Ok;
}

ExitStatus export_command(const std::vector<std::string>& args) {
  po::options_description options("cisim export DB [--format csv] [--out FILE]\n\nWrites a sweep database's results as one "
                                  "tidy CSV table for R or pandas: point, every varied key,\nreplication, scope, scope_name, "
                                  "metric, value.\n\noptions");
  options.add_options()("help,h", "print this help and exit")("format,f", po::value<std::string>()->default_value("csv"), "csv")(
      "out,o", po::value<std::string>(), "file to write (whole or not at all); default: standard output")(
      "db", po::value<std::string>(), "sweep database");
  po::positional_options_description positional;
  positional.add("db", 1);
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
  if (!vm.count("db")) throw UsageError{"missing DB: the sweep database to export"};
  choose(vm["format"].as<std::string>(), {"csv"}, "format");
  const std::string db_path = vm["db"].as<std::string>();
  if (!std::filesystem::is_regular_file(db_path)) throw UsageError{fmt::format("{}: no such sweep database", db_path)};
  const std::string csv = SweepDatabase{db_path}.export_csv();
  if (vm.count("out")) write_file_atomically(vm["out"].as<std::string>(), csv);
  else fmt::print("{}", csv);
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
  const auto parsed = parse_or_help(args, options, positional);
  if (!parsed) return ExitStatus::Ok;
  const po::variables_map& vm = *parsed;
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
  if (!parse_or_help(args, options, po::positional_options_description{})) return ExitStatus::Ok;
  fmt::print("{}", schema_markdown());
  return ExitStatus::Ok;
}

}  // namespace cisim::app

namespace cisim::app {
namespace {

// "discrepancy_rate<1%" -> metric, direction, bound; a bound may carry '%'.
struct Target {
  std::string metric;
  bool below = true;
  double bound = 0.0;
  std::string text;
};

Target parse_target(const std::string& spec) {
  const auto at = spec.find_first_of("<>");
  if (at == std::string::npos || at == 0 || at + 1 == spec.size()) {
    throw UsageError{fmt::format("--target expects METRIC<VALUE or METRIC>VALUE (for example 'discrepancy_rate<1%'), found '{}'", spec)};
  }
  Target t;
  t.metric = spec.substr(0, at);
  t.below = spec[at] == '<';
  std::string number = spec.substr(at + 1);
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.pop_back();
  const auto value = parse_real(number);
  if (!value.value) throw UsageError{fmt::format("--target {}: '{}' is not a number", spec, spec.substr(at + 1))};
  t.bound = *value.value / (percent ? 100.0 : 1.0);
  t.text = spec;
  return t;
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
      "where the metric is read: run, or facility:ID, stream:ID, blitz:ID")(
      "steps", po::value<int>()->default_value(8), "bisection steps for a real-valued key (whole numbers stop when adjacent)");
  add_replication_options(options);
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), "KEY=VALUE applied to every evaluation (repeatable)")(
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
  const bool quiet = vm.count("quiet") > 0;
  const int steps = vm["steps"].as<int>();
  if (steps < 1 || steps > 60) throw UsageError{fmt::format("--steps must be between 1 and 60, found {}", steps)};
  // The bounds are parsed as a two-point sweep range, so units and whole numbers behave the same.
  std::string vary = vm["vary"].as<std::string>();
  const bool log_scale = vary.size() > 4 && vary.ends_with(":log");
  if (log_scale) vary.resize(vary.size() - 4);
  if (const auto eq = vary.find('='); eq != std::string::npos && vary.find(',', eq) != std::string::npos) {
    throw UsageError{fmt::format("--vary {}: solve needs a range LO:HI, not a list", vary)};
  }
  auto range = parse_vary(vary + ":2" + (log_scale ? ":log" : ""));
  if (!range.value || !range.value->is_range) {
    throw UsageError{range.value ? fmt::format("--vary {}: solve needs a range LO:HI, not a list", vary)
                                 : range.error + " (solve takes KEY=LO:HI)"};
  }
  const VariedKey key = *range.value;
  const Target target = parse_target(vm["target"].as<std::string>());
  const std::string scope_spec = vm["scope"].as<std::string>();
  const auto colon = scope_spec.find(':');
  const std::string scope = scope_spec.substr(0, colon);
  const std::string scope_name = colon == std::string::npos ? "all" : scope_spec.substr(colon + 1);
  choose(scope, {"run", "facility", "stream", "blitz"}, "scope");
  const auto base_sets = strings(vm, "set");
  RunOptions run_options = replication_options(vm, true);

  struct Evaluation {
    double x;
    std::string text;
    MetricSummary metric;
    bool meets;
  };
  std::vector<Evaluation> evaluations;
  auto evaluate = [&](double x) -> const Evaluation& {
    auto sets = base_sets;
    const std::string text = range_value_text(x, key);
    sets.push_back(key.key + "=" + text);
    const LoadedScenario loaded = load_scenario(path, sets);
    if (!loaded.scenario) {
      print_diagnostics(loaded.diagnostics, false);
      throw UsageError{fmt::format("{} = {} does not give a valid scenario", key.key, text)};
    }
    const Report report = make_report(loaded, run_scenario(*loaded.scenario, run_options));
    const MetricSummary* m = find_metric(report, scope, scope_name, target.metric);
    if (!m) {
      std::vector<std::string> metrics;
      std::vector<std::string> names;
      for (const auto& x2 : report.metrics) {
        if (x2.scope == scope && std::find(metrics.begin(), metrics.end(), x2.metric) == metrics.end()) metrics.push_back(x2.metric);
        if (x2.scope == scope && std::find(names.begin(), names.end(), x2.scope_name) == names.end()) names.push_back(x2.scope_name);
      }
      if (std::find(names.begin(), names.end(), scope_name) == names.end()) {
        throw UsageError{fmt::format("--scope {}: no {} '{}'{}", scope_spec, scope, scope_name, did_you_mean_suffix(scope_name, names))};
      }
      throw UsageError{fmt::format("--target: no metric '{}' in scope {}{}", target.metric, scope_spec,
                                   did_you_mean_suffix(target.metric, metrics))};
    }
    const double mean = m->summary.mean;
    evaluations.push_back(Evaluation{x, text, *m, target.below ? mean < target.bound : mean > target.bound});
    if (!quiet) {
      const auto& s = m->summary;
      fmt::print("{} = {:<14} {} = {:.6g}{}  {}\n", key.key, text, target.metric, mean,
                 s.half_width ? fmt::format(" (95% CI {:.6g} to {:.6g})", *s.low(), *s.high()) : std::string{},
                 evaluations.back().meets ? "meets the target" : "misses it");
    }
    return evaluations.back();
  };
  if (!quiet) fmt::print("solve: {} in [{}, {}] so that {} ({}, {} replications each)\n", key.key, key.values.front(),
                         key.values.back(), target.text, scope_spec, run_options.replications.value_or(0) > 0
                             ? std::to_string(*run_options.replications) : std::string{"the scenario's"});
  double lo = key.low;
  double hi = key.high;
  const bool lo_meets = evaluate(lo).meets;
  const bool hi_meets = evaluate(hi).meets;
  if (lo_meets == hi_meets) {
    fmt::print("answer: {} at both bounds: {} {} the target at {} and at {}; no crossing in between to find\n", target.metric,
               lo_meets ? "both meet" : "neither meets", target.text, key.values.front(), key.values.back());
    return ExitStatus::Ok;
  }
  auto midpoint = [&](double a, double b) {
    if (key.whole) return std::floor((a + b) / 2.0);
    return key.log_scale ? std::sqrt(a * b) : (a + b) / 2.0;
  };
  for (int step = 0; step < steps || key.whole; ++step) {
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
  const auto found = std::find_if(evaluations.begin(), evaluations.end(), [&](const Evaluation& e) { return e.x == meets_at; });
  // A metric that does not move one way with the key makes the answer unreliable: say so.
  std::vector<Evaluation> sorted = evaluations;
  std::sort(sorted.begin(), sorted.end(), [](const Evaluation& a, const Evaluation& b) { return a.x < b.x; });
  bool monotone = true;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].meets != sorted[i - 1].meets && i + 1 < sorted.size() && sorted[i + 1].meets != sorted[i].meets) monotone = false;
  }
  const auto& s = found->metric.summary;
  fmt::print("answer: {} = {} meets {} ({} = {:.6g}{}); {} misses it\n", key.key, found->text, target.text, target.metric, s.mean,
             s.half_width ? fmt::format(", 95% CI {:.6g} to {:.6g}", *s.low(), *s.high()) : std::string{},
             range_value_text(misses_at, key));
  if (!monotone) fmt::print(stderr, "cisim: warning: {} does not move one way with {}; the crossing found may not be the only one\n", target.metric, key.key);
  return ExitStatus::Ok;
}

}  // namespace cisim::app
