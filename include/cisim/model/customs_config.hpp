// SPDX-License-Identifier: MIT
// CustomsModelConfig: what the customs model runs, every unit resolved (built by scenario validation).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "cisim/engine/sim_time.hpp"
#include "cisim/model/arrival_process.hpp"
#include "cisim/model/dated_value.hpp"
#include "cisim/model/facility.hpp"
#include "cisim/model/lot_sampling.hpp"
#include "cisim/model/shift_schedule.hpp"
#include "cisim/model/violation.hpp"
#include "cisim/random/distributions.hpp"

namespace cisim {

enum class Mode : std::uint8_t { Postal, Express, Cargo, Truck };
inline constexpr std::size_t kModes = 4;
inline constexpr std::array<std::string_view, kModes> kModeNames{"postal", "express", "cargo", "truck"};

/// A product category: what its shipments are worth and how often they violate.
struct ProductCategory {
  std::string name;
  Distribution true_value_usd = Constant{50.0};
  double duty_rate = 0.0;            ///< of the value
  PerViolation prevalence{};         ///< chance a shipment carries each kind (before multipliers)
  double undervaluation_factor = 0.5;  ///< declared = true x factor when undervalued
};

/// A country or territory of origin.
struct Origin {
  std::string name;
  double risk_multiplier = 1.0;       ///< multiplies every prevalence
  double additional_duty_rate = 0.0;  ///< added to the category's rate (for example Section 301 tariffs)
};

/// A finite population of sellers with Zipf volume shares and beta propensities.
struct SellerPopulation {
  int count = 1;
  double zipf_exponent = 1.0;
  double propensity_a = 1.0;  ///< Beta(a, b); a seller's multiplier is its draw / the mean a / (a + b)
  double propensity_b = 1.0;
  // Platform practices (DHS 2020 best practices). A refused or delisted seller ships nothing;
  // its buyers buy from the other sellers instead (assumption A: the stream's rate is kept).
  double vetting_share = 0.0;       ///< share of high-propensity sellers the platform refuses
  double vetting_above = 2.0;       ///< "high propensity": a risk multiplier at least this
  std::optional<Duration> takedown_latency;  ///< a seller found violating is delisted after this
  std::optional<int> suspend_after_findings; ///< a seller with this many findings is delisted at once
  /// Limits on high-risk products: a high-propensity seller may not sell these categories
  /// (per category; empty: none). Its sale goes to another seller; at a fulfillment center,
  /// it stocks another category instead.
  std::vector<bool> restricted_categories;
  /// Specific deterrence (A): a seller's risk multiplier falls by this share after each
  /// seizure of, or penalty on, one of its shipments.
  double deterrence = 0.0;
  /// Seller turnover (docs/model.md, "Seller turnover"): each seller leaves the market after
  /// an exponential time of this mean and a newcomer takes its place (its volume share, a
  /// fresh propensity, no history); empty: sellers never leave, and histories only accumulate.
  std::optional<Duration> mean_tenure;
};

/// Violators who adapt (docs/model.md, "Displacement"): the violating shipments of a stream
/// move to other routes when the interdiction rate they observe on theirs exceeds the lowest
/// on those routes. The share moved follows strength x (1 - lowest rate / own rate) with a
/// first-order lag; legitimate traffic does not move.
struct DisplacementRule {
  std::vector<std::uint32_t> routes;            ///< stream indices a moved shipment may take
  double strength = 0.0;
  Duration lag = Duration::days(7);
  int window_days = 14;
  std::optional<std::uint16_t> declared_origin;  ///< transshipment: the origin a moved shipment declares
};

/// Dodge's continuous sampling plan CSP-1 as a release program: inspect every shipment until
/// `clearance` consecutive ones are found clean, then a `fraction` of them at random, and
/// every shipment again after a finding.
struct ContinuousSamplingPlan {
  int clearance = 1;
  double fraction = 1.0;
  bool per_seller = false;  ///< one plan per seller of the stream (dynamic skip-lot per seller)
};

/// Break-bulk (DHS 2020; docs/model.md, "Fulfillment centers"): goods stocked in bulk at a
/// fulfillment center and sold from it. The stream's arrivals are then consumer orders; each
/// order takes `items` units from its seller's current lot, and a seller whose lot runs out
/// imports the next one (instant replenishment). A lot is identical goods: one category,
/// origin, unit value and set of violations for all its units.
///  - foreign center (Mexico, Canada): each order crosses to the stream's US facility as a
///    parcel, `transit` after the order; an order over the threshold is split into parcels
///    under it when `split_orders`;
///  - domestic center: the lot itself crosses, split abroad into parcels under the threshold
///    addressed to the center; the orders are domestic.
/// Under the ultimate-consignee rule the center enters each lot as one bulk entry instead.
struct FulfillmentSupply {
  std::size_t center = 0;     ///< facility index of the center
  bool foreign = true;
  CountDistribution lot_units = Constant{500.0};  ///< units in one bulk consignment
  bool split_orders = true;
  Duration transit = Duration::zero();
};

/// How a stream's de minimis shipments are entered (docs/model.md, "Risk by entry channel"): by
/// their data (with advance data a Type 86 entry, without it a release from the manifest), every
/// one released from its manifest whatever data it brings (an express carrier's manifest), every
/// one entered as Type 86 (a broker's filing, which brings the data), or every one released as
/// an item of international mail.
enum class DeMinimisEntry : std::uint8_t { ByData, Manifest, Type86, Postal };

struct CustomsStream {
  std::string name;
  std::size_t facility = 0;
  ArrivalProcess arrivals;
  Mode mode = Mode::Postal;
  std::vector<double> origin_mix;    ///< share per origin index (sums to 1)
  std::vector<double> category_mix;  ///< share per category index (sums to 1)
  DatedValue advance_data_share{1.0};  ///< dated: the channel mix changes on dates
  std::optional<SellerPopulation> sellers;
  DatedValue risk_multiplier{1.0};  ///< multiplies every prevalence of this stream (dated: from 00:00 of each date)
  /// A dated arrival rate (docs/model.md, "Dated parameters"): the arrival process runs at the
  /// highest rate, times this share of it from each date (1 for a plain rate).
  DatedValue rate_scale{1.0};
  /// The entry channel's risk (docs/model.md, "Risk by entry channel"): multiplies every
  /// prevalence of a shipment without [0] or with [1] advance data, as drawn on arrival (for
  /// de minimis express: release from manifest, or a Type 86 entry).
  std::array<double, 2> data_risk{1.0, 1.0};
  DeMinimisEntry de_minimis_entry = DeMinimisEntry::ByData;
  /// Traffic falls as (landed cost / landed cost at the start)^-elasticity when shipments
  /// lose de minimis (docs/model.md, "Demand response"); 0: no response.
  double demand_elasticity = 0.0;
  CountDistribution items = Constant{1.0};   ///< items in one shipment
  /// A release program in place of blitz, targeting and random selection for this stream.
  std::optional<ContinuousSamplingPlan> release_program;
  std::optional<FulfillmentSupply> fulfillment;
  std::optional<LotSampling> lot_sampling;
  std::optional<DisplacementRule> displacement;
};

/// Logistic risk score over the features of docs/model.md ("Targeting"): the shipment is
/// targeted when 1 / (1 + exp(-w.x)) >= threshold, that is when w.x >= logit(threshold).
/// Without advance data only origin, mode and the no-data flag are visible.
struct TargetingModel {
  bool enabled = false;
  DatedValue threshold{1.0};  ///< dated: the targeting threshold changes on dates
  /// The inspection line holds targeted selections by score, not arrival (docs/model.md,
  /// "Risk-ranked line"); the other selections go ahead of them, first come first served.
  bool ranked_line = false;
  /// [intercept, origins..., categories..., modes (4), log value USD, no advance data, seller history]
  Eigen::VectorXd weights;
};

struct Blitz {
  std::string name;
  SimTime start;                  ///< first moment of the window
  SimTime end;                    ///< first moment after it
  std::vector<bool> facilities;   ///< per facility index
  std::vector<bool> origins;      ///< per origin; empty: every origin
  std::vector<bool> categories;   ///< per category; empty: every category
  std::optional<double> selection_rate;
  std::optional<int> daily_count;  ///< per facility per day, spread evenly over the hours
  int surge_officers = 0;          ///< added at each of its facilities during the window
  std::optional<std::string> method;  ///< inspection method id; empty: the facility's mix
};

/// A specific duty per item for postal items, by the goods' ad valorem rate band (2025).
struct SpecificDutyBand {
  double up_to_rate = 1.0;     ///< applies to duty rates up to and including this
  double usd_per_item = 0.0;
};

/// Formal entry required for high-risk shipments whatever their value (DHS 2020 immediate
/// action): a shipment is high-risk by score, origin or category.
struct FormalEntryRule {
  bool enabled = false;
  std::optional<double> min_score;      ///< targeting score at or above which it applies
  std::vector<bool> origins;            ///< per origin; empty: no origin rule
  std::vector<bool> categories;         ///< per category; empty: no category rule
  Duration filing_delay = Duration::zero();  ///< before the shipment can be presented or released
  double inspection_rate = 0.0;         ///< share of these entries inspected by the rule itself
};

/// Executive Order 13904 (31 Jan 2020; docs/model.md, "Foreign posts scored"): each scored
/// post (the postal items of one declared origin) gets a compliance score per quarter,
/// weight_data x its advance-data share + (1 - weight_data) x the clean share of its inspected
/// items. Below `threshold` for `prioritize_after` consecutive quarters its items get
/// prioritized targeted inspection; for `request_data_after`, more data is required (a post
/// that improves reaches its `improves` share of advance data, the items of one that does not
/// are held when they lack it); for `block_after`, its items are blocked.
struct PostScoring {
  bool enabled = false;
  std::vector<bool> posts;  ///< per origin
  Duration quarter = Duration::days(91);
  /// Quarters begin here and every `quarter` before and after it: start_date on the clock, so
  /// a spin-up's quarters end where the measured run's first one begins.
  SimTime quarters_from = SimTime::start();
  double weight_data = 0.5;
  double threshold = 0.7;
  int prioritize_after = 2;
  int request_data_after = 6;
  int block_after = 8;
  double prioritized_rate = 0.05;  ///< of a prioritized post's items, selected for targeted inspection
  std::vector<std::optional<double>> improves;  ///< per origin: advance-data share reached when asked
};

struct CustomsPolicies {
  double de_minimis_threshold_usd = 800.0;
  double informal_limit_usd = 2500.0;
  /// De minimis withheld from these origins / categories from `exclusions_from` on
  /// (empty: none), and from every shipment from `suspended_from` on (2025 rules).
  std::vector<bool> de_minimis_excluded_origins;
  std::vector<bool> de_minimis_excluded_categories;
  SimTime exclusions_from;
  std::optional<SimTime> de_minimis_suspended_from;
  /// Postal items that lose de minimis pay a specific duty per item by rate band instead of
  /// the ad valorem rate (empty: ad valorem).
  std::vector<SpecificDutyBand> postal_specific_duty;
  FormalEntryRule formal_entry;
  PostScoring post_scoring;
  /// An informal or formal entry files the goods' classification, value and importer, so
  /// targeting sees category, value and seller history for it even without advance data.
  bool entries_file_data = true;
  TargetingModel targeting;
  /// The random audit (docs/model.md, "Random audit"): this share of all arrivals, drawn
  /// before any other selection, examined first at its facility, ahead of every other
  /// selection in a line the waiting limit does not bound. 0: no audit.
  DatedValue audit_rate{0.0};
  double random_rate = 0.0;
  double penalty_rate = 0.0;   ///< of the true value, on found undervaluation or misdescription
  double abandon_share = 0.0;  ///< of seizable finds, abandoned and destroyed instead of seized
  /// Ultimate consignee (DHS 2020): from this time on, fulfillment centers enter each lot of
  /// goods not yet sold as one bulk entry (informal or formal by value), so its parcels do
  /// not claim de minimis. Empty: not in force.
  std::optional<SimTime> ultimate_consignee_from;
  /// Share of fulfillment centers that, asked after a seizure, destroy the goods identical
  /// to the seized ones still in stock (the seller's current lot).
  double destroy_identical_share = 0.0;
};

struct CustomsModelConfig {
  std::vector<ProductCategory> categories;
  std::vector<Origin> origins;
  std::vector<Facility> facilities;
  std::vector<CustomsStream> streams;
  std::vector<Blitz> blitzes;
  CustomsPolicies policies;
  Duration warmup = Duration::zero();
  Duration horizon = Duration::days(1);
  /// Draw every shipment one by one (the reference path) instead of counting the shipments
  /// that are not selected by class (the aggregated path, docs/performance.md).
  bool exact = false;
};

}  // namespace cisim
