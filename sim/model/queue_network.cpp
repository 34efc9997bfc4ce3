// SPDX-License-Identifier: MIT
// One replication of the validation queue network: arrivals, officer pools, shift changes, recorders.
#include "cisim/model/queue_network.hpp"

#include <type_traits>
#include <variant>

#include "cisim/base/assert.hpp"
#include "cisim/engine/simulation.hpp"
#include "cisim/model/events.hpp"
#include "cisim/model/officer_pool.hpp"
#include "cisim/model/officer_pool_recorder.hpp"

namespace cisim {
namespace {

// The next shipment of stream `stream` arrived (the arrival schedules its successor): the
// validation model draws arrivals one at a time, unlike the customs model's hour slices.
struct ShipmentArrived {
  std::uint32_t stream = 0;
};
using QueueEvent = std::variant<ShipmentArrived, InspectionCompleted, ShiftChanged>;

class QueueNetworkRun {
 public:
  QueueNetworkRun(const QueueNetwork& network, const RandomStreams& streams) : network_(network), sim_(streams) {
    for (const Facility& f : network.facilities) {
      CISIM_ASSERT(!f.methods.empty(), "a facility needs at least one inspection method");
      pools_.emplace_back(f.officers.officers_at(SimTime::start()), 1, f.waiting_limit);
      inspection_time_.push_back(sim_.stream("inspection_time/" + f.name));
      inspection_method_.push_back(sim_.stream("inspection_method/" + f.name));
      std::vector<double> shares;
      for (const auto& m : f.methods) shares.push_back(m.share);
      method_choice_.emplace_back(shares);
    }
    for (std::size_t i = 0; i < pools_.size(); ++i) {
      recorders_.push_back(&sim_.add_observer<OfficerPoolRecorder>());
      pools_[i].add_observer(recorders_.back(), sim_.now());
      if (auto next = network.facilities[i].officers.next_change_after(sim_.now())) {
        sim_.schedule_at(*next, ShiftChanged{static_cast<std::uint32_t>(i)});
      }
    }
    for (std::size_t s = 0; s < network.streams.size(); ++s) {
      CISIM_ASSERT(network.streams[s].facility < pools_.size(), "stream feeds a facility that does not exist");
      arrivals_.push_back(sim_.stream("arrivals/" + network.streams[s].name));
      batch_size_.push_back(sim_.stream("batch_size/" + network.streams[s].name));
      schedule_next_arrival(static_cast<std::uint32_t>(s));
    }
  }

  QueueNetworkResult run() {
    const SimTime warmup_end = SimTime::start() + network_.warmup;
    const SimTime horizon = SimTime::start() + network_.horizon;
    auto handle = [this](const QueueEvent& event) {
      std::visit([this](const auto& e) { on(e); }, event);
    };
    sim_.run_until(warmup_end, handle);
    sim_.end_warmup();
    sim_.run_until(horizon, handle);
    sim_.finish();
    QueueNetworkResult result;
    result.events_processed = sim_.events_processed();
    for (std::size_t i = 0; i < pools_.size(); ++i) {
      result.facilities.push_back(summarise_pool(network_.facilities[i].name, *recorders_[i]));
    }
    return result;
  }

 private:
  void on(const ShipmentArrived& e) { on_shipment_arrived(e); }
  void on(const InspectionCompleted& e) { on_inspection_completed(e); }
  void on(const ShiftChanged& e) { on_shift_changed(e); }

  void on_shipment_arrived(const ShipmentArrived& e) {
    const QueueStream& stream = network_.streams[e.stream];
    const std::size_t f = stream.facility;
    const std::int64_t shipments = stream.arrivals.batch(batch_size_[e.stream]);
    for (std::int64_t i = 0; i < shipments; ++i) {
      pools_[f].request(sim_.now(), InspectionRequest{next_shipment_++, sim_.now(), 0});
      start_inspections(f);
    }
    schedule_next_arrival(e.stream);
  }

  void on_inspection_completed(const InspectionCompleted& e) {
    pools_[e.facility].finish(sim_.now());
    start_inspections(e.facility);
  }

  void on_shift_changed(const ShiftChanged& e) {
    const ShiftSchedule& schedule = network_.facilities[e.facility].officers;
    pools_[e.facility].set_on_duty(sim_.now(), schedule.officers_at(sim_.now()));
    start_inspections(e.facility);
    if (auto next = schedule.next_change_after(sim_.now())) sim_.schedule_at(*next, e);
  }

  void start_inspections(std::size_t f) {
    const auto& methods = network_.facilities[f].methods;
    while (auto started = pools_[f].start_next(sim_.now())) {
      // One method needs no draw, so adding a second method is what changes the streams.
      const std::size_t m = methods.size() == 1 ? 0 : method_choice_[f](inspection_method_[f]);
      const double seconds = sample(methods[m].duration_seconds, inspection_time_[f]);
      sim_.schedule_in(Duration::from_seconds(seconds),
                       InspectionCompleted{static_cast<std::uint32_t>(f), 0});
    }
  }

  void schedule_next_arrival(std::uint32_t s) {
    if (auto next = network_.streams[s].arrivals.next_event_after(sim_.now(), arrivals_[s])) {
      sim_.schedule_at(*next, ShipmentArrived{s});
    }
  }


  const QueueNetwork& network_;
  Simulation<QueueEvent> sim_;
  std::vector<OfficerPool> pools_;
  std::vector<OfficerPoolRecorder*> recorders_;
  std::vector<Xoshiro256> inspection_time_;
  std::vector<Xoshiro256> inspection_method_;
  std::vector<Categorical> method_choice_;
  std::vector<Xoshiro256> arrivals_;
  std::vector<Xoshiro256> batch_size_;
  std::uint64_t next_shipment_ = 0;
};

}  // namespace

QueueNetworkResult run_queue_network(const QueueNetwork& network, const RandomStreams& streams) {
  return QueueNetworkRun{network, streams}.run();
}

}  // namespace cisim
