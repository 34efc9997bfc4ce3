// SPDX-License-Identifier: MIT
// Fulfillment: orders, lot imports, parcels across the border, and stock removed after seizures.
#include "model/fulfillment.hpp"

#include <algorithm>
#include <cmath>

#include "cisim/model/entry_rules.hpp"

namespace cisim {

Fulfillment::Fulfillment(const CustomsModelConfig& config, const std::vector<std::uint32_t>& streams)
    : config_(&config), lots_(config.streams.size()) {
  for (const std::uint32_t s : streams) {
    const CustomsStream& stream = config.streams[s];
    lots_[s].resize(stream.fulfillment ? static_cast<std::size_t>(stream.sellers ? stream.sellers->count : 1) : 0);
  }
}

void Fulfillment::order(std::uint32_t s, SimTime at, ShipmentDraws& d, CustomsRecorder& recorder, ParcelSink& sink) {
  const CustomsStream& stream = config_->streams[s];
  const FulfillmentSupply& supply = *stream.fulfillment;
  const std::uint32_t seller = d.sellers.present() ? d.sellers.draw(at, std::nullopt, d.attributes) : 0;
  Lot& lot = lots_[s][seller];
  if (lot.id == kNoLot) {
    // The first lot was imported before the run; its stock left is uniform on 1..N (close
    // to the stationary residual of equal lots), so there is no burst of imports at 00:00.
    draw_lot(s, seller, at, d, lot);
    lot.units_left = 1 + static_cast<std::int64_t>(d.attributes.uniform01() * static_cast<double>(lot.units_left));
  }
  if (lot.units_left == 0) import_lot(s, seller, at, d, recorder, sink);
  // An order is filled from one lot (the rest of a larger order is not modelled).
  const std::int64_t units = std::min(d.items(stream, d.attributes), lot.units_left);
  lot.units_left -= units;
  if (!supply.foreign) return;  // a domestic order: no customs event
  const SimTime arrival = at + supply.transit;
  if (arrival >= SimTime::start() + config_->horizon) return;  // still in transit at the end
  send_parcels(s, seller, lot, units, arrival, supply.split_orders, recorder, sink);
}

// The seller's next lot: category, origin, unit value and violations drawn once for all its
// units (identical goods).
void Fulfillment::draw_lot(std::uint32_t s, std::uint32_t seller, SimTime at, ShipmentDraws& d, Lot& lot) {
  const CustomsStream& stream = config_->streams[s];
  Xoshiro256& g = d.attributes;
  lot.id = next_lot_id_++;
  lot.origin = static_cast<std::uint16_t>(d.origin(g));
  lot.category = static_cast<std::uint16_t>(d.category(g));
  double risk = config_->origins[lot.origin].risk_multiplier * stream.risk_multiplier.at(at);
  if (d.sellers.present()) {
    // A seller the platform limits stocks another category instead.
    for (int tries = 0; tries < 64 && d.sellers.restricted(seller, lot.category); ++tries) {
      lot.category = static_cast<std::uint16_t>(d.category(g));
    }
    risk *= d.sellers.risk_multiplier(seller);
  }
  const ProductCategory& category = config_->categories[lot.category];
  lot.unit_true_value_usd = std::max(0.0, sample(category.true_value_usd, g));
  lot.has_data = g.uniform01() < stream.advance_data_share.at(at);
  lot.carried = draw_violations(category, risk * stream.data_risk[lot.has_data ? 1 : 0], d.violations);
  lot.unit_declared_value_usd = declared_value_usd(category, lot.unit_true_value_usd, lot.carried);
  lot.units_left = std::max<std::int64_t>(1, sample_count(stream.fulfillment->lot_units, g));
  lot.entered_in_bulk = false;
}

// A lot is imported at `at`: entered in bulk by the center under the ultimate-consignee
// rule; otherwise its duty is avoided, and a lot bound for a domestic center crosses now as
// parcels under the threshold.
void Fulfillment::import_lot(std::uint32_t s, std::uint32_t seller, SimTime at, ShipmentDraws& d, CustomsRecorder& recorder,
                             ParcelSink& sink) {
  Lot& lot = lots_[s][seller];
  draw_lot(s, seller, at, d, lot);
  const auto& uc = config_->policies.ultimate_consignee_from;
  lot.entered_in_bulk = uc && at >= *uc;
  ShipmentRecord r = lot_record(s, seller, lot, lot.units_left, at);
  if (lot.entered_in_bulk) {
    sink.enter(r, lot.has_data, Entry::BulkEntry);
    return;
  }
  const double duty = EntryRules{*config_}.duty_rate(lot.category, lot.origin) * r.declared_value_usd;
  recorder.at_arrival(r, [&](CustomsTally& t) { t[Sum::BulkDutyAvoidedUsd] += duty; });
  if (!config_->streams[s].fulfillment->foreign) send_parcels(s, seller, lot, lot.units_left, at, true, recorder, sink);
}

// `units` of a lot cross to the US facility at `at`: as one parcel, or split into parcels
// under the de minimis threshold (as many units each as stay at or under it).
void Fulfillment::send_parcels(std::uint32_t s, std::uint32_t seller, const Lot& lot, std::int64_t units, SimTime at, bool split,
                               CustomsRecorder& recorder, ParcelSink& sink) {
  const double threshold = config_->policies.de_minimis_threshold_usd;
  std::int64_t per_parcel = units;
  if (split && !lot.entered_in_bulk && lot.unit_declared_value_usd * static_cast<double>(units) > threshold) {
    per_parcel = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(threshold / lot.unit_declared_value_usd)));
  }
  const Entry entry = lot.entered_in_bulk ? Entry::BulkCovered : Entry::BreakBulkParcel;
  for (std::int64_t sent = 0; sent < units; sent += per_parcel) {
    ShipmentRecord r = lot_record(s, seller, lot, std::min(per_parcel, units - sent), at);
    if (sent == 0 && per_parcel < units && config_->streams[s].fulfillment->foreign) {
      recorder.at_arrival(r, [](CustomsTally& t) { ++t[Count::SplitOrders]; });
    }
    sink.enter(r, lot.has_data, entry);
  }
}

ShipmentRecord Fulfillment::lot_record(std::uint32_t s, std::uint32_t seller, const Lot& lot, std::int64_t units, SimTime at) const {
  ShipmentRecord r;
  r.arrived = at;
  r.stream = s;
  r.seller = config_->streams[s].sellers ? seller : kNoSeller;
  r.drawn_stream = s;
  r.lot = lot.id;
  r.items = static_cast<std::uint32_t>(units);
  r.origin = lot.origin;
  r.category = lot.category;
  r.true_value_usd = lot.unit_true_value_usd * static_cast<double>(units);
  r.declared_value_usd = lot.unit_declared_value_usd * static_cast<double>(units);
  r.carried = lot.carried;
  return r;
}

void Fulfillment::after_seizure(const ShipmentRecord& r, SimTime now, Xoshiro256& g, CustomsRecorder& recorder) {
  if (r.lot == kNoLot) return;
  Lot& lot = lots_[r.stream][r.seller == kNoSeller ? 0 : r.seller];
  if (lot.id != r.lot || lot.units_left == 0) return;  // sold out or replaced meanwhile
  if (!r.bulk_entry) {
    const double share = config_->policies.destroy_identical_share;
    if (share <= 0.0 || g.uniform01() >= share) return;
    const auto units = static_cast<std::uint64_t>(lot.units_left);
    recorder.at_event(r, now, [&](CustomsTally& t) {
      ++t[Count::LotsDestroyed];
      t[Count::UnitsDestroyed] += units;
    });
  }
  lot.units_left = 0;
}

}  // namespace cisim
