// SPDX-License-Identifier: MIT
// One replication of the customs model: its parts (CustomsRun, customs_run.hpp), run and merged.
#include "cisim/model/customs_model.hpp"

#include <memory>

#include "cisim/base/assert.hpp"
#include "customs_run.hpp"

namespace cisim {

using detail::CustomsRun;

struct CustomsReplication::Part {
  std::unique_ptr<CustomsRun> run;
};

CustomsReplication::CustomsReplication(const CustomsModelConfig& config, const RandomStreams& streams,
                                       std::vector<ModelPartition> parts, ShipmentTrace* trace)
    : config_(config), streams_(streams), partitions_(std::move(parts)), trace_(trace), runs_(partitions_.size()) {
  CISIM_ASSERT(!trace || partitions_.size() == 1, "a trace samples the whole model's events in order");
}

CustomsReplication::~CustomsReplication() = default;

void CustomsReplication::run_part(std::size_t p) {
  runs_[p].run = std::make_unique<CustomsRun>(config_, streams_, partitions_[p], trace_);
  runs_[p].run->simulate();
}

CustomsResult CustomsReplication::finish() {
  const std::size_t days = days_covering(config_.horizon);
  CustomsRecorder whole{config_, days};
  whole.measure_from(SimTime::start() + config_.warmup);
  std::vector<const OfficerTimeRecorder*> officer_time(config_.facilities.size(), nullptr);
  std::vector<const OfficerPoolRecorder*> pools(config_.facilities.size(), nullptr);
  CustomsResult result;
  for (const Part& p : runs_) {
    CISIM_ASSERT(p.run != nullptr, "finish before every part ran");
    const ModelPartition& part = p.run->part();
    whole.absorb(p.run->recorder(), part.holds_blitzes);
    for (const std::uint32_t f : part.facilities) {
      officer_time[f] = p.run->officer_time(f);
      pools[f] = &p.run->pool_recorder(f);
    }
    result.events_processed += p.run->events_processed();
    result.shipments_arrived += p.run->shipments_arrived();
    result.shipments_counted_by_class += p.run->shipments_counted_by_class();
    for (std::size_t k = 0; k < kPerShipmentReasons; ++k) result.drawn_one_by_one[k] += p.run->drawn_one_by_one()[k];
  }
  whole.finish(runs_.front().run->blitzes(), officer_time, result);
  for (std::size_t f = 0; f < pools.size(); ++f) {
    result.queues.push_back(summarise_pool(config_.facilities[f].name, *pools[f]));
  }
  runs_.clear();
  return result;
}

CustomsResult run_customs_model(const CustomsModelConfig& config, const RandomStreams& streams, ShipmentTrace* trace) {
  CustomsReplication replication{config, streams, trace ? std::vector{whole_model(config)} : partition_model(config), trace};
  for (std::size_t p = 0; p < replication.parts(); ++p) replication.run_part(p);
  return replication.finish();
}

}  // namespace cisim
