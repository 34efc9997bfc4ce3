// SPDX-License-Identifier: MIT
// One replication of the customs model: its parts (CustomsRun, customs_run.hpp), run and merged.
#include "cisim/model/customs_model.hpp"

#include <memory>
#include <optional>
#include <utility>

#include "cisim/base/assert.hpp"
#include "customs_run.hpp"

namespace cisim {

using detail::CustomsRun;

// What finish() needs of a part once it ran. The run itself (its event queue, its sources and
// the model-wide tables every run holds) is released as soon as it is summarised: all parts of
// a replication alive until its end made memory grow with the square of the number of
// facilities (issue 28). The first part's run is kept for its blitz calendar.
struct CustomsReplication::Part {
  std::unique_ptr<CustomsRun> run;
  std::optional<CustomsRecorder> recorder;
  std::vector<std::pair<std::uint32_t, OfficerTimeRecorder>> officer_time;  // per own facility
  std::vector<std::pair<std::uint32_t, FacilityQueueStats>> queues;         // per own facility
  bool holds_blitzes = false;
  std::uint64_t events_processed = 0;
  std::uint64_t shipments_arrived = 0;
  std::uint64_t shipments_counted_by_class = 0;
  PerShipmentCounts drawn_one_by_one{};
};

CustomsReplication::CustomsReplication(const CustomsModelConfig& config, const RandomStreams& streams,
                                       std::vector<ModelPartition> parts, ShipmentTrace* trace)
    : config_(config), streams_(streams), partitions_(std::move(parts)), trace_(trace), runs_(partitions_.size()) {
  CISIM_ASSERT(!trace || partitions_.size() == 1, "a trace samples the whole model's events in order");
}

CustomsReplication::~CustomsReplication() = default;

void CustomsReplication::run_part(std::size_t p) {
  Part& out = runs_[p];
  out.run = std::make_unique<CustomsRun>(config_, streams_, partitions_[p], trace_);
  CustomsRun& run = *out.run;
  run.simulate();
  const ModelPartition& part = run.part();
  out.recorder.emplace(run.recorder());
  for (const std::uint32_t f : part.facilities) {
    out.officer_time.emplace_back(f, *run.officer_time(f));
    out.queues.emplace_back(f, summarise_pool(config_.facilities[f].name, run.pool_recorder(f)));
  }
  out.holds_blitzes = part.holds_blitzes;
  out.events_processed = run.events_processed();
  out.shipments_arrived = run.shipments_arrived();
  out.shipments_counted_by_class = run.shipments_counted_by_class();
  out.drawn_one_by_one = run.drawn_one_by_one();
  if (p > 0) out.run.reset();
}

CustomsResult CustomsReplication::finish() {
  const std::size_t days = days_covering(config_.horizon);
  CustomsRecorder whole{config_, days};
  whole.measure_from(SimTime::start() + config_.warmup);
  std::vector<const OfficerTimeRecorder*> officer_time(config_.facilities.size(), nullptr);
  std::vector<const FacilityQueueStats*> queues(config_.facilities.size(), nullptr);
  CustomsResult result;
  for (const Part& p : runs_) {
    CISIM_ASSERT(p.recorder.has_value(), "finish before every part ran");
    whole.absorb(*p.recorder, p.holds_blitzes);
    for (const auto& [f, t] : p.officer_time) officer_time[f] = &t;
    for (const auto& [f, q] : p.queues) queues[f] = &q;
    result.events_processed += p.events_processed;
    result.shipments_arrived += p.shipments_arrived;
    result.shipments_counted_by_class += p.shipments_counted_by_class;
    for (std::size_t k = 0; k < kPerShipmentReasons; ++k) result.drawn_one_by_one[k] += p.drawn_one_by_one[k];
  }
  whole.finish(runs_.front().run->blitzes(), officer_time, result);
  for (const FacilityQueueStats* q : queues) result.queues.push_back(*q);
  runs_.clear();
  return result;
}

CustomsResult run_customs_model(const CustomsModelConfig& config, const RandomStreams& streams, ShipmentTrace* trace) {
  CustomsReplication replication{config, streams, trace ? std::vector{whole_model(config)} : partition_model(config), trace};
  for (std::size_t p = 0; p < replication.parts(); ++p) replication.run_part(p);
  return replication.finish();
}

}  // namespace cisim
