// SPDX-License-Identifier: MIT
// StreamSource: what the run asks of one stream's shipments, per hour and per event; two sources.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cisim/model/events.hpp"
#include "cisim/model/per_shipment_reason.hpp"
#include "cisim/model/post_compliance.hpp"
#include "cisim/model/shipment_record.hpp"
#include "model/fulfillment.hpp"

namespace cisim {

struct SelectedShipment;

/// One hour [from, to) of a stream, as the run sees it when the hour begins.
struct StreamHour {
  SimTime from, to;
  double expected_arrivals = 0.0;  ///< arrival events (batches): rate x profiles x demand x the hour
  bool blitz_in_force = false;      ///< a blitz may select at the stream's facility in the hour
  bool warmup_ends = false;         ///< the end of the warm-up falls strictly inside the hour
  bool post_quarter_ends = false;   ///< a scored post's quarter (EO 13904) ends inside the hour
  /// Per origin, the scored posts' measures and data shares for the hour (empty when no post
  /// of the stream's mode may be scored; an origin not scored has no terms).
  std::vector<std::optional<PostTerms>> posts;
};

/// What a source asks of the run: every shipment drawn one by one goes through the run's one
/// entry and selection code (enter, as a fulfillment center's parcels do), and a selected
/// shipment of an aggregated class, whose selection its class decided, through the same entry
/// code and on to the inspection line (present_selected).
class StreamHost : public ParcelSink {
 public:
  virtual void present_selected(SelectedShipment& selected) = 0;
  /// Shipments counted by class: `arrived`, of which `refused` at the border (EO 13904); the
  /// others released uninspected. `line_refused` of them were selected and turned away by the
  /// full inspection line of `facility` at `now` (counted as the line's refusals).
  virtual void counted_by_class(std::uint64_t arrived, std::uint64_t refused, std::uint64_t line_refused,
                                std::uint32_t facility, SimTime from, SimTime now) = 0;
  virtual void schedule(SimTime at, const ModelEvent& event) = 0;
  virtual bool line_has_room(std::uint32_t facility) const = 0;
  /// A newcomer took seller `seller`'s place in stream `s` (turnover): what the run keeps per
  /// seller (a release program's plan, a fulfillment center's lot in stock) starts again.
  virtual void seller_replaced(std::uint32_t s, std::uint32_t seller) = 0;
  /// The score a selection must beat to enter the full line of `facility` (its risk-ranked
  /// line's lowest waiting score); infinite when nothing can enter.
  virtual double admission_bar(std::uint32_t facility) const = 0;

 protected:
  ~StreamHost() = default;
};

/// The shipments of one stream (docs/architecture.md, "Two stream sources"): the drawn source
/// draws every shipment one by one; the aggregated source counts an hour's shipments by class
/// and draws only the selected, or draws the hour one by one when a row of the table of
/// eligibility (per_shipment_rules()) says so. The run calls these and nothing else.
class StreamSource {
 public:
  virtual ~StreamSource() = default;
  /// The hour begins: its shipments arrive (or begin to).
  virtual void hour(const StreamHour& hour) = 0;
  /// Shipments drawn one by one so far (each counted once, under the reason its hour had).
  virtual const PerShipmentCounts& drawn_one_by_one() const = 0;

  /// A seller of the stream was found violating at `now`, or sanctioned.
  virtual void seller_found(std::uint32_t seller, SimTime now) = 0;
  virtual void seller_sanctioned(std::uint32_t seller) = 0;

  /// The inspection line of the stream's facility filled up (`room` false) or found room.
  virtual void line_changed(bool room, SimTime now) { (void)room, (void)now; }
  /// The source's own events at `now` (AggregatedStream's selected processes).
  virtual void on(const SelectedArrival& e, SimTime now) { (void)e, (void)now; }
  virtual void on(const HighRiskArrival& e, SimTime now) { (void)e, (void)now; }
  virtual void on(const AuditArrival& e, SimTime now) { (void)e, (void)now; }
  /// Ends the hour in progress if it ended by `now` (all hours at the horizon).
  virtual void end_hour(SimTime now) { (void)now; }
};

}  // namespace cisim
