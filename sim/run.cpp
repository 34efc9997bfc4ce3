// SPDX-License-Identifier: MIT
// run_scenario: replications of the scenario's customs model, on one or more threads.
#include "cisim/run.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/core.h>

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
  const double working = static_cast<double>(std::max(1, threads)) * days * streams * static_cast<double>(kLanes * sizeof(CustomsTally));
  return kept + working;
}

RunResults run_scenario(const Scenario& scenario, const RunOptions& options) {
  RunResults results;
  results.seed = options.seed.value_or(scenario.seed);
  results.replications = options.replications.value_or(scenario.replications);
  const int threads_wanted = std::clamp(options.threads, 1, std::max(1, results.replications));
  // A trace keeps up to its limit of records in memory until the run ends.
  const double trace_bytes = options.trace.enabled
                                 ? static_cast<double>(std::min(options.trace.limit, kMaxTraceRecords) * sizeof(TraceRecord))
                                 : 0.0;
  if (const double bytes = run_memory_bytes(scenario, results.replications, threads_wanted) + trace_bytes; bytes > kRunMemoryBudgetBytes) {
    const double gib = 1024.0 * 1024.0 * 1024.0;
    throw RunBudgetError(fmt::format(
        "this run would keep {:.1f} GiB of results in memory ({} replications of {} days at {} facilities, on {} threads); "
        "the limit is {:.0f} GiB: run fewer replications or a shorter horizon, or split it into a sweep",
        bytes / gib, results.replications, days_covering(scenario.model.horizon),
        scenario.model.facilities.size(), threads_wanted, kRunMemoryBudgetBytes / gib));
  }
  results.per_replication.resize(static_cast<std::size_t>(results.replications));
  const bool tracing = options.trace.enabled;
  std::vector<std::uint64_t> dropped;
  if (tracing) {
    results.traces.resize(static_cast<std::size_t>(results.replications));
    dropped.resize(static_cast<std::size_t>(results.replications), 0);
  }
  // The trace's limit is shared out: each replication keeps at most its part.
  const std::size_t trace_capacity =
      tracing ? (std::min(options.trace.limit, kMaxTraceRecords) + static_cast<std::size_t>(results.replications) - 1) /
                    static_cast<std::size_t>(results.replications)
              : 0;
  std::atomic<int> next{0};
  std::mutex mutex;  // guards done, first_error and the progress callback
  int done = 0;
  std::exception_ptr first_error;
  auto work = [&] {
    for (;;) {
      if (options.stop && options.stop->load()) return;
      const int r = next.fetch_add(1);
      if (r >= results.replications) return;
      try {
        const RandomStreams streams{results.seed, static_cast<std::uint64_t>(options.first_replication) + static_cast<std::uint64_t>(r)};
        const auto i = static_cast<std::size_t>(r);
        if (tracing) {
          ShipmentTrace trace{options.trace, streams, trace_capacity};
          results.per_replication[i] = run_customs_model(scenario.model, streams, &trace);
          dropped[i] = trace.dropped();
          results.traces[i] = trace.take();
        } else {
          results.per_replication[i] = run_customs_model(scenario.model, streams);
        }
      } catch (...) {
        const std::lock_guard lock{mutex};
        if (!first_error) first_error = std::current_exception();
        next = results.replications;  // stop handing out work
        return;
      }
      const std::lock_guard lock{mutex};
      ++done;
      if (options.on_progress) options.on_progress(done, results.replications);
    }
  };
  const int threads = std::clamp(options.threads, 1, std::max(1, results.replications));
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
