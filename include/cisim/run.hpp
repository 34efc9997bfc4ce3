// SPDX-License-Identifier: MIT
// run_scenario: the single call the CLI and the golden tests use to run a scenario.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

#include "cisim/model/customs_model.hpp"
#include "cisim/model/shipment_trace.hpp"
#include "cisim/scenario/scenario.hpp"

namespace cisim {

/// What the command line may change about a run (the scenario controls the model).
struct RunOptions {
  std::optional<int> replications;     ///< overrides the scenario's
  /// The number of the first replication: with F, the run is replications F to F + N - 1
  /// (replication r always draws from RandomStreams{seed, r}), so a sweep can add
  /// replications 10 to 19 to points run with 10 and get what a run of 20 would have.
  int first_replication = 0;
  std::optional<std::uint64_t> seed;   ///< overrides the scenario's
  /// Replications, and the independent parts of each (ModelPartition), run side by side on
  /// this many threads; the results do not depend on it.
  int threads = 1;
  /// Called after each replication with (done, total), from the thread that finished it
  /// (calls are serialised). For progress display only: results never depend on it.
  std::function<void(int, int)> on_progress;
  /// Called after each part of a replication (ModelPartition) with the share of the run's
  /// expected shipments simulated so far, from 0 to 1 (serialised like on_progress): the
  /// progress of a long run of one replication. For display only.
  std::function<void(double)> on_share_done;
  /// When set and it becomes true (from another thread, say on Ctrl-C), no further
  /// replication starts and run_scenario throws RunCancelled once those running finish.
  const std::atomic<bool>* stop = nullptr;
  /// Per-shipment records (--trace); the results are the same with or without.
  TraceOptions trace;
};

/// A run stopped through RunOptions::stop before all its replications were done.
class RunCancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RunResults {
  std::uint64_t seed = 0;
  int replications = 0;
  std::vector<CustomsResult> per_replication;  ///< index = replication
  /// With RunOptions::trace: each replication's records, and how many did not fit.
  std::vector<std::vector<TraceRecord>> traces;
  std::uint64_t trace_dropped = 0;
};

/// The most replications a run takes: the schema's bound on the `replications` key.
int max_replications();
/// The most threads a run takes on this machine: threads beyond the cores only wait, and far
/// beyond them the system refuses to create them.
int max_threads();

/// The most memory a run may keep for its results and working cells (decision 0008).
inline constexpr double kRunMemoryBudgetBytes = 8.0 * 1024 * 1024 * 1024;

/// A run too large to keep in memory, refused before it starts (a usage error: the run's
/// size is the user's choice of replications, horizon and facilities).
class RunBudgetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The memory `replications` of the scenario keep, on `threads` threads: per replication a
/// daily tally and officer time per facility, per replication in progress the recorders' cells
/// and the seller populations.
double run_memory_bytes(const Scenario& scenario, int replications, int threads);

/// Runs every replication r with RandomStreams{seed, r}. With several threads, each takes
/// the next (replication, part) task; a replication's result is made from its parts in
/// their fixed order and stored at its index, so the results (and every report made from
/// them) are identical whatever the thread count and finishing order.
/// Throws ConservationError (a simulation error) if a replication loses a shipment, and
/// RunBudgetError before anything runs if run_memory_bytes exceeds kRunMemoryBudgetBytes.
RunResults run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace cisim
