// SPDX-License-Identifier: MIT
// DrawnSource: a stream whose every shipment is drawn one by one (the per-shipment path).
#pragma once

#include <cstdint>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/shipment_draws.hpp"
#include "cisim/model/violator_displacement.hpp"
#include "model/customs_recorder.hpp"
#include "model/fulfillment.hpp"
#include "model/stream_source.hpp"

namespace cisim {

/// The per-shipment path of one stream (docs/model.md, "A shipment's life"): each hour, a
/// Poisson number of arrival events at uniform times, each a batch of shipments, each drawn
/// (or, at a fulfillment center, each consumer order) and entered through the run. Also the
/// aggregated source's way of drawing an hour that must be drawn one by one.
class DrawnSource final : public StreamSource, private ParcelSink {
 public:
  /// `reason`: the row of the table of eligibility that keeps the stream on this path.
  DrawnSource(const CustomsModelConfig& config, std::uint32_t s, ShipmentDraws& draws, PerShipmentReason reason,
              Fulfillment& fulfillment, ViolatorDisplacement& displacement, CustomsRecorder& recorder, StreamHost& host);

  /// Sellers who left before the hour's end are replaced at its start (as on the aggregated
  /// path), then the hour is drawn.
  void hour(const StreamHour& hour) override {
    draws_->sellers.turn_over(hour.from, hour.to, [&](std::uint32_t j, double, bool) { host_->seller_replaced(stream_, j); });
    draw(hour, reason_);
  }
  /// Draws the hour one by one, its shipments counted under `reason`.
  void draw(const StreamHour& hour, PerShipmentReason reason);

  const PerShipmentCounts& drawn_one_by_one() const override { return drawn_; }
  void seller_found(std::uint32_t seller, SimTime now) override { draws_->sellers.record_finding(seller, now); }
  void seller_sanctioned(std::uint32_t seller) override { draws_->sellers.record_sanction(seller); }

 private:
  // A fulfillment center's parcels and bulk entries, counted as drawn, on to the run.
  void enter(ShipmentRecord& r, bool has_data, Entry entry) override;

  const CustomsModelConfig* config_;
  std::uint32_t stream_;
  ShipmentDraws* draws_;
  PerShipmentReason reason_;
  Fulfillment* fulfillment_;
  ViolatorDisplacement* displacement_;
  CustomsRecorder* recorder_;
  StreamHost* host_;
  PerShipmentCounts drawn_{};
  std::uint64_t* counting_ = nullptr;  // the reason's count while an hour is drawn
};

}  // namespace cisim
