// SPDX-License-Identifier: MIT
// cisim sweep: the options of a parameter sweep, its database and resume checks, and SIGINT; SweepRunner runs it.
#include "commands.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/core.h>

#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"
#include "cisim/scenario/yaml_reader.hpp"
#include "cisim/sweep/sweep_database.hpp"
#include "cisim/sweep/sweep_design.hpp"
#include "cisim/sweep/sweep_runner.hpp"
#include "cisim/version.hpp"
#include "options.hpp"

namespace cisim::app {

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
  const std::string design = choose(vm["design"].as<std::string>(), {"grid", "lhs"}, "design");
  std::vector<VariedKey> keys;
  for (const auto& v : strings(vm, "vary")) {
    // A Latin hypercube samples a range, it does not step through it: lo:hi (or lo:hi:log)
    // is enough, and a count n, if given, is not used.
    const auto eq = v.find('=');
    std::string spec = eq == std::string::npos ? std::string{} : v.substr(eq + 1);
    if (spec.ends_with(":log")) spec.resize(spec.size() - 4);
    const bool bare_range = design == "lhs" && std::count(spec.begin(), spec.end(), ':') == 1;
    auto key = bare_range ? parse_range_argument(v, "--design lhs", "lo:hi or lo:hi:log") : parse_vary(v);
    if (!key.value) throw UsageError{key.error};
    keys.push_back(std::move(*key.value));
  }
  if (keys.empty()) throw UsageError{"a sweep needs at least one --vary KEY=SPEC"};
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
    double total = 1.0;
    for (const auto& k : keys) total *= static_cast<double>(k.values.size());
    if (total > static_cast<double>(kMaxSweepPoints)) {
      throw UsageError{fmt::format("this grid has {:.4g} points; a sweep has at most {} (fewer values per key, or an lhs design)",
                                   total, kMaxSweepPoints)};
    }
    points = grid_design(keys);
  } else {
    if (!vm.count("points") || vm["points"].as<int>() < 1) throw UsageError{"--design lhs needs --points N (N >= 1)"};
    if (static_cast<std::size_t>(vm["points"].as<int>()) > kMaxSweepPoints) {
      throw UsageError{fmt::format("--points must be at most {} (got {})", kMaxSweepPoints, vm["points"].as<int>())};
    }
    for (const auto& k : keys) {
      if (!k.is_range) throw UsageError{fmt::format("--design lhs needs ranges (lo:hi); --vary {} is a list", k.key)};
    }
    points = latin_hypercube_design(keys, static_cast<std::size_t>(vm["points"].as<int>()), *run_options.seed);
  }
  // Every point of this shard is validated before anything runs, so a bad value fails fast.
  std::vector<SweepPoint> mine = shard_points(points, shard, shards);
  auto load = [&path](const std::vector<std::string>& sets) { return load_scenario(path, sets); };
  auto seconds_now = [] { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); };
  const SweepRunner runner{load, base_sets, run_options, seconds_now};
  if (const auto bad = runner.first_invalid(mine)) {
    fmt::print(stderr, "cisim: point {} of the sweep is not a valid scenario:\n", bad->index);
    print_diagnostics(attribute_sets(bad->diagnostics, base_sets.size(), "--vary"), false);
    return ExitStatus::UsageError;
  }
  std::vector<std::string> key_names;
  for (const auto& k : keys) key_names.push_back(k.key);
  std::vector<Diagnostic> text_diagnostics;
  const std::string text = read_text_file(path, text_diagnostics).value_or("");
  const std::map<std::string, std::string> meta{
      {"cisim_version", kVersion},           {"scenario_path", path},
      {"scenario_text", text},               {"scenario_hash", base.content_hash},
      {"effective_scenario", base.effective_text},
      {"design", design + (design == "lhs" ? fmt::format(" {} points", points.size()) : std::string{})},
      {"varied_keys", join_tabs(key_names)}, {"vary", join_tabs(strings(vm, "vary"))},
      {"set", join_tabs(base_sets)},         {"replications", std::to_string(*run_options.replications)},
      {"seed", std::to_string(*run_options.seed)}};
  const std::string db_path = vm["db"].as<std::string>();
  SweepDatabase db{db_path};
  std::optional<int> grow_from;  // the replications a grown sweep had
  std::optional<std::size_t> grown_points;  // points a grown grid adds
  const auto existing = db.meta();
  if (existing.empty()) {
    db.initialise(meta, key_names);
  } else if (!vm.count("resume")) {
    throw UsageError{fmt::format("{} already holds a sweep; add --resume to continue it, or choose another --db", db_path)};
  } else {
    // A finished sweep may grow: more replications for every point (never fewer).
    if (const auto it = existing.find("replications"); it != existing.end() && it->second != meta.at("replications")) {
      const auto before = parse_integer(it->second);
      if (!before.value || *before.value > *run_options.replications) {
        throw UsageError{fmt::format("{} holds {} replications per point; --resume can add replications, not remove them (asked for {})",
                                     db_path, it->second, *run_options.replications)};
      }
      grow_from = static_cast<int>(*before.value);
    }
    // ... and more values of a grid's keys: the points it holds keep their numbers, new ones
    // are numbered after them. Every resume of a grid numbers points this way, so a grown
    // sweep resumed later finds its points again. Shards number their own files, so a grid
    // grows unsharded (merge the shards first).
    const bool same_grid = design == "grid" && existing.count("design") && existing.at("design") == "grid" &&
                           existing.count("varied_keys") && existing.at("varied_keys") == meta.at("varied_keys");
    const bool new_values = existing.count("vary") && existing.at("vary") != meta.at("vary");
    if (same_grid && new_values && shards > 1) {
      throw UsageError{fmt::format("{}: a grid grows with more values only unsharded; merge the shards, then resume the merged "
                                   "file with the new --vary and no --shard", db_path)};
    }
    if (same_grid && shards == 1) {
      const auto stored = db.stored_values(key_names);
      auto grown = grow_design(points, stored);
      if (!grown.value) throw UsageError{fmt::format("{}: cannot grow the sweep: {}", db_path, grown.error)};
      if (new_values) grown_points = points.size() - stored.size();
      points = std::move(*grown.value);
      // Unsharded, so the same points as validated above, only renumbered.
      mine = shard_points(points, shard, shards);
    }
    for (const char* key : {"scenario_hash", "varied_keys", "vary", "design", "set", "seed", "cisim_version"}) {
      if (same_grid && new_values && std::string(key) == "vary") continue;
      const auto it = existing.find(key);
      if (it == existing.end() || it->second != meta.at(key)) {
        throw UsageError{fmt::format("{} was made by a different sweep ({} differs: '{}' there, '{}' now); refusing to resume",
                                     db_path, key, it == existing.end() ? "" : it->second, meta.at(key))};
      }
    }
  }
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  const SweepProgress progress = runner.run(
      db, mine, [] { return g_stop_requested != 0; },
      [&](const SweepPoint& p, const SweepProgress& so_far) {
        if (!quiet && ::isatty(STDERR_FILENO)) {
          fmt::print(stderr, "\rpoint {} done: {}/{} of this shard finished   ", p.index, so_far.already_finished + so_far.run_now,
                     mine.size());
        }
      });
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  // The sweep now has its new number of replications once every point of this shard has them.
  if (grow_from && !g_stop_requested) db.set_meta("replications", meta.at("replications"));
  if (grown_points) db.set_meta("vary", meta.at("vary"));  // the design it now is (its points numbered as stored)
  const std::size_t done_now = progress.run_now;
  const std::size_t already = progress.already_finished;
  if (!quiet && ::isatty(STDERR_FILENO)) fmt::print(stderr, "\n");
  if (g_stop_requested) {
    fmt::print(stderr, "cisim: sweep stopped by a signal after {} of {} points of this shard; {} holds every finished point.\n"
               "Resume with the same command and --resume.\n", already + done_now, mine.size(), db_path);
    return ExitStatus::SimulationError;
  }
  if (!quiet) {
    fmt::print("sweep: {} points{} in {}: {} run now, {} already finished{}\n", mine.size(),
               shards > 1 ? fmt::format(" (shard {}/{} of {})", shard, shards, points.size()) : std::string{}, db_path, done_now,
               already,
               (grow_from ? fmt::format(" ({} of them grown from {} to {} replications)", progress.grown, *grow_from, *run_options.replications)
                          : std::string{}) +
                   (grown_points ? fmt::format("; the grid grew by {} point{}", *grown_points, *grown_points == 1 ? "" : "s") : std::string{}));
  }
  return ExitStatus::Ok;
}

}  // namespace cisim::app
