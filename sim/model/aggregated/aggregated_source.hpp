// SPDX-License-Identifier: MIT
// AggregatedSource: a stream's hours counted by class where the table of eligibility allows.
#pragma once

#include <cstdint>

#include "model/aggregated/aggregated_stream.hpp"
#include "model/drawn_source.hpp"
#include "model/stream_source.hpp"

namespace cisim {

/// The aggregated path of one stream (docs/performance.md, "The aggregated path"), as the run
/// sees it: each hour that no hour row of per_shipment_rules() keeps on the per-shipment path
/// is counted by class (AggregatedStream), its selected shipments presented one by one through
/// the run while the facility's line has room; any other hour is drawn one by one (`drawn`).
class AggregatedSource final : public StreamSource {
 public:
  AggregatedSource(const CustomsModelConfig& config, std::uint32_t s, const Targeting& targeting, const EntryRules& rules,
                   ShipmentDraws& draws, const RandomStreams& streams, PostCompliance& posts, DrawnSource drawn,
                   CustomsRecorder& recorder, ShipmentTrace* trace, StreamHost& host);

  void hour(const StreamHour& hour) override;
  const PerShipmentCounts& drawn_one_by_one() const override { return drawn_.drawn_one_by_one(); }
  void seller_found(std::uint32_t seller, SimTime now) override { stream_.record_finding(seller, now); }
  void seller_sanctioned(std::uint32_t seller) override { stream_.record_sanction(seller); }
  void line_changed(bool room, SimTime now) override;
  void on(const SelectedArrival& e, SimTime now) override;
  void on(const HighRiskArrival& e, SimTime now) override;
  void on(const AuditArrival& e, SimTime now) override;
  void end_hour(SimTime now) override;

 private:
  // The next candidate of the selected process (awake, or asleep with a finite bar).
  void schedule_selected(SimTime now);
  // The trace while `from` is in the measured window (null before, or without --trace).
  ShipmentTrace* trace_at(SimTime from) const { return from >= measured_from_ ? trace_ : nullptr; }

  std::uint32_t s_;
  std::uint32_t facility_;
  AggregatedStream stream_;
  DrawnSource drawn_;
  PostCompliance* posts_;
  CustomsRecorder* recorder_;
  ShipmentTrace* trace_;
  SimTime measured_from_;  // the end of the warm-up: a trace holds the measured window
  StreamHost* host_;
};

}  // namespace cisim
