// SPDX-License-Identifier: MIT
// ViolatorDisplacement: violating traffic that moves away from the enforcement it observes.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/random/random_streams.hpp"
#include "cisim/random/xoshiro256.hpp"

namespace cisim {

/// Per stream with a displacement rule (docs/model.md, "Displacement"): the interdiction rate
/// of violating shipments observed over a trailing window of days, on the stream and on its
/// routes; the share of its violating shipments that moves, which follows
///   target = strength x max(0, 1 - lowest route rate / own rate)
/// with a first-order lag (time constant `lag`), updated at each hour of arrivals; and the
/// move itself: a moved shipment takes the route with the lowest observed rate at the last
/// update (the first of equals), declares the rule's origin if it has one, and keeps everything it
/// carries. Draws come from "displacement/<stream>", so a stream's other draws are unchanged.
/// Only the streams of one part of the model (ModelPartition joins a stream with its routes).
class ViolatorDisplacement {
 public:
  ViolatorDisplacement(const CustomsModelConfig& config, const std::vector<std::uint32_t>& part_streams,
                       const RandomStreams& streams, std::size_t days);

  /// Whether stream s is observed (it has a rule or is a route of one).
  bool tracks(std::uint32_t s) const { return !tracked_.empty() && tracked_[s].has_value(); }
  /// Whether stream s has a rule (its violators may move).
  bool moves(std::uint32_t s) const { return !rules_.empty() && rules_[s] != nullptr; }
  /// Updates the share moved of stream s at `now` (the start of an hour of its arrivals).
  void update(std::uint32_t s, SimTime now);
  /// A violating shipment drawn for a stream that moves: sent to a route, or left where it is.
  void route(ShipmentRecord& r);
  /// A violating shipment arrived on r.stream (after any move) / was seized or abandoned at `at`.
  void arrived(const ShipmentRecord& r) {
    if (!tracked_.empty() && tracked_[r.stream]) ++tracked_[r.stream]->arrived[day_of(r.arrived)];
  }
  void interdicted(const ShipmentRecord& r, SimTime at) {
    if (!tracked_.empty() && tracked_[r.stream] && r.carried) ++tracked_[r.stream]->interdicted[day_of(at)];
  }
  /// The share of stream s's violating shipments that moves now.
  double share(std::uint32_t s) const { return state_[s].share; }
  /// The interdiction rate of violating shipments observed on stream s (one with a rule or a
  /// route) over the `window_days` days ending with now's; 0 without arrivals.
  double observed_rate(std::uint32_t s, int window_days, SimTime now) const;

 private:
  struct Counts {
    explicit Counts(std::size_t days) : arrived(days, 0), interdicted(days, 0) {}
    std::vector<std::uint64_t> arrived, interdicted;  // per day
  };
  struct State {
    double share = 0.0;
    SimTime updated;
    std::uint32_t route = 0;  // the safest route at the last update
    std::optional<Xoshiro256> draws;
  };
  std::size_t day_of(SimTime t) const;

  std::vector<const DisplacementRule*> rules_;  // per stream; null without a rule (empty: no stream has one)
  std::vector<std::optional<Counts>> tracked_;  // per stream: those with a rule and their routes
  std::vector<State> state_;                    // per stream
  std::size_t days_;
};

}  // namespace cisim
