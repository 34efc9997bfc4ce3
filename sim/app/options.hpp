// SPDX-License-Identifier: MIT
// Option helpers shared by the cisim commands: parsing with Boost.Program_options, replication options, messages.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

#include "cisim/run.hpp"
#include "cisim/scenario/diagnostic.hpp"

namespace cisim::app {

namespace po = boost::program_options;

/// Parses the command's arguments, turning Boost's errors into UsageErrors with a "did you
/// mean" for misspelled options; with --help, prints the options and returns nothing.
std::optional<po::variables_map> parse_or_help(const std::vector<std::string>& args, const po::options_description& options,
                                               const po::positional_options_description& positional);

/// Every diagnostic on standard error, one a line; `quiet` leaves out the warnings.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool quiet);

/// The loader numbers every KEY=VALUE it was given as `--set:N`; those from the N-th on
/// (0-based `first`) came from `option` (--set-alt, --vary, ...): renamed and renumbered
/// from 1, so that an error points at what the user wrote.
std::vector<Diagnostic> attribute_sets(std::vector<Diagnostic> diagnostics, std::size_t first, const std::string& option);

/// `value` if it is one of `allowed`, else a UsageError naming `option` with a "did you mean".
std::string choose(const std::string& value, const std::vector<std::string>& allowed, const char* option);

/// Adds --replications, --seed and --threads, shared by every command that runs replications.
void add_replication_options(po::options_description& options);

/// --exact: the per-shipment reference path (docs/performance.md, "The aggregated path").
void add_exact_option(po::options_description& options);
/// The --set overrides with simulation=exact appended when --exact was given.
std::vector<std::string> with_exact(const po::variables_map& vm, std::vector<std::string> sets);

/// The RunOptions those options give (threads default to all cores), with a progress line
/// on standard error when it is a terminal and not `quiet`.
/// A --seed value: whole decimal digits that fit 64 bits; anything else is a usage error.
std::uint64_t parse_seed(const std::string& text);
/// Whether the report goes to standard output: always, except with --quiet and --out or
/// --report when no --format was asked for (--quiet silences progress and warnings, never
/// asked-for output).
bool prints_report(const po::variables_map& vm);

/// Creates `dir` if missing and checks that files can be written in it, so that an output
/// that cannot be written fails before the run, not after (a UsageError naming `option`).
void check_output_directory(const std::string& dir, const char* option);
/// The same for a file: its directory must exist and be writable, and it must not be one of
/// the command's `inputs` (a scenario, a sweep database), which writing would destroy.
void check_output_file(const std::string& path, const char* option, const std::vector<std::string>& inputs = {});

/// What --out DIR and --report FILE ask for, when given: `files` (names within DIR, and
/// contents) written as one set, and the page `html` written atomically to FILE. The
/// contents are made only for the outputs asked for.
using NamedFiles = std::vector<std::pair<std::string, std::string>>;
void write_requested_outputs(const po::variables_map& vm, bool quiet, const std::function<NamedFiles()>& files,
                             const std::function<std::string()>& html);
RunOptions replication_options(const po::variables_map& vm, bool quiet);

/// --trace-released and --trace-limit, checked (a share in [0, 1]; 1 to 10,000,000 records).
TraceOptions trace_options(const po::variables_map& vm);

/// The values of a repeatable option, empty when it was not given.
std::vector<std::string> strings(const po::variables_map& vm, const char* name);

}  // namespace cisim::app
