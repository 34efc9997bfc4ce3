// SPDX-License-Identifier: MIT
// One replication of the customs model. See docs/model.md for the rules and their sources.
#include "cisim/model/customs_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "cisim/engine/assert.hpp"
#include "cisim/engine/simulation.hpp"
#include "cisim/model/events.hpp"
#include "cisim/model/officer_pool.hpp"
#include "cisim/model/officer_pool_recorder.hpp"

namespace cisim {
namespace {

constexpr std::uint32_t kNoSeller = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kNoLot = std::numeric_limits<std::uint32_t>::max();
constexpr std::int16_t kNoBlitz = -1;
const Duration kSlice = Duration::hours(1);

enum class Selection : std::uint8_t { Targeted, Random, Blitz, ReleaseProgram, Pending };

// How a shipment is entered: on its own, as a parcel of a fulfillment center's lot (on its
// own too), as a lot entered in bulk by the center, or as a parcel of a lot so entered.
enum class Entry : std::uint8_t { Own, BreakBulkParcel, BulkEntry, BulkCovered };

// What the model keeps of a shipment while it is in the system (selected, not yet released).
struct ShipmentRecord {
  SimTime arrived;
  double true_value_usd = 0.0;
  double declared_value_usd = 0.0;
  std::uint32_t stream = 0;
  std::uint32_t seller = kNoSeller;
  std::uint32_t lot = kNoLot;    // the fulfillment-center lot it came from, if any
  std::uint32_t items = 1;
  std::uint16_t category = 0;
  std::uint16_t origin = 0;
  std::int16_t blitz = kNoBlitz;  // the blitz that selected it, if any
  ViolationSet carried = 0;
  Selection selection = Selection::Random;
  std::uint8_t method = 0;
  bool measured = false;  // arrived after the warm-up
  bool bulk_entry = false;
};

// One seller's current bulk consignment at a fulfillment center: identical goods.
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

// A seller population drawn once per replication: who ships how much, and how risky.
struct Sellers {
  Categorical volume{std::vector<double>{1.0}};
  std::vector<double> risk_multiplier;
  std::vector<bool> history;          // a violation was found on one of its shipments
  std::vector<std::uint16_t> findings;  // how many times
  std::vector<SimTime> delisted_at;   // SimTime::max() while listed
  std::size_t delisted = 0;
};

class CustomsRun {
 public:
  CustomsRun(const CustomsModelConfig& config, const RandomStreams& streams) : config_(config), sim_(streams) {
    const std::size_t nf = config.facilities.size();
    result_.facilities.resize(nf);
    result_.streams.resize(config.streams.size());
    result_.blitzes.resize(config.blitzes.size());
    const auto days = static_cast<std::size_t>((config.horizon.ticks() + Duration::days(1).ticks() - 1) / Duration::days(1).ticks());
    result_.daily.assign(days, std::vector<CustomsTally>(nf));
    cells_.assign(days * config.streams.size(), CustomsTally{});
    blitz_count_.assign(config.blitzes.size(), std::vector<std::vector<int>>(nf, std::vector<int>(days, 0)));
    for (std::size_t f = 0; f < nf; ++f) {
      const CustomsFacility& facility = config.facilities[f];
      pools_.emplace_back(on_duty_at(f, SimTime::start()), 1, std::nullopt);
      recorders_.push_back(&sim_.add_observer<OfficerPoolRecorder>());
      pools_[f].add_observer(recorders_.back(), sim_.now());
      std::vector<double> shares;
      for (const auto& m : facility.methods) shares.push_back(m.share);
      if (shares.empty()) shares.push_back(1.0);  // a fulfillment center without officers: never drawn
      method_choice_.emplace_back(shares);
      inspection_time_.push_back(sim_.stream("inspection_time/" + facility.name));
      inspection_method_.push_back(sim_.stream("inspection_method/" + facility.name));
      detection_.push_back(sim_.stream("detection/" + facility.name));
      schedule_officer_change(f);
    }
    for (std::size_t s = 0; s < config.streams.size(); ++s) {
      const CustomsStream& stream = config.streams[s];
      arrivals_.push_back(sim_.stream("arrivals/" + stream.name));
      attributes_.push_back(sim_.stream("shipments/" + stream.name));
      violations_.push_back(sim_.stream("violations/" + stream.name));
      selection_.push_back(sim_.stream("selection/" + stream.name));
      origin_choice_.emplace_back(stream.origin_mix);
      category_choice_.emplace_back(stream.category_mix);
      sellers_.push_back(make_sellers(stream));
      lots_.emplace_back(stream.fulfillment ? static_cast<std::size_t>(stream.sellers ? stream.sellers->count : 1) : 0);
      // CSP-1 state per stream, or per seller when the plan applies to each seller.
      const bool per_seller = stream.release_program && stream.release_program->per_seller && stream.sellers;
      const std::size_t units = per_seller ? static_cast<std::size_t>(stream.sellers->count) : 1;
      csp_screening_.emplace_back(units, true);
      csp_clean_run_.emplace_back(units, 0);
      const auto* constant_items = std::get_if<Constant>(&stream.items);
      stream_items_single_.push_back(constant_items != nullptr && constant_items->value == 1.0);
      sim_.schedule_at(SimTime::start(), ArrivalSliceStarted{static_cast<std::uint32_t>(s)});
    }
    const TargetingModel& t = config.policies.targeting;
    if (t.enabled) threshold_score_ = std::log(t.threshold / (1.0 - t.threshold));
  }

  CustomsResult run() {
    auto handle = [this](const ModelEvent& event) { std::visit([this](const auto& e) { on(e); }, event); };
    const SimTime warmup_end = SimTime::start() + config_.warmup;
    sim_.run_until(warmup_end, handle);
    sim_.end_warmup();
    sim_.run_until(SimTime::start() + config_.horizon, handle);
    sim_.finish();
    check_conservation();
    sum_cells();
    for (std::size_t f = 0; f < pools_.size(); ++f) {
      result_.queues.push_back(summarise_pool(config_.facilities[f].name, *recorders_[f]));
    }
    result_.events_processed = sim_.events_processed();
    return std::move(result_);
  }

 private:
  // ---- officers: base shifts plus blitz surges ----

  int on_duty_at(std::size_t f, SimTime t) const {
    int officers = config_.facilities[f].officers.officers_at(t);
    for (const Blitz& b : config_.blitzes) {
      if (b.facilities[f] && t >= b.start && t < b.end) officers += b.surge_officers;
    }
    return officers;
  }

  void schedule_officer_change(std::size_t f) {
    const SimTime now = sim_.now();
    std::optional<SimTime> next = config_.facilities[f].officers.next_change_after(now);
    for (const Blitz& b : config_.blitzes) {
      if (!b.facilities[f] || b.surge_officers == 0) continue;
      for (SimTime edge : {b.start, b.end}) {
        if (edge > now && (!next || edge < *next)) next = edge;
      }
    }
    if (next && *next <= SimTime::start() + config_.horizon) sim_.schedule_at(*next, ShiftChanged{static_cast<std::uint32_t>(f)});
  }

  void on(const ShiftChanged& e) {
    pools_[e.facility].set_on_duty(sim_.now(), on_duty_at(e.facility, sim_.now()));
    start_inspections(e.facility);
    schedule_officer_change(e.facility);
  }

  // ---- arrivals: one hour of a stream at a time ----

  void on(const ArrivalSliceStarted& e) {
    const CustomsStream& stream = config_.streams[e.stream];
    const SimTime from = sim_.now();
    const SimTime horizon = SimTime::start() + config_.horizon;
    const SimTime to = std::min(from + kSlice, horizon);
    const double seconds = (to - from).to_seconds();
    const double expected_events =
        stream.arrivals.rate_per_second() * stream.arrivals.multiplier_at(from) * demand_response(stream, from) * seconds;
    Xoshiro256& g = arrivals_[e.stream];
    // Blitz windows are whole days, so the blitzes that apply to this stream's facility are
    // the same for the whole hour: find them once, not once per shipment.
    active_blitzes_.clear();
    for (std::size_t b = 0; b < config_.blitzes.size(); ++b) {
      const Blitz& blitz = config_.blitzes[b];
      if (blitz.facilities[stream.facility] && from >= blitz.start && from < blitz.end) active_blitzes_.push_back(b);
    }
    slice_from_ = from;
    slice_to_ = to;
    const std::int64_t events = Poisson{expected_events}(g);
    for (std::int64_t i = 0; i < events; ++i) {
      // Given their number, Poisson arrival times in the hour are independent and uniform.
      const SimTime at = from + Duration::from_seconds(g.uniform01() * seconds);
      const std::int64_t shipments = stream.arrivals.batch(g);
      for (std::int64_t k = 0; k < shipments; ++k) {
        if (stream.fulfillment) {
          fulfil_order(e.stream, at);
        } else {
          generate_shipment(e.stream, at);
        }
      }
    }
    if (to < horizon) sim_.schedule_at(to, e);
  }

  void generate_shipment(std::uint32_t s, SimTime at) {
    const CustomsStream& stream = config_.streams[s];
    Xoshiro256& g = attributes_[s];
    ShipmentRecord r;
    r.arrived = at;
    r.stream = s;
    r.measured = at >= SimTime::start() + config_.warmup;
    r.origin = static_cast<std::uint16_t>(origin_choice_[s](g));
    r.category = static_cast<std::uint16_t>(category_choice_[s](g));
    const ProductCategory& category = config_.categories[r.category];
    double risk = config_.origins[r.origin].risk_multiplier * stream.risk_multiplier;
    if (stream.sellers) {
      r.seller = draw_seller(s, at, r.category);
      risk *= sellers_[s].risk_multiplier[r.seller];
    }
    r.true_value_usd = std::max(0.0, sample(category.true_value_usd, g));
    const bool has_data = g.uniform01() < stream.advance_data_share;
    r.carried = draw_violations(category, risk, violations_[s]);
    r.declared_value_usd = contains(r.carried, ViolationKind::Undervaluation) ? r.true_value_usd * category.undervaluation_factor
                                                                             : r.true_value_usd;
    r.items = static_cast<std::uint32_t>(stream_items_single_[s] ? 1 : sample_count(stream.items, g));
    enter(r, has_data, Entry::Own);
  }

  // A seller by volume share. A delisted seller's buyers go to another seller, and so do a
  // high-propensity seller's in a category the platform limits: draw again (a few tries
  // suffice while few are excluded; past that, the last draw stands).
  std::uint32_t draw_seller(std::uint32_t s, SimTime at, std::optional<std::uint16_t> category) {
    Sellers& sellers = sellers_[s];
    Xoshiro256& g = attributes_[s];
    const bool limits = category && !config_.streams[s].sellers->restricted_categories.empty();
    auto excluded = [&](std::uint32_t seller) {
      return at >= sellers.delisted_at[seller] || (limits && restricted(s, seller, *category));
    };
    auto seller = static_cast<std::uint32_t>(sellers.volume(g));
    for (int tries = 0; tries < 64 && excluded(seller); ++tries) seller = static_cast<std::uint32_t>(sellers.volume(g));
    return seller;
  }

  // Limits on high-risk products: a high-propensity seller may not sell these categories.
  bool restricted(std::uint32_t s, std::uint32_t seller, std::uint16_t category) const {
    const SellerPopulation& p = *config_.streams[s].sellers;
    return !p.restricted_categories.empty() && p.restricted_categories[category] &&
           sellers_[s].risk_multiplier[seller] >= p.vetting_above;
  }

  // Entry classification, counting, selection and release of one shipment at r.arrived
  // (docs/model.md, "Entry types").
  // Always inlined: it is the per-shipment hot path, and most of its branches fold away
  // for ordinary shipments (Entry::Own) once inlined into generate_shipment.
  [[gnu::always_inline]] inline void enter(ShipmentRecord& r, bool has_data, Entry entry) {
    const std::uint32_t s = r.stream;
    const CustomsStream& stream = config_.streams[s];
    const std::size_t f = stream.facility;
    const SimTime at = r.arrived;
    const std::uint16_t origin = r.origin;
    const auto& policy = config_.policies;
    // Parcels of goods entered in bulk make no entry of their own: no claim, no duty.
    const bool covered = entry == Entry::BulkCovered;
    r.bulk_entry = entry == Entry::BulkEntry;
    // Formal entry for high-risk shipments: whatever the value, and with the full data a
    // formal entry files, which the targeting then sees.
    const bool high_risk = !covered && policy.formal_entry.enabled && is_high_risk(r, origin, has_data);
    if (high_risk) has_data = true;
    // A bulk entry is informal or formal by value, never de minimis.
    const bool under_threshold = !covered && !r.bulk_entry && r.declared_value_usd <= policy.de_minimis_threshold_usd && !high_risk;
    const bool de_minimis = under_threshold && de_minimis_eligible(origin, r.category, at);
    const double rate = duty_rate(r.category, origin);
    const std::uint64_t items = r.items;
    // A postal item that lost de minimis may pay a specific duty per item instead (2025).
    const bool specific = under_threshold && !de_minimis && stream.mode == Mode::Postal && !policy.postal_specific_duty.empty();
    const double duty = covered    ? 0.0
                        : specific ? specific_duty(rate) * static_cast<double>(items)
                                   : rate * r.declared_value_usd;
    const auto day = day_of(at);
    for_each_scope(r, [&](CustomsTally& t) {
      ++t.arrivals;
      if (!covered) t.items += items;  // a covered parcel's items were counted with its bulk entry
      if (covered) {
        ++t.bulk_covered;
      } else if (de_minimis) {
        ++t.de_minimis;
        if (has_data) ++t.type86;
        t.duties_forgone_usd += duty;
      } else {
        (r.declared_value_usd <= policy.informal_limit_usd && !high_risk ? t.informal : t.formal) += 1;
        if (high_risk) ++t.formal_high_risk;
        t.duties_collected_usd += duty;
      }
      if (r.bulk_entry) ++t.bulk_entries;
      if (entry == Entry::BreakBulkParcel) ++t.breakbulk_parcels;
      if (r.carried) ++t.carrying_any;
      for (int k = 0; k < kViolationKinds; ++k) {
        if (contains(r.carried, static_cast<ViolationKind>(k))) ++t.carrying[static_cast<std::size_t>(k)];
      }
    });
    ++ledger_arrived_;
    if (stream.release_program) {
      // A release program decides when the shipment reaches the facility, after the outcomes
      // of earlier inspections are known (CSP-1 depends on them).
      r.selection = Selection::Pending;
      sim_.schedule_at(at, ShipmentPresented{allocate(r)});
      return;
    }
    bool selected = select(r, origin, has_data, f, day);
    if (!selected && high_risk && policy.formal_entry.inspection_rate > 0.0 &&
        selection_[s].uniform01() < policy.formal_entry.inspection_rate) {
      r.selection = Selection::Targeted;  // a risk-based rule: counted with targeting
      selected = true;
    }
    if (selected) {
      const std::uint32_t slot = allocate(r);
      // A formal entry is presented once it is filed.
      sim_.schedule_at(high_risk ? at + policy.formal_entry.filing_delay : at, ShipmentPresented{slot});
    } else {
      release(r, 0);
    }
  }

  // ---- fulfillment centers: break-bulk and bulk entries ----

  // A consumer order at a fulfillment center takes units of its seller's current lot; from
  // a foreign center it crosses to the US facility as parcels.
  void fulfil_order(std::uint32_t s, SimTime at) {
    const CustomsStream& stream = config_.streams[s];
    const FulfillmentSupply& supply = *stream.fulfillment;
    const std::uint32_t seller = stream.sellers ? draw_seller(s, at, std::nullopt) : 0;
    Lot& lot = lots_[s][seller];
    if (lot.id == kNoLot) {
      // The first lot was imported before the run; its stock left is uniform on 1..N (close
      // to the stationary residual of equal lots), so there is no burst of imports at 00:00.
      draw_lot(s, seller, lot);
      lot.units_left = 1 + static_cast<std::int64_t>(attributes_[s].uniform01() * static_cast<double>(lot.units_left));
    }
    if (lot.units_left == 0) import_lot(s, seller, at);
    const std::int64_t wanted = stream_items_single_[s] ? 1 : std::max<std::int64_t>(1, sample_count(stream.items, attributes_[s]));
    // An order is filled from one lot (the rest of a larger order is not modelled).
    const std::int64_t units = std::min(wanted, lot.units_left);
    lot.units_left -= units;
    if (!supply.foreign) return;  // a domestic order: no customs event
    const SimTime arrival = at + supply.transit;
    if (arrival >= SimTime::start() + config_.horizon) return;  // still in transit at the end
    send_parcels(s, seller, lot, units, arrival, supply.split_orders);
  }

  // The seller's next lot: category, origin, unit value and violations drawn once for all
  // its units (identical goods).
  void draw_lot(std::uint32_t s, std::uint32_t seller, Lot& lot) {
    const CustomsStream& stream = config_.streams[s];
    Xoshiro256& g = attributes_[s];
    lot.id = next_lot_id_++;
    lot.origin = static_cast<std::uint16_t>(origin_choice_[s](g));
    lot.category = static_cast<std::uint16_t>(category_choice_[s](g));
    double risk = config_.origins[lot.origin].risk_multiplier * stream.risk_multiplier;
    if (stream.sellers) {
      // A seller the platform limits stocks another category instead.
      for (int tries = 0; tries < 64 && restricted(s, seller, lot.category); ++tries) {
        lot.category = static_cast<std::uint16_t>(category_choice_[s](g));
      }
      risk *= sellers_[s].risk_multiplier[seller];
    }
    const ProductCategory& category = config_.categories[lot.category];
    lot.unit_true_value_usd = std::max(0.0, sample(category.true_value_usd, g));
    lot.has_data = g.uniform01() < stream.advance_data_share;
    lot.carried = draw_violations(category, risk, violations_[s]);
    lot.unit_declared_value_usd = contains(lot.carried, ViolationKind::Undervaluation)
                                      ? lot.unit_true_value_usd * category.undervaluation_factor
                                      : lot.unit_true_value_usd;
    lot.units_left = std::max<std::int64_t>(1, sample_count(stream.fulfillment->lot_units, g));
    lot.entered_in_bulk = false;
  }

  // A lot is imported at time `at`: entered in bulk by the center under the ultimate-consignee
  // rule; otherwise its duty is avoided, and a lot bound for a domestic center crosses now as
  // parcels under the threshold.
  void import_lot(std::uint32_t s, std::uint32_t seller, SimTime at) {
    const CustomsStream& stream = config_.streams[s];
    Lot& lot = lots_[s][seller];
    draw_lot(s, seller, lot);
    const auto& uc = config_.policies.ultimate_consignee_from;
    lot.entered_in_bulk = uc && at >= *uc;
    ShipmentRecord r = lot_record(s, seller, lot, lot.units_left, at);
    if (lot.entered_in_bulk) {
      enter(r, lot.has_data, Entry::BulkEntry);
      return;
    }
    const double rate = duty_rate(lot.category, lot.origin);
    for_each_scope(r, [&](CustomsTally& t) { t.bulk_duty_avoided_usd += rate * r.declared_value_usd; });
    if (!stream.fulfillment->foreign) send_parcels(s, seller, lot, lot.units_left, at, true);
  }

  // `units` of a lot cross to the US facility at `at`: as one parcel, or split into parcels
  // under the de minimis threshold (as many units each as stay at or under it).
  void send_parcels(std::uint32_t s, std::uint32_t seller, const Lot& lot, std::int64_t units, SimTime at, bool split) {
    const double threshold = config_.policies.de_minimis_threshold_usd;
    std::int64_t per_parcel = units;
    if (split && !lot.entered_in_bulk && lot.unit_declared_value_usd * static_cast<double>(units) > threshold) {
      per_parcel = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(threshold / lot.unit_declared_value_usd)));
    }
    const Entry entry = lot.entered_in_bulk ? Entry::BulkCovered : Entry::BreakBulkParcel;
    for (std::int64_t sent = 0; sent < units; sent += per_parcel) {
      ShipmentRecord r = lot_record(s, seller, lot, std::min(per_parcel, units - sent), at);
      if (sent == 0 && per_parcel < units && config_.streams[s].fulfillment->foreign) {
        for_each_scope(r, [](CustomsTally& t) { ++t.split_orders; });
      }
      enter(r, lot.has_data, entry);
    }
  }

  ShipmentRecord lot_record(std::uint32_t s, std::uint32_t seller, const Lot& lot, std::int64_t units, SimTime at) const {
    ShipmentRecord r;
    r.arrived = at;
    r.stream = s;
    r.measured = at >= SimTime::start() + config_.warmup;
    r.seller = config_.streams[s].sellers ? seller : kNoSeller;
    r.lot = lot.id;
    r.items = static_cast<std::uint32_t>(units);
    r.origin = lot.origin;
    r.category = lot.category;
    r.true_value_usd = lot.unit_true_value_usd * static_cast<double>(units);
    r.declared_value_usd = lot.unit_declared_value_usd * static_cast<double>(units);
    r.carried = lot.carried;
    return r;
  }

  // De minimis eligibility at time `at` under the 2025-style rules: suspended for everyone
  // from its date on, and withheld from excluded origins and categories from theirs. Dates
  // take effect at 00:00 of the day.
  bool de_minimis_eligible(std::uint16_t origin, std::uint16_t category, SimTime at) const {
    const CustomsPolicies& p = config_.policies;
    if (p.de_minimis_suspended_from && at >= *p.de_minimis_suspended_from) return false;
    if (at < p.exclusions_from) return true;
    if (!p.de_minimis_excluded_origins.empty() && p.de_minimis_excluded_origins[origin]) return false;
    if (!p.de_minimis_excluded_categories.empty() && p.de_minimis_excluded_categories[category]) return false;
    return true;
  }

  bool is_high_risk(const ShipmentRecord& r, std::uint16_t origin, bool has_data) const {
    const FormalEntryRule& rule = config_.policies.formal_entry;
    if (!rule.origins.empty() && rule.origins[origin]) return true;
    if (!rule.categories.empty() && rule.categories[r.category]) return true;
    return rule.min_score && score(r, origin, has_data) >= std::log(*rule.min_score / (1.0 - *rule.min_score));
  }

  double specific_duty(double rate) const {
    for (const auto& band : config_.policies.postal_specific_duty) {
      if (rate <= band.up_to_rate) return band.usd_per_item;
    }
    return config_.policies.postal_specific_duty.back().usd_per_item;
  }

  // Demand response (docs/model.md): the expected duty share a stream's shipments pay for
  // lost de minimis at time t, against the start, raised to -elasticity.
  double demand_response(const CustomsStream& stream, SimTime t) const {
    if (stream.demand_elasticity == 0.0) return 1.0;
    auto added_cost = [&](SimTime when) {
      double share = 0.0;
      for (std::size_t o = 0; o < stream.origin_mix.size(); ++o) {
        for (std::size_t c = 0; c < stream.category_mix.size(); ++c) {
          const double w = stream.origin_mix[o] * stream.category_mix[c];
          if (w == 0.0 || de_minimis_eligible(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), when)) continue;
          const double rate = duty_rate(static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(o));
          const double mean_value = mean_of(config_.categories[c].true_value_usd);
          // A postal item under a specific duty pays it per item: as a share of its value.
          const bool specific = stream.mode == Mode::Postal && !config_.policies.postal_specific_duty.empty() && mean_value > 0.0;
          share += w * (specific ? specific_duty(rate) * mean_of(stream.items) / mean_value : rate);
        }
      }
      return share;
    };
    return std::pow((1.0 + added_cost(t)) / (1.0 + added_cost(SimTime::start())), -stream.demand_elasticity);
  }

  // Each kind independently with chance min(1, prevalence x risk). Most shipments carry
  // nothing, so one draw first decides "any at all" (chance 1 - product of the misses);
  // only then are the kinds drawn, again until at least one comes up, which gives exactly
  // the independent draws conditioned on "any".
  static ViolationSet draw_violations(const ProductCategory& category, double risk, Xoshiro256& g) {
    PerViolation p{};
    double none = 1.0;
    for (std::size_t k = 0; k < p.size(); ++k) {
      p[k] = std::min(1.0, category.prevalence[k] * risk);
      none *= 1.0 - p[k];
    }
    if (g.uniform01() < none) return 0;
    for (;;) {
      ViolationSet carried = 0;
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (p[k] > 0.0 && g.uniform01() < p[k]) carried |= bit(static_cast<ViolationKind>(k));
      }
      if (carried) return carried;
    }
  }

  // Blitz first, then targeting, then the random compliance sample.
  bool select(ShipmentRecord& r, std::uint16_t origin, bool has_data, std::size_t f, std::size_t day) {
    Xoshiro256& g = selection_[r.stream];
    for (const std::size_t b : blitzes_at(f, r.arrived)) {
      const Blitz& blitz = config_.blitzes[b];
      if (!blitz.origins.empty() && !blitz.origins[origin]) continue;
      if (!blitz.categories.empty() && !blitz.categories[r.category]) continue;
      bool chosen = false;
      if (blitz.daily_count) {
        // The day's count is spread evenly over its hours, first come within each hour, so
        // inspections do not all queue at midnight: by the end of hour h at most
        // count x (h + 1) / 24 are selected, and exactly the count by the end of the day.
        int& count = blitz_count_[b][f][day];
        const std::int64_t hour = (r.arrived.ticks() / Duration::hours(1).ticks()) % 24;
        chosen = count < static_cast<int>(static_cast<std::int64_t>(*blitz.daily_count) * (hour + 1) / 24);
        if (chosen) ++count;
      } else {
        chosen = g.uniform01() < blitz.selection_rate.value_or(0.0);
      }
      if (chosen) {
        r.selection = Selection::Blitz;
        r.blitz = static_cast<std::int16_t>(b);
        return true;
      }
    }
    const TargetingModel& t = config_.policies.targeting;
    if (t.enabled && score(r, origin, has_data) >= threshold_score_) {
      r.selection = Selection::Targeted;
      return true;
    }
    if (config_.policies.random_rate > 0.0 && g.uniform01() < config_.policies.random_rate) {
      r.selection = Selection::Random;
      return true;
    }
    return false;
  }

  // The blitzes covering facility f at time t: those found for the current slice, unless the
  // shipment arrives outside it (a parcel in transit from a fulfillment center).
  const std::vector<std::size_t>& blitzes_at(std::size_t f, SimTime t) {
    if (t >= slice_from_ && t < slice_to_) return active_blitzes_;
    other_blitzes_.clear();
    for (std::size_t b = 0; b < config_.blitzes.size(); ++b) {
      const Blitz& blitz = config_.blitzes[b];
      if (blitz.facilities[f] && t >= blitz.start && t < blitz.end) other_blitzes_.push_back(b);
    }
    return other_blitzes_;
  }

  // w.x over the feature layout of TargetingModel. The features are one-hot indicators
  // plus two numbers, so the dot product is evaluated sparsely: the weights of the entries
  // that are 1, plus the weighted value term. The logistic is monotone, so comparing w.x
  // with logit(threshold) needs no exponential.
  double score(const ShipmentRecord& r, std::uint16_t origin, bool has_data) const {
    const Eigen::VectorXd& w = config_.policies.targeting.weights;
    const std::size_t no = config_.origins.size();
    const std::size_t nc = config_.categories.size();
    const auto mode = static_cast<std::size_t>(config_.streams[r.stream].mode);
    const auto at = [](std::size_t i) { return static_cast<Eigen::Index>(i); };
    double s = w[0] + w[at(1 + origin)] + w[at(1 + no + nc + mode)];
    const std::size_t tail = 1 + no + nc + kModes;
    if (has_data) {
      // Only advance electronic data reveals the category, value and seller before arrival.
      s += w[at(1 + no + r.category)];
      if (w[at(tail)] != 0.0) s += w[at(tail)] * std::log1p(r.declared_value_usd);
      if (r.seller != kNoSeller && sellers_[r.stream].history[r.seller]) s += w[at(tail + 2)];
    } else {
      s += w[at(tail + 1)];
    }
    return s;
  }

  // ---- inspection ----

  void on(const ShipmentPresented& e) {
    ShipmentRecord& r = slots_[e.slot];
    const std::size_t f = config_.streams[r.stream].facility;
    if (r.selection == Selection::Pending) {
      const ContinuousSamplingPlan& plan = *config_.streams[r.stream].release_program;
      const bool inspect = csp_screening_[r.stream][csp_unit(r)] || selection_[r.stream].uniform01() < plan.fraction;
      if (!inspect) {
        release(r, 0);
        free_slot(e.slot);
        return;
      }
      r.selection = Selection::ReleaseProgram;
    }
    const auto& limit = config_.facilities[f].waiting_limit;
    const bool line_full = limit && pools_[f].waiting() >= *limit;
    for_each_scope(r, [&](CustomsTally& t) {
      ++(r.selection == Selection::Blitz             ? t.selected_blitz
         : r.selection == Selection::Targeted        ? t.selected_targeted
         : r.selection == Selection::ReleaseProgram  ? t.selected_release_program
                                                     : t.selected_random);
      // Capacity-aware selection: with the line full, the shipment goes uninspected.
      if (line_full) ++t.selected_not_inspected;
    });
    if (line_full) {
      release(r, 0);
      free_slot(e.slot);
      return;
    }
    pools_[f].request(sim_.now(), InspectionRequest{e.slot, sim_.now(), 0});
    start_inspections(f);
  }

  void start_inspections(std::size_t f) {
    const CustomsFacility& facility = config_.facilities[f];
    while (auto started = pools_[f].start_next(sim_.now())) {
      const auto slot = static_cast<std::uint32_t>(started->shipment);
      ShipmentRecord& r = slots_[slot];
      std::size_t m = facility.methods.size() == 1 ? 0 : method_choice_[f](inspection_method_[f]);
      if (r.blitz != kNoBlitz) {
        if (const auto& name = config_.blitzes[static_cast<std::size_t>(r.blitz)].method) {
          for (std::size_t i = 0; i < facility.methods.size(); ++i) {
            if (facility.methods[i].name == *name) m = i;
          }
        }
      }
      r.method = static_cast<std::uint8_t>(m);
      double seconds = std::max(0.0, sample(facility.methods[m].duration_seconds, inspection_time_[f]));
      if (const auto& plan = config_.streams[r.stream].lot_sampling) {
        seconds += plan->time_per_item.to_seconds() * static_cast<double>(sample_size(*plan, r.items));
      }
      sim_.schedule_in(Duration::from_seconds(seconds), InspectionCompleted{static_cast<std::uint32_t>(f), slot});
    }
  }

  void on(const InspectionCompleted& e) {
    const std::size_t f = e.facility;
    pools_[f].finish(sim_.now());
    ShipmentRecord& r = slots_[e.slot];
    const CustomsMethod& method = config_.facilities[f].methods[r.method];
    ViolationSet found = 0;
    Xoshiro256& g = detection_[f];
    const auto& sampling = config_.streams[r.stream].lot_sampling;
    std::int64_t opened = 0;
    if (sampling && r.items > 1) {
      // Lot sampling: the violating items (a share of a violating consignment) are found
      // only if the sample holds some, and each is then found with the method's sensitivity.
      opened = sample_size(*sampling, r.items);
      const std::int64_t bad_in_sample = r.carried ? violating_in_sample(*sampling, r.items, opened, g) : 0;
      for (int k = 0; k < kViolationKinds; ++k) {
        const auto kind = static_cast<ViolationKind>(k);
        const double miss_one = 1.0 - method.sensitivity[static_cast<std::size_t>(k)];
        if (contains(r.carried, kind) && bad_in_sample > 0 &&
            g.uniform01() >= std::pow(miss_one, static_cast<double>(bad_in_sample))) {
          found |= bit(kind);
        }
      }
    } else {
      for (int k = 0; k < kViolationKinds; ++k) {
        const auto kind = static_cast<ViolationKind>(k);
        if (contains(r.carried, kind) && g.uniform01() < method.sensitivity[static_cast<std::size_t>(k)]) found |= bit(kind);
      }
    }
    const double dwell_hours = (sim_.now() - r.arrived).to_hours();
    for_each_scope(r, [&](CustomsTally& t) {
      ++t.inspected;
      if (r.bulk_entry) ++t.bulk_entries_inspected;
      t.items_sampled += static_cast<std::uint64_t>(opened);
      if (found) ++t.found_any;
      for (int k = 0; k < kViolationKinds; ++k) {
        if (contains(found, static_cast<ViolationKind>(k))) ++t.found[static_cast<std::size_t>(k)];
      }
      t.dwell_hours.add(dwell_hours);
    });
    if (found && r.seller != kNoSeller) record_finding(r, sim_.now());
    if (const auto& plan = config_.streams[r.stream].release_program) {
      // CSP-1: a finding sends the stream back to screening; i clean in a row clear it.
      const std::size_t unit = csp_unit(r);
      if (found) {
        csp_screening_[r.stream][unit] = true;
        csp_clean_run_[r.stream][unit] = 0;
      } else if (csp_screening_[r.stream][unit] && ++csp_clean_run_[r.stream][unit] >= plan->clearance) {
        csp_screening_[r.stream][unit] = false;
      }
    }
    if (found & kSeizable) {
      const bool abandoned = g.uniform01() < config_.policies.abandon_share;
      for_each_scope(r, [&](CustomsTally& t) {
        ++(abandoned ? t.abandoned : t.seized);
        if (contains(r.carried, ViolationKind::Counterfeit)) ++t.counterfeit_interdicted;
      });
      ++(abandoned ? ledger_abandoned_ : ledger_seized_);
      if (r.lot != kNoLot) remove_lot_stock(r, g);
    } else {
      if (found & (bit(ViolationKind::Undervaluation) | bit(ViolationKind::Misdescription))) {
        // Found: duty on the true value instead of the declared one, and a penalty.
        const double rate = duty_rate(r.category, r.origin);
        const double extra_duty = rate * (r.true_value_usd - r.declared_value_usd);
        const double penalty = config_.policies.penalty_rate * r.true_value_usd;
        for_each_scope(r, [&](CustomsTally& t) {
          t.duties_collected_usd += extra_duty;
          t.penalties_usd += penalty;
        });
      }
      release(r, found);
    }
    free_slot(e.slot);
    start_inspections(f);
  }

  // The unit a CSP-1 plan follows for this shipment: its seller, or the whole stream.
  std::size_t csp_unit(const ShipmentRecord& r) const {
    return csp_screening_[r.stream].size() > 1 && r.seller != kNoSeller ? r.seller : 0;
  }

  // Number of violating items among `opened` drawn without replacement from a consignment of
  // `items` whose share `contaminated_share` (at least one item) violates: one draw per item
  // opened, each with the chance left (an exact hypergeometric draw).
  static std::int64_t violating_in_sample(const LotSampling& plan, std::int64_t items, std::int64_t opened, Xoshiro256& g) {
    std::int64_t bad_left = std::clamp<std::int64_t>(std::llround(plan.contaminated_share * static_cast<double>(items)), 1, items);
    std::int64_t left = items;
    std::int64_t bad = 0;
    for (std::int64_t i = 0; i < opened && bad_left > 0; ++i, --left) {
      if (g.uniform01() * static_cast<double>(left) < static_cast<double>(bad_left)) {
        ++bad;
        --bad_left;
      }
    }
    return bad;
  }

  // After a seizure from a fulfillment center's lot, the rest of that lot leaves its stock:
  // all of it when the lot was the seized bulk entry, and, for a parcel, when the center
  // complies with the request to destroy identical goods (policies.destroy_identical_share).
  void remove_lot_stock(const ShipmentRecord& r, Xoshiro256& g) {
    Lot& lot = lots_[r.stream][r.seller == kNoSeller ? 0 : r.seller];
    if (lot.id != r.lot || lot.units_left == 0) return;  // sold out or replaced meanwhile
    if (!r.bulk_entry) {
      const double share = config_.policies.destroy_identical_share;
      if (share <= 0.0 || g.uniform01() >= share) return;
      const auto units = static_cast<std::uint64_t>(lot.units_left);
      for_each_scope(r, [&](CustomsTally& t) {
        ++t.lots_destroyed;
        t.units_destroyed += units;
      });
    }
    lot.units_left = 0;
  }

  // A shipment leaves cisim's custody; violations it still carries unfound are leakage.
  void release(const ShipmentRecord& r, ViolationSet found) {
    const bool leaks = (r.carried & static_cast<ViolationSet>(~found)) != 0;
    for_each_scope(r, [&](CustomsTally& t) {
      ++t.released;
      if (leaks) ++t.leakage;
    });
    ++ledger_released_;
  }

  // Applies `update` to every scope the shipment belongs to: the run, its facility, its
  // stream, the day it arrived, and each blitz whose window and facilities include it.
  // Every count goes to one cell, (day of arrival, stream), and only for shipments that
  // arrived after the warm-up; the scopes of the report are unions of cells, summed once at
  // the end (blitz windows are whole days, and a stream belongs to one facility). One update
  // per shipment instead of one per scope is what keeps national runs fast.
  template <class Update>
  void for_each_scope(const ShipmentRecord& r, Update&& update) {
    if (!r.measured) return;
    update(cells_[day_of(r.arrived) * config_.streams.size() + r.stream]);
  }

  static std::size_t day_of(SimTime t) { return static_cast<std::size_t>(t.ticks() / Duration::days(1).ticks()); }

  double duty_rate(std::uint16_t category, std::uint16_t origin) const {
    return config_.categories[category].duty_rate + config_.origins[origin].additional_duty_rate;
  }

  void sum_cells() {
    const std::size_t ns = config_.streams.size();
    for (std::size_t day = 0; day < result_.daily.size(); ++day) {
      const SimTime day_start = SimTime::start() + Duration::days(static_cast<std::int64_t>(day));
      for (std::size_t s = 0; s < ns; ++s) {
        const CustomsTally& cell = cells_[day * ns + s];
        const std::size_t f = config_.streams[s].facility;
        result_.daily[day][f].merge(cell);
        result_.run.merge(cell);
        result_.facilities[f].merge(cell);
        result_.streams[s].merge(cell);
        bool in_any = false;
        for (std::size_t b = 0; b < config_.blitzes.size(); ++b) {
          const Blitz& blitz = config_.blitzes[b];
          if (blitz.facilities[f] && day_start >= blitz.start && day_start < blitz.end) {
            result_.blitzes[b].merge(cell);
            in_any = true;
          }
        }
        if (in_any) result_.any_blitz.merge(cell);
      }
    }
  }

  std::uint32_t allocate(const ShipmentRecord& r) {
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      slots_[slot] = r;
      return slot;
    }
    CISIM_ASSERT(slots_.size() < std::numeric_limits<std::uint32_t>::max(), "more shipments in the system than slots");
    slots_.push_back(r);
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  void free_slot(std::uint32_t slot) { free_.push_back(slot); }

  // Notice-and-takedown and repeat-offender suspension: a finding delists the seller after
  // the latency, or at once at the k-th finding.
  void record_finding(const ShipmentRecord& r, SimTime now) {
    Sellers& s = sellers_[r.stream];
    const auto& p = *config_.streams[r.stream].sellers;
    s.history[r.seller] = true;
    ++s.findings[r.seller];
    SimTime delist = SimTime::max();
    if (p.takedown_latency) delist = now + *p.takedown_latency;
    if (p.suspend_after_findings && s.findings[r.seller] >= *p.suspend_after_findings) delist = now;
    if (delist < s.delisted_at[r.seller]) s.delisted_at[r.seller] = delist;
  }

  Sellers make_sellers(const CustomsStream& stream) {
    Sellers s;
    if (!stream.sellers) return s;
    const SellerPopulation& p = *stream.sellers;
    Xoshiro256 g = sim_.stream("sellers/" + stream.name);
    std::vector<double> weights(static_cast<std::size_t>(p.count));
    for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = std::pow(static_cast<double>(i + 1), -p.zipf_exponent);
    const Beta propensity{p.propensity_a, p.propensity_b};
    const double mean = propensity.mean();
    s.risk_multiplier.resize(weights.size());
    for (double& m : s.risk_multiplier) m = propensity(g) / mean;
    // Vetting: the platform refuses this share of its high-propensity applicants; they never
    // sell, and their buyers buy elsewhere (their volume weight goes to zero).
    if (p.vetting_share > 0.0) {
      Xoshiro256 v = sim_.stream("vetting/" + stream.name);
      bool any_left = false;
      for (std::size_t i = 0; i < weights.size(); ++i) {
        if (s.risk_multiplier[i] >= p.vetting_above && v.uniform01() < p.vetting_share) weights[i] = 0.0;
        any_left = any_left || weights[i] > 0.0;
      }
      CISIM_ASSERT(any_left, "vetting refused every seller");
    }
    s.volume = Categorical{weights};
    s.history.assign(weights.size(), false);
    s.findings.assign(weights.size(), 0);
    s.delisted_at.assign(weights.size(), SimTime::max());
    return s;
  }

  void check_conservation() const {
    const std::uint64_t in_system = slots_.size() - free_.size();
    const std::uint64_t accounted = ledger_released_ + ledger_seized_ + ledger_abandoned_ + in_system;
    if (accounted != ledger_arrived_) {
      throw ConservationError(fmt::format(
          "shipments not conserved at {} h: arrived {} != released {} + seized {} + abandoned {} + in the system {}",
          sim_.now().since_start().to_hours(), ledger_arrived_, ledger_released_, ledger_seized_, ledger_abandoned_, in_system));
    }
  }


  // Events of the foundation's queueing network do not occur in this model.
  void on(const ShipmentArrived&) { CISIM_ASSERT(false, "ShipmentArrived is not a customs-model event"); }

  const CustomsModelConfig& config_;
  Simulation<ModelEvent> sim_;
  CustomsResult result_;
  std::vector<OfficerPool> pools_;
  std::vector<OfficerPoolRecorder*> recorders_;
  std::vector<Categorical> method_choice_;
  std::vector<Xoshiro256> inspection_time_, inspection_method_, detection_;
  std::vector<Xoshiro256> arrivals_, attributes_, violations_, selection_;
  std::vector<Categorical> origin_choice_, category_choice_;
  std::vector<Sellers> sellers_;
  std::vector<std::vector<std::vector<int>>> blitz_count_;  // [blitz][facility][day]
  double threshold_score_ = 0.0;
  std::vector<CustomsTally> cells_;  // [day x streams + stream]
  std::vector<std::size_t> active_blitzes_;  // blitzes covering the current slice's facility
  std::vector<bool> stream_items_single_;  // one item per shipment: no draw needed
  // Under CSP-1, per stream and plan unit (the stream, or each seller): inspecting every
  // shipment, and the clean inspections in a row while doing so.
  std::vector<std::vector<bool>> csp_screening_;
  std::vector<std::vector<int>> csp_clean_run_;
  std::vector<std::vector<Lot>> lots_;     // [stream][seller] at fulfillment centers
  std::uint32_t next_lot_id_ = 0;
  SimTime slice_from_, slice_to_;          // the hour being generated
  std::vector<std::size_t> other_blitzes_;  // blitzes at a time outside it
  std::vector<ShipmentRecord> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t ledger_arrived_ = 0, ledger_released_ = 0, ledger_seized_ = 0, ledger_abandoned_ = 0;
};

}  // namespace

CustomsResult run_customs_model(const CustomsModelConfig& config, const RandomStreams& streams) {
  return CustomsRun{config, streams}.run();
}

}  // namespace cisim
