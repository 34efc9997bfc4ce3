// SPDX-License-Identifier: MIT
// Option helpers shared by the cisim commands: Boost.Program_options parsing, replication options, messages.
#include "options.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <fmt/core.h>

#include "cisim/report/output_files.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/units.hpp"
#include "commands.hpp"

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

// A progress line on standard error (a terminal): replications done, rate and time left.
// The progress line: replications done and the share of the run's shipments simulated,
// which moves within a long run of one replication as its parts finish.
struct ProgressLine {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  int done = 0;
  int total = 0;
  double share = 0.0;
  void print() const {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const double left = share > 0.0 ? elapsed.count() * (1.0 - share) / share : 0.0;
    const std::string replications = total > 0 ? fmt::format("{}/{} replications, ", done, total) : std::string{};
    fmt::print(stderr, "\r{}{:.0f}% of the shipments simulated, {:.0f} s so far, about {:.0f} s left   {}", replications,
               100.0 * share, elapsed.count(), left, total > 0 && done == total ? "\n" : "");
  }
};

void attach_progress_line(RunOptions& options) {
  auto line = std::make_shared<ProgressLine>();
  options.on_progress = [line](int done, int total) {
    line->done = done;
    line->total = total;
    line->print();
  };
  options.on_share_done = [line](double share) {
    line->share = share;
    if (line->total == 0 || line->done < line->total) line->print();
  };
}

}  // namespace

std::optional<po::variables_map> parse_or_help(const std::vector<std::string>& args, const po::options_description& options,
                                               const po::positional_options_description& positional) {
  auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", describe_options(options));
    return std::nullopt;
  }
  return vm;
}

std::vector<Diagnostic> attribute_sets(std::vector<Diagnostic> diagnostics, std::size_t first, const std::string& option) {
  for (Diagnostic& d : diagnostics) {
    if (d.where.file == "--set" && d.where.line > static_cast<int>(first)) {
      d.where.file = option;
      d.where.line -= static_cast<int>(first);
    }
  }
  return diagnostics;
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

void add_exact_option(po::options_description& options) {
  options.add_options()("exact",
                        "draw every shipment one by one, the reference path (as --set simulation=exact; docs/performance.md): "
                        "slower at national scale, the same distribution of results, and common random numbers shipment by "
                        "shipment between compared scenarios");
}

std::vector<std::string> with_exact(const po::variables_map& vm, std::vector<std::string> sets) {
  if (vm.count("exact")) sets.push_back("simulation=exact");
  return sets;
}

void add_replication_options(po::options_description& options) {
  options.add_options()("replications,r", po::value<int>(), "number of replications (default: the scenario's `replications`)")(
      "seed,s", po::value<std::string>(), "master seed, 0 to 18446744073709551615 (default: the scenario's `seed`)")(
      "threads,t", po::value<int>(),
      "replications, and the independent parts of each (facilities with their streams), run side by side on this many threads (default: all cores); results are identical for any count");
}

std::uint64_t parse_seed(const std::string& text) {
  // Whole decimal digits only: a stream parser would read "-1" as 2^64 - 1 without a word.
  const bool digits = !text.empty() && text.size() <= 20 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::uint64_t seed = 0;
  bool fits = digits;
  for (std::size_t i = 0; fits && i < text.size(); ++i) {
    const auto d = static_cast<std::uint64_t>(text[i] - '0');
    fits = seed <= (std::numeric_limits<std::uint64_t>::max() - d) / 10;
    seed = seed * 10 + d;
  }
  if (!fits) throw UsageError{fmt::format("--seed must be a whole number from 0 to {} (got '{}')", std::numeric_limits<std::uint64_t>::max(), text)};
  return seed;
}

bool prints_report(const po::variables_map& vm) {
  return !(vm.count("quiet") && (vm.count("out") || vm.count("report")) && vm["format"].defaulted());
}

namespace {
void probe_directory(const std::filesystem::path& dir, const std::string& what) {
  const auto probe = dir / ".cisim-write-test";
  std::FILE* f = std::fopen(probe.c_str(), "w");
  if (!f) throw UsageError{fmt::format("{}: cannot write into the directory '{}'", what, dir.string())};
  std::fclose(f);
  std::error_code ec;
  std::filesystem::remove(probe, ec);
}
}  // namespace

void check_output_directory(const std::string& dir, const char* option) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw UsageError{fmt::format("--{} {}: cannot create the output directory: {}", option, dir, ec.message())};
  probe_directory(dir, fmt::format("--{} {}", option, dir));
}

void check_output_file(const std::string& path, const char* option, const std::vector<std::string>& inputs) {
  const std::filesystem::path p{path};
  std::error_code ec;
  for (const std::string& input : inputs) {
    // The same file by any name (a relative path, a link): equivalent() compares device and inode.
    std::error_code same_ec;
    if (std::filesystem::equivalent(p, input, same_ec)) {
      throw UsageError{fmt::format("--{} {}: that is the input '{}', which writing would destroy; choose another file", option,
                                   path, input)};
    }
  }
  if (path.empty() || std::filesystem::is_directory(p, ec)) {
    throw UsageError{fmt::format("--{} '{}': expected a file name, such as report.html", option, path)};
  }
  const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path{"."};
  if (!std::filesystem::is_directory(dir, ec)) {
    throw UsageError{fmt::format("--{} {}: the directory '{}' does not exist", option, path, dir.string())};
  }
  probe_directory(dir, fmt::format("--{} {}", option, path));
}

RunOptions replication_options(const po::variables_map& vm, bool quiet) {
  RunOptions run_options;
  if (vm.count("replications")) {
    const int n = vm["replications"].as<int>();
    // The same bounds as the scenario key, from the one schema table.
    const int most = max_replications();
    if (n < 1) throw UsageError{fmt::format("--replications must be at least 1 (got {})", n)};
    if (n > most) throw UsageError{fmt::format("--replications must be at most {} (got {})", most, n)};
    run_options.replications = n;
  }
  if (vm.count("seed")) run_options.seed = parse_seed(vm["seed"].as<std::string>());
  run_options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("threads")) {
    const int t = vm["threads"].as<int>();
    if (t < 1) throw UsageError{fmt::format("--threads must be at least 1 (got {})", t)};
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int most = max_threads();
    if (t > most) {
      throw UsageError{fmt::format("--threads must be at most {} on this machine ({} cores; got {})", most, cores, t)};
    }
    run_options.threads = t;
  }
  if (!quiet && ::isatty(STDERR_FILENO)) attach_progress_line(run_options);
  return run_options;
}

std::vector<std::string> strings(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

}  // namespace cisim::app

namespace cisim::app {

void write_requested_outputs(const po::variables_map& vm, bool quiet, const std::function<NamedFiles()>& files,
                             const std::function<std::string()>& html) {
  if (vm.count("out")) {
    const std::filesystem::path dir{vm["out"].as<std::string>()};
    NamedFiles in_dir = files();
    for (auto& [name, contents] : in_dir) name = (dir / name).string();
    write_files_as_a_set(in_dir);
  }
  if (vm.count("report")) {
    const std::string path = vm["report"].as<std::string>();
    write_file_atomically(path, html());
    if (!quiet) fmt::print(stderr, "cisim: report written to {}\n", path);
  }
}

}  // namespace cisim::app

namespace cisim::app {

TraceOptions trace_options(const po::variables_map& vm) {
  TraceOptions t;
  t.enabled = true;
  const std::string share = vm["trace-released"].as<std::string>();
  const Parsed<double> parsed = parse_fraction(share);
  if (!parsed.value) throw UsageError{fmt::format("--trace-released '{}': {}", share, parsed.error)};
  t.released_share = *parsed.value;
  const long long limit = vm["trace-limit"].as<long long>();
  if (limit < 1 || limit > static_cast<long long>(kMaxTraceRecords)) {
    throw UsageError{fmt::format("--trace-limit {}: expected 1 to {} records", limit, kMaxTraceRecords)};
  }
  t.limit = static_cast<std::size_t>(limit);
  return t;
}

}  // namespace cisim::app
