// SPDX-License-Identifier: MIT
// run_scenario: replications of the scenario's customs model, on one or more threads.
#include "cisim/run.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/core.h>

#include "cisim/model/model_partition.hpp"
#include "cisim/scenario/schema.hpp"

namespace cisim {

int max_replications() {
  const KeySpec* spec = find_key_spec("replications");
  return static_cast<int>(spec && spec->max ? *spec->max : 1e9);
}

int max_threads() {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(64, 4 * cores);
}

double run_memory_bytes(const Scenario& scenario, int replications, int threads) {
  const CustomsModelConfig& m = scenario.model;
  const auto days = static_cast<double>(days_covering(m.horizon));
  const auto facilities = static_cast<double>(m.facilities.size());
  const auto streams = static_cast<double>(m.streams.size());
  const double kept = static_cast<double>(replications) * days * facilities *
                      static_cast<double>(sizeof(CustomsTally) + sizeof(OfficerTime));
  // Per replication in progress (at most threads + 1 at once) the cells of its parts, and
  // of the whole recorder they are copied into at its end.
  const double in_progress = static_cast<double>(std::min(std::max(1, threads) + 1, std::max(1, replications)));
  const double working = in_progress * 2.0 * days * streams * static_cast<double>(kLanes * sizeof(CustomsTally));
  // Each replication in progress draws its own seller populations: about 62 bytes a seller
  // (volume table, multiplier, history, findings, delisting time; measured with 1 M and 5 M
  // sellers), counted as 64. A stream may declare 10 million.
  constexpr double kSellerBytes = 64.0;
  double sellers = 0.0;
  for (const CustomsStream& s : m.streams) sellers += s.sellers ? static_cast<double>(s.sellers->count) : 0.0;
  return kept + working + in_progress * sellers * kSellerBytes;
}

RunResults run_scenario(const Scenario& scenario, const RunOptions& options) {
  RunResults results;
  results.seed = options.seed.value_or(scenario.seed);
  results.replications = options.replications.value_or(scenario.replications);
  const bool tracing = options.trace.enabled;
  // Work is (replication, part) tasks: replications side by side, and the independent parts
  // of one replication side by side when there are fewer replications than threads. A trace
  // samples the whole model's events in order, so with one each replication is one part.
  const std::vector<ModelPartition> parts = tracing ? std::vector{whole_model(scenario.model)} : partition_model(scenario.model);
  const std::size_t nparts = parts.size();
  const std::int64_t tasks = static_cast<std::int64_t>(results.replications) * static_cast<std::int64_t>(nparts);
  const int threads = static_cast<int>(std::clamp<std::int64_t>(options.threads, 1, std::max<std::int64_t>(1, tasks)));
  // A trace keeps up to its limit of records in memory until the run ends.
  const double trace_bytes = tracing ? static_cast<double>(std::min(options.trace.limit, kMaxTraceRecords) * sizeof(TraceRecord)) : 0.0;
  if (const double bytes = run_memory_bytes(scenario, results.replications, threads) + trace_bytes; bytes > kRunMemoryBudgetBytes) {
    const double gib = 1024.0 * 1024.0 * 1024.0;
    std::int64_t sellers = 0;
    for (const CustomsStream& s : scenario.model.streams) sellers += s.sellers ? s.sellers->count : 0;
    throw RunBudgetError(fmt::format(
        "this run would keep {:.1f} GiB in memory ({} replications of {} days at {} facilities with {} sellers, on {} threads); "
        "the limit is {:.0f} GiB: run fewer replications or threads, a shorter horizon or fewer sellers, or split it into a sweep",
        bytes / gib, results.replications, days_covering(scenario.model.horizon), scenario.model.facilities.size(), sellers,
        threads, kRunMemoryBudgetBytes / gib));
  }
  const auto reps = static_cast<std::size_t>(results.replications);
  results.per_replication.resize(reps);
  std::vector<std::uint64_t> dropped;
  if (tracing) {
    results.traces.resize(reps);
    dropped.resize(reps, 0);
  }
  // The trace's limit is shared out: each replication keeps at most its part.
  const std::size_t trace_capacity = tracing ? trace_records_per_replication(options.trace, reps) : 0;
  // A replication in progress: created by the first of its tasks handed out, finished by the
  // last to complete. Tasks go out in (replication, part) order, so at most threads + 1
  // replications are in progress at once.
  struct InProgress {
    std::optional<ShipmentTrace> trace;
    std::unique_ptr<CustomsReplication> replication;
    std::size_t parts_left = 0;
  };
  std::vector<InProgress> in_progress(reps);
  // Progress by expected shipments: a part without streams still counts a little.
  std::vector<double> weight(nparts);
  double total_weight = 0.0;
  for (std::size_t p = 0; p < nparts; ++p) {
    weight[p] = std::max(parts[p].expected_shipments_per_second, 1e-9);
    total_weight += weight[p] * static_cast<double>(reps);
  }
  double done_weight = 0.0;
  std::int64_t next = 0;
  std::mutex mutex;  // guards next, in_progress, done, first_error and the progress callback
  int done = 0;
  std::exception_ptr first_error;
  auto fail = [&] {
    const std::lock_guard lock{mutex};
    if (!first_error) first_error = std::current_exception();
    next = tasks;  // stop handing out work
  };
  auto work = [&] {
    for (;;) {
      std::size_t r = 0;
      std::size_t p = 0;
      CustomsReplication* replication = nullptr;
      {
        const std::lock_guard lock{mutex};
        if ((options.stop && options.stop->load()) || next >= tasks) return;
        r = static_cast<std::size_t>(next / static_cast<std::int64_t>(nparts));
        p = static_cast<std::size_t>(next % static_cast<std::int64_t>(nparts));
        ++next;
        InProgress& slot = in_progress[r];
        if (p == 0) {
          try {
            const RandomStreams streams{results.seed, static_cast<std::uint64_t>(options.first_replication) + r};
            if (tracing) slot.trace.emplace(options.trace, streams, trace_capacity);
            slot.replication = std::make_unique<CustomsReplication>(scenario.model, streams, parts, tracing ? &*slot.trace : nullptr);
            slot.parts_left = nparts;
          } catch (...) {
            if (!first_error) first_error = std::current_exception();
            next = tasks;
            return;
          }
        }
        replication = slot.replication.get();
      }
      try {
        replication->run_part(p);
      } catch (...) {
        fail();
        return;
      }
      std::unique_ptr<CustomsReplication> finished;
      {
        const std::lock_guard lock{mutex};
        done_weight += weight[p];
        if (options.on_share_done) options.on_share_done(std::min(1.0, done_weight / total_weight));
        if (--in_progress[r].parts_left > 0 || first_error) continue;
        finished = std::move(in_progress[r].replication);
      }
      try {
        results.per_replication[r] = finished->finish();  // each index is written by one thread
      } catch (...) {
        fail();
        return;
      }
      finished.reset();
      const std::lock_guard lock{mutex};
      if (tracing) {
        dropped[r] = in_progress[r].trace->dropped();
        results.traces[r] = in_progress[r].trace->take();
        in_progress[r].trace.reset();
      }
      ++done;
      if (options.on_progress) options.on_progress(done, results.replications);
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  }  // jthreads join here
  if (first_error) std::rethrow_exception(first_error);
  for (const std::uint64_t d : dropped) results.trace_dropped += d;
  if (done < results.replications) {
    throw RunCancelled(fmt::format("stopped after {} of {} replications", done, results.replications));
  }
  return results;
}

}  // namespace cisim
