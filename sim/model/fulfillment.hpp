// SPDX-License-Identifier: MIT
// Fulfillment: lots at fulfillment centers, break-bulk into parcels, bulk entries, destruction.
#pragma once

#include <cstdint>
#include <vector>

#include "cisim/model/customs_config.hpp"
#include "model/customs_recorder.hpp"
#include "cisim/model/shipment_draws.hpp"
#include "cisim/model/shipment_record.hpp"

namespace cisim {

/// Where the parcels and bulk entries of fulfillment centers go: the model's entry step.
class ParcelSink {
 public:
  virtual ~ParcelSink() = default;
  /// Shipment `r` arrives at its stream's US facility and is entered as `entry`.
  virtual void enter(ShipmentRecord& r, bool has_data, Entry entry) = 0;
};

/// Break-bulk and the ultimate-consignee rule (docs/model.md, "Fulfillment centers",
/// "Ultimate consignee", decision 0006). Each seller of a stream with a center holds one
/// lot of identical goods (one category, origin, unit value and set of violations); orders
/// take units from it, and a seller whose lot runs out imports the next (instant
/// replenishment). From a foreign center each order crosses as parcels `transit` later;
/// to a domestic center the lot itself crosses as parcels under the threshold. Under the
/// ultimate-consignee rule the center enters each lot as one bulk entry instead.
class Fulfillment {
 public:
  /// Lots for the fulfillment centers of `streams` (a model partition's), and only those.
  Fulfillment(const CustomsModelConfig& config, const std::vector<std::uint32_t>& streams);

  /// A consumer order of stream `s` at time `at`.
  void order(std::uint32_t s, SimTime at, ShipmentDraws& draws, CustomsRecorder& recorder, ParcelSink& sink);
  /// After a seizure of `r` at `now`: the rest of its lot leaves stock when `r` was the
  /// lot's bulk entry, and, for a parcel, when the center complies with the request to
  /// destroy identical goods (policies.destroy_identical_share).
  void after_seizure(const ShipmentRecord& r, SimTime now, Xoshiro256& g, CustomsRecorder& recorder);

  /// A newcomer took seller `seller`'s place in stream `s` (turnover): the leaver's stock
  /// leaves with it, and the newcomer's first order brings a lot of its own.
  void replace_seller(std::uint32_t s, std::uint32_t seller) {
    if (seller < lots_[s].size()) lots_[s][seller] = Lot{};
  }

 private:
  struct Lot {
    std::int64_t units_left = 0;
    std::uint32_t id = kNoLot;
    std::uint16_t category = 0;
    std::uint16_t origin = 0;
    double unit_true_value_usd = 0.0;
    double unit_declared_value_usd = 0.0;
    ViolationSet carried = 0;
    bool has_data = true;
    bool entered_in_bulk = false;
  };
  void draw_lot(std::uint32_t s, std::uint32_t seller, SimTime at, ShipmentDraws& d, Lot& lot);

  void import_lot(std::uint32_t s, std::uint32_t seller, SimTime at, ShipmentDraws& d, CustomsRecorder& recorder, ParcelSink& sink);
  void send_parcels(std::uint32_t s, std::uint32_t seller, const Lot& lot, std::int64_t units, SimTime at, bool split,
                    CustomsRecorder& recorder, ParcelSink& sink);
  ShipmentRecord lot_record(std::uint32_t s, std::uint32_t seller, const Lot& lot, std::int64_t units, SimTime at) const;

  const CustomsModelConfig* config_;
  std::vector<std::vector<Lot>> lots_;  // [stream][seller]; empty for streams of other parts
  std::uint32_t next_lot_id_ = 0;
};

}  // namespace cisim
