// SPDX-License-Identifier: MIT
// CustomsRun: one part of one replication of the customs model, its event handlers (private).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "cisim/engine/simulation.hpp"
#include "cisim/model/blitz_calendar.hpp"
#include "cisim/model/customs_model.hpp"
#include "cisim/model/entry_rules.hpp"
#include "cisim/model/events.hpp"
#include "cisim/model/inspection.hpp"
#include "cisim/model/model_partition.hpp"
#include "cisim/model/officer_pool.hpp"
#include "cisim/model/officer_pool_recorder.hpp"
#include "cisim/model/officer_time_recorder.hpp"
#include "cisim/model/per_shipment_reason.hpp"
#include "cisim/model/post_compliance.hpp"
#include "cisim/model/release_program.hpp"
#include "cisim/model/shipment_draws.hpp"
#include "cisim/model/shipment_trace.hpp"
#include "cisim/model/targeting.hpp"
#include "cisim/model/violator_displacement.hpp"
#include "model/customs_recorder.hpp"
#include "model/fulfillment.hpp"
#include "model/stream_source.hpp"

namespace cisim::detail {

/// One part of one replication (customs_model.cpp runs and merges them). Its events:
/// ArrivalSliceStarted (an hour of a stream begins; the stream's source draws or counts it),
/// ShipmentPresented (a selected shipment joins its facility's inspection line),
/// InspectionCompleted (outcome and release), ShiftChanged (officers), and the aggregated
/// source's SelectedArrival and HighRiskArrival. customs_run.cpp holds the handlers in the
/// order of a shipment's life (docs/model.md); the sources (stream_source.hpp) are the seam
/// where the per-shipment and the aggregated paths differ (docs/architecture.md).
class CustomsRun final : public StreamHost {
 public:
  CustomsRun(const CustomsModelConfig& config, const RandomStreams& streams, const ModelPartition& part, ShipmentTrace* trace);

  /// The part's events from the start to the horizon, then its conservation check.
  void simulate();

  const ModelPartition& part() const { return part_; }
  const CustomsRecorder& recorder() const { return recorder_; }
  const BlitzCalendar& blitzes() const { return blitzes_; }
  const OfficerPoolRecorder& pool_recorder(std::size_t f) const { return *pool_recorders_[f]; }
  const OfficerTimeRecorder* officer_time(std::size_t f) const { return officer_time_[f]; }
  std::uint64_t events_processed() const { return sim_.events_processed(); }
  /// Shipments over the whole horizon (warm-up included), and those of them the aggregated
  /// path counted by class without drawing them one by one.
  std::uint64_t shipments_arrived() const { return ledger_arrived_; }
  std::uint64_t shipments_counted_by_class() const { return ledger_counted_by_class_; }
  /// Shipments entered one by one, by the reason their stream or hour kept the per-shipment
  /// path (selected shipments of aggregated hours are not among them).
  PerShipmentCounts drawn_one_by_one() const;

 private:
  void on(const ShiftChanged& e);
  void on(const ArrivalSliceStarted& e);
  void on(const SelectedArrival& e) { sources_[e.stream]->on(e, sim_.now()); }
  void on(const HighRiskArrival& e) { sources_[e.stream]->on(e, sim_.now()); }
  void on(const AuditArrival& e) { sources_[e.stream]->on(e, sim_.now()); }
  void on(const ShipmentPresented& e);
  void on(const InspectionCompleted& e);

  // What the sources ask (StreamHost).
  void enter(ShipmentRecord& r, bool has_data, Entry entry) override;
  void present_selected(SelectedShipment& selected) override;
  void counted_by_class(std::uint64_t arrived, std::uint64_t refused, std::uint64_t line_refused, std::uint32_t facility,
                        SimTime from, SimTime now) override;
  void schedule(SimTime at, const ModelEvent& event) override { sim_.schedule_at(at, event); }
  bool line_has_room(std::uint32_t facility) const override { return pool(facility).has_room(); }
  double admission_bar(std::uint32_t facility) const override { return pool(facility).admission_bar(); }
  void seller_replaced(std::uint32_t s, std::uint32_t seller) override {
    release_program_.replace_seller(s, seller);
    fulfillment_.replace_seller(s, seller);
  }

  int on_duty_at(std::size_t f, SimTime t) const;
  void schedule_officer_change(std::size_t f);
  // The scored posts' terms for stream s's hour [from, to), after every scored stream's hour
  // that ended was counted (its items belong to the quarter that may close now).
  void post_terms(std::uint32_t s, StreamHour& hour);
  // An entered shipment's entry decision, counted at its arrival: what enter() and
  // present_selected() share (docs/model.md, "Entry types").
  void count_entry(ShipmentRecord& r, bool& has_data, bool high_risk, Entry entry, bool refused, bool rerouted);
  SelectionReason selection_reason(ShipmentRecord& r, bool has_data, bool high_risk, PostMeasure post);
  SelectionReason select(ShipmentRecord& r, bool has_data, bool sampled);
  bool seller_has_history(const ShipmentRecord& r) const {
    return r.seller != kNoSeller && draws_[r.drawn_stream]->sellers.has_history(r.seller);
  }
  /// The shipment's seller is still the one in its slot (turnover may have replaced it since).
  bool sent_by_seller(const ShipmentRecord& r) const {
    return r.seller != kNoSeller && draws_[r.drawn_stream]->sellers.sent(r.seller, r.arrived);
  }
  /// A targeted selection's place in a risk-ranked line: its score.
  void rank(ShipmentRecord& r, bool has_data) const {
    if (r.reason == SelectionReason::Targeted && config_.policies.targeting.ranked_line) [[unlikely]] r.score = score(r, has_data);
  }
  double score(const ShipmentRecord& r, bool has_data) const {
    return targeting_.score(r, config_.streams[r.stream].mode, has_data, seller_has_history(r));
  }
  void start_inspections(std::size_t f);
  // The line of facility f filled up or found room: its aggregated sources sleep or wake.
  void line_changed(std::size_t f);
  void release(const ShipmentRecord& r, ViolationSet found, SimTime at);
  void release_unexamined(std::uint32_t slot);
  bool traced(SimTime at) const { return trace_ != nullptr && at >= trace_from_; }

  std::uint32_t allocate(const ShipmentRecord& r);
  void free_slot(std::uint32_t slot) { free_.push_back(slot); }
  void check_conservation() const;

  ShipmentTrace* trace_;  // null unless --trace
  SimTime trace_from_;    // the end of the warm-up: the trace holds the measured window
  bool audits_;           // the audit rate is above 0 on some date: its own line, its own draw
  const CustomsModelConfig& config_;
  const ModelPartition& part_;
  Simulation<ModelEvent> sim_;
  EntryRules rules_;
  Targeting targeting_;
  BlitzCalendar blitzes_;
  ReleaseProgram release_program_;
  Inspection inspection_;
  Fulfillment fulfillment_;
  CustomsRecorder recorder_;
  ViolatorDisplacement displacement_;
  PostCompliance posts_;
  std::vector<char> watched_;  // per stream: displacement counts it, or its posts may be scored
  std::vector<std::optional<ShipmentDraws>> draws_;      // per stream; the part's own only
  std::vector<std::unique_ptr<StreamSource>> sources_;  // per stream; the part's own only
  std::vector<char> aggregated_;                         // per stream: its source counts by class
  std::vector<std::vector<std::uint32_t>> aggregated_at_;  // per facility: its aggregated streams
  std::vector<std::unique_ptr<OfficerPool>> pools_;   // per facility of the model: the part's own, else empty
  OfficerPool& pool(std::size_t f) { return *pools_[f]; }
  const OfficerPool& pool(std::size_t f) const { return *pools_[f]; }
  std::vector<OfficerPoolRecorder*> pool_recorders_;  // per facility; the part's own only
  std::vector<OfficerTimeRecorder*> officer_time_;    // per facility; the part's own only
  std::vector<std::size_t> eligible_;  // blitzes that may select the shipment being entered
  std::vector<ShipmentRecord> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t ledger_arrived_ = 0, ledger_released_ = 0, ledger_seized_ = 0, ledger_abandoned_ = 0, ledger_refused_ = 0;
  std::uint64_t ledger_counted_by_class_ = 0;  // of ledger_arrived_: never drawn one by one
};

}  // namespace cisim::detail
