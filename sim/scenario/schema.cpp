// SPDX-License-Identifier: MIT
// The scenario schema table and the Markdown reference generated from it.
#include "cisim/scenario/schema.hpp"

#include <fmt/core.h>

namespace cisim {
namespace {

KeySpec section(std::string path, bool required, std::string description) {
  KeySpec k;
  k.path = std::move(path);
  k.type = KeyType::Section;
  k.required = required;
  k.description = std::move(description);
  return k;
}

KeySpec leaf(std::string path, KeyType type, std::string unit, bool required, std::string default_text,
             std::string description, std::string example) {
  KeySpec k;
  k.path = std::move(path);
  k.type = type;
  k.unit = std::move(unit);
  k.required = required;
  k.default_text = std::move(default_text);
  k.description = std::move(description);
  k.example = std::move(example);
  return k;
}

KeySpec with_range(KeySpec k, std::optional<double> min, std::optional<double> max, bool min_exclusive = false) {
  k.min = min;
  k.max = max;
  k.min_exclusive = min_exclusive;
  return k;
}

KeySpec reference_list(std::string path, std::string reference, bool required, std::string description, std::string example) {
  KeySpec k = leaf(std::move(path), KeyType::IdList, "", required, "", std::move(description), std::move(example));
  k.reference = std::move(reference);
  return k;
}

// One fraction key per violation kind under `section`.
void per_violation(std::vector<KeySpec>& s, const std::string& section, const std::string& what, const std::string& example) {
  for (const char* kind : {"counterfeit", "undervaluation", "misdescription", "prohibited", "agricultural"}) {
    s.push_back(leaf(section + "." + kind, KeyType::Fraction, "fraction", false, "0", what + " " + kind, example));
  }
}

std::vector<KeySpec> build_schema() {
  std::vector<KeySpec> s;
  s.push_back(with_range(leaf("format_version", KeyType::Integer, "", true, "",
                              "version of the scenario format; this cisim reads version 1", "1"),
                         1, 1));
  s.push_back(leaf("name", KeyType::Text, "", true, "", "short name of the scenario, shown in every report", "queue_mmc"));
  s.push_back(leaf("description", KeyType::Text, "", true, "", "what the scenario represents and the question it answers",
                   "\"M/M/c check: 10 officers, 9 shipments/min\""));
  s.push_back(leaf("include", KeyType::PathList, "", false, "",
                   "other scenario files merged in first (paths relative to this file); keys written here win, and a key set to null (~) here removes it",
                   "common/facilities.yaml"));
  s.push_back(with_range(leaf("seed", KeyType::Integer, "", false, "1",
                              "master seed; with the replication index it derives every random stream", "2019"),
                         0, std::nullopt));
  s.push_back(with_range(leaf("replications", KeyType::Integer, "", false, "10",
                              "independent replications; results report mean, sd and 95% CI across them", "20"),
                         1, 100000));
  s.push_back(leaf("start_date", KeyType::Date, "date", true, "",
                   "calendar date at simulated time 0 (00:00); sets the day of week for weekly profiles", "2019-07-01"));
  s.push_back(with_range(leaf("horizon", KeyType::Duration, "duration", true, "", "simulated time to run", "92d"), 0,
                         std::nullopt, true));
  s.push_back(with_range(leaf("warmup", KeyType::Duration, "duration", false, "0s",
                              "initial period whose observations are discarded; shorter than the horizon", "2d"),
                         0, std::nullopt));

  KeySpec facilities = section("facilities", true, "facilities by id (letters, digits and '_'); at least one");
  facilities.type = KeyType::IdMap;
  s.push_back(facilities);
  s.push_back(section("facilities.*", true, "one facility"));
  KeySpec kind = leaf("facilities.*.kind", KeyType::Choice, "", true, "", "kind of facility", "international_mail");
  kind.choices = {"international_mail", "express_hub", "fulfillment_center", "foreign_fulfillment_center", "cargo_port"};
  s.push_back(kind);
  s.push_back(leaf("facilities.*.display_name", KeyType::Text, "", false, "", "name shown in reports",
                   "\"JFK International Mail Facility\""));
  s.push_back(section("facilities.*.officers", false,
                      "the officer pool: either `count` or `shifts` (required, except at a fulfillment center, which "
                      "may have none)"));
  s.push_back(with_range(leaf("facilities.*.officers.count", KeyType::Integer, "officers", false, "",
                              "officers on duty at all times (give this or `shifts`)", "10"),
                         0, 100000));
  KeySpec shifts = section("facilities.*.officers.shifts", false,
                           "daily shift schedule (give this or `count`); shifts must cover 00:00-24:00 without gaps or overlaps");
  shifts.type = KeyType::List;
  s.push_back(shifts);
  s.push_back(section("facilities.*.officers.shifts[]", true, "one shift"));
  s.push_back(leaf("facilities.*.officers.shifts[].start", KeyType::TimeOfDay, "HH:MM", true, "", "start of the shift", "08:00"));
  s.push_back(leaf("facilities.*.officers.shifts[].end", KeyType::TimeOfDay, "HH:MM", true, "",
                   "end of the shift (24:00 for midnight); a shift may run past midnight", "16:00"));
  s.push_back(with_range(leaf("facilities.*.officers.shifts[].count", KeyType::Integer, "officers", true, "",
                              "officers on duty during the shift", "6"),
                         0, 100000));
  s.push_back(with_range(leaf("facilities.*.officers.scale", KeyType::Real, "", false, "1",
                              "multiplies every officer count (rounded to the nearest officer); for sweeps", "1.5"),
                         0, 1000));
  KeySpec limit = with_range(leaf("facilities.*.officers.waiting_limit", KeyType::Integer, "shipments", false, "unlimited",
                                  "most shipments that may wait for an officer; further arrivals are turned away", "50"),
                             0, std::nullopt);
  limit.allows_unlimited = true;
  s.push_back(limit);
  KeySpec methods = section("facilities.*.methods", false,
                            "inspection methods by id (for example xray, physical, lab); shares must sum to 1 (required "
                            "where there are officers)");
  methods.type = KeyType::IdMap;
  s.push_back(methods);
  s.push_back(section("facilities.*.methods.*", true, "one inspection method"));
  s.push_back(leaf("facilities.*.methods.*.share", KeyType::Fraction, "fraction", false, "1",
                   "share of inspections that use this method", "70%"));
  s.push_back(leaf("facilities.*.methods.*.duration", KeyType::DurationDist, "duration", true, "",
                   "time an officer spends on one inspection", "{dist: lognormal, mean: 12min, sd: 6min}"));
  s.push_back(section("facilities.*.methods.*.sensitivity", false,
                      "chance that this method finds each violation kind the shipment carries"));
  per_violation(s, "facilities.*.methods.*.sensitivity", "chance of finding", "85%");

  KeySpec streams = section("streams", true, "arrival streams by id; at least one");
  streams.type = KeyType::IdMap;
  s.push_back(streams);
  s.push_back(section("streams.*", true, "one stream of shipments"));
  KeySpec facility = leaf("streams.*.facility", KeyType::Reference, "", true, "", "facility the shipments arrive at", "jfk_imf");
  facility.reference = "facilities";
  s.push_back(facility);
  s.push_back(section("streams.*.arrivals", true,
                      "arrival process: Poisson arrival events at `rate` times the profiles; each event brings a batch"));
  s.push_back(with_range(leaf("streams.*.arrivals.rate", KeyType::Rate, "arrival events per time", true, "",
                              "mean rate of arrival events (the profiles average to 1, so this stays the mean)", "9/min"),
                         0, std::nullopt));
  KeySpec hourly = with_range(leaf("streams.*.arrivals.hourly_profile", KeyType::RealList, "multipliers", false, "",
                                   "24 relative rates for the hours 00-01 ... 23-24, scaled to average 1", "[0.5, 0.5, ...]"),
                              0, std::nullopt);
  hourly.length = 24;
  s.push_back(hourly);
  KeySpec weekly = with_range(leaf("streams.*.arrivals.weekly_profile", KeyType::RealList, "multipliers", false, "",
                                   "7 relative rates for Monday ... Sunday, scaled to average 1",
                                   "[1.2, 1.1, 1, 1, 1, 0.9, 0.8]"),
                              0, std::nullopt);
  weekly.length = 7;
  s.push_back(weekly);
  s.push_back(with_range(leaf("streams.*.arrivals.daily_profile", KeyType::RealList, "multipliers", false, "",
                              "multipliers for day 1, 2, ... of the run, repeating, taken as given (0: no traffic that day)",
                              "[1, 1, 3, 1]"),
                         0, std::nullopt));
  s.push_back(leaf("streams.*.arrivals.batch_size", KeyType::CountDist, "shipments", false,
                   "{dist: constant, value: 1}", "shipments per arrival event (a mail bag, a flight)",
                   "{dist: poisson, mean: 40}"));
  KeySpec mode = leaf("streams.*.mode", KeyType::Choice, "", false, "postal", "how the shipments travel", "express");
  mode.choices = {"postal", "express", "cargo", "truck"};
  s.push_back(mode);
  KeySpec origin_mix = section("streams.*.origin_mix", false,
                               "share of shipments from each origin (ids of `origins`); shares sum to 1. "
                               "Without it, every shipment comes from one unnamed origin with risk multiplier 1");
  origin_mix.type = KeyType::IdMap;
  s.push_back(origin_mix);
  s.push_back(leaf("streams.*.origin_mix.*", KeyType::Fraction, "fraction", true, "", "share from this origin", "62%"));
  KeySpec category_mix = section("streams.*.category_mix", false,
                                 "share of shipments in each product category (ids of `categories`); shares sum to 1. "
                                 "Without it, every shipment is in one unnamed category worth 0 USD with no violations");
  category_mix.type = KeyType::IdMap;
  s.push_back(category_mix);
  s.push_back(leaf("streams.*.category_mix.*", KeyType::Fraction, "fraction", true, "", "share in this category", "30%"));
  s.push_back(leaf("streams.*.advance_data", KeyType::Fraction, "fraction", false, "100%",
                   "share of shipments with advance electronic data (GAO-17-606: about half of inbound mail lacked it)", "50%"));
  s.push_back(with_range(leaf("streams.*.risk_multiplier", KeyType::Real, "", false, "1",
                              "multiplies every prevalence for this stream's shipments", "1.2"),
                         0, 1000));
  s.push_back(with_range(leaf("streams.*.demand_elasticity", KeyType::Real, "", false, "0",
                              "traffic scales as (landed cost / landed cost at the start)^-elasticity when de minimis is "
                              "withdrawn (an adjustable assumption; 0: traffic does not respond)",
                              "1.5"),
                         0, 20));
  s.push_back(section("streams.*.release_program", false,
                      "a CSP-1 continuous sampling plan (Dodge) in place of blitz, targeting and random selection for this "
                      "stream: every shipment inspected until `clearance` clean in a row, then a `fraction`, and all again "
                      "after a finding"));
  s.push_back(with_range(leaf("streams.*.release_program.clearance", KeyType::Integer, "shipments", true, "",
                              "clean inspections in a row that end 100% inspection", "20"),
                         1, 1000000));
  s.push_back(leaf("streams.*.release_program.fraction", KeyType::Fraction, "fraction", true, "",
                   "share inspected at random once cleared", "10%"));
  KeySpec plan_per = leaf("streams.*.release_program.per", KeyType::Choice, "", false, "stream",
                          "the plan follows the whole stream, or each seller on its own (needs `sellers`)", "seller");
  plan_per.choices = {"stream", "seller"};
  s.push_back(plan_per);
  s.push_back(leaf("streams.*.items", KeyType::CountDist, "items", false, "{dist: constant, value: 1}",
                   "items in one shipment (with `fulfillment`: units in one consumer order)", "{dist: poisson, mean: 2}"));
  s.push_back(section("streams.*.fulfillment", false,
                      "break-bulk: the goods are stocked in lots at a fulfillment center and the arrivals are consumer "
                      "orders; from a foreign center each order crosses to `facility` as parcels under the threshold, to a "
                      "domestic one each lot crosses as such parcels"));
  KeySpec center = leaf("streams.*.fulfillment.center", KeyType::Reference, "", true, "",
                        "the fulfillment center (a facility of kind fulfillment_center or foreign_fulfillment_center)",
                        "monterrey_fc");
  center.reference = "facilities";
  s.push_back(center);
  s.push_back(leaf("streams.*.fulfillment.lot_units", KeyType::CountDist, "items", true, "",
                   "units in one bulk consignment (lot) of identical goods", "{dist: poisson, mean: 400}"));
  KeySpec split = leaf("streams.*.fulfillment.split_orders", KeyType::Choice, "", false, "true",
                       "an order worth more than the threshold leaves a foreign center as several parcels under it", "false");
  split.choices = {"true", "false"};
  s.push_back(split);
  s.push_back(with_range(leaf("streams.*.fulfillment.transit", KeyType::Duration, "duration", false, "0s",
                              "from a foreign center to `facility` (truck or express)", "1d"),
                         0, std::nullopt));
  s.push_back(section("streams.*.lot_sampling", false,
                      "an inspection of a shipment of several items opens a sample of them (ISPM 31) instead of all"));
  KeySpec size = leaf("streams.*.lot_sampling.size", KeyType::Choice, "", true, "",
                      "sample size: all items, a fixed count, a proportion, or the hypergeometric size that detects "
                      "`detection_level` with `confidence`",
                      "hypergeometric");
  size.choices = {"all", "fixed", "proportion", "hypergeometric"};
  s.push_back(size);
  s.push_back(with_range(leaf("streams.*.lot_sampling.count", KeyType::Integer, "items", false, "",
                              "items opened (size: fixed; all when the shipment has fewer)", "20"),
                         1, 1000000000));
  s.push_back(leaf("streams.*.lot_sampling.proportion", KeyType::Fraction, "fraction", false, "",
                   "share of the items opened, rounded up (size: proportion)", "2%"));
  s.push_back(leaf("streams.*.lot_sampling.detection_level", KeyType::Fraction, "fraction", false, "1%",
                   "share of violating items to detect (size: hypergeometric)", "1%"));
  s.push_back(leaf("streams.*.lot_sampling.confidence", KeyType::Fraction, "fraction", false, "95%",
                   "chance of opening at least one violating item at that level (size: hypergeometric)", "95%"));
  s.push_back(leaf("streams.*.lot_sampling.contaminated_share", KeyType::Fraction, "fraction", false, "100%",
                   "share of the items of a violating shipment that carry its violations (at least one item)", "5%"));
  s.push_back(with_range(leaf("streams.*.lot_sampling.time_per_item", KeyType::Duration, "duration", false, "0s",
                              "officer time per item opened, added to the method's duration", "30s"),
                         0, std::nullopt));
  s.push_back(section("streams.*.sellers", false,
                      "a finite seller population: Zipf volume shares and beta violation propensities (repeat offenders)"));
  s.push_back(with_range(leaf("streams.*.sellers.count", KeyType::Integer, "sellers", true, "", "number of sellers", "5000"), 1,
                         10'000'000));
  s.push_back(with_range(leaf("streams.*.sellers.zipf_exponent", KeyType::Real, "", false, "1",
                              "seller i (from 1) ships in proportion to i^-exponent", "1.1"),
                         0, 10));
  s.push_back(with_range(leaf("streams.*.sellers.propensity_a", KeyType::Real, "", false, "1",
                              "Beta(a, b) of seller propensities; a seller's multiplier is its draw over the mean", "0.5"),
                         0, std::nullopt, true));
  s.push_back(with_range(leaf("streams.*.sellers.propensity_b", KeyType::Real, "", false, "1",
                              "second parameter of the propensity beta distribution", "4"),
                         0, std::nullopt, true));
  s.push_back(leaf("streams.*.sellers.vetting_share", KeyType::Fraction, "fraction", false, "0",
                   "platform vetting: share of high-propensity sellers refused (they never sell; buyers go elsewhere)", "80%"));
  s.push_back(with_range(leaf("streams.*.sellers.vetting_above", KeyType::Real, "", false, "2",
                              "a seller is high-propensity when its risk multiplier is at least this", "2"),
                         0, std::nullopt));
  s.push_back(with_range(leaf("streams.*.sellers.takedown_latency", KeyType::Duration, "duration", false, "",
                              "notice-and-takedown: a seller found violating is delisted this long after the finding",
                              "7d"),
                         0, std::nullopt));
  s.push_back(with_range(leaf("streams.*.sellers.suspend_after_findings", KeyType::Integer, "findings", false, "",
                              "repeat offenders: a seller is delisted at once at this many findings", "3"),
                         1, 100000));
  s.push_back(reference_list("streams.*.sellers.restricted_categories", "categories", false,
                             "limits on high-risk products: high-propensity sellers (see `vetting_above`) may not sell "
                             "these; their buyers buy from other sellers",
                             "[health_beauty, electronics]"));

  KeySpec categories = section("categories", false, "product categories by id");
  categories.type = KeyType::IdMap;
  s.push_back(categories);
  s.push_back(section("categories.*", true, "one product category"));
  s.push_back(leaf("categories.*.value", KeyType::MoneyDist, "USD", true, "", "true value of one shipment",
                   "{dist: lognormal, mean: 45 USD, sd: 60 USD}"));
  s.push_back(leaf("categories.*.duty_rate", KeyType::Fraction, "fraction", false, "0", "duty rate on the value", "12%"));
  s.push_back(leaf("categories.*.undervaluation_factor", KeyType::Fraction, "fraction", false, "50%",
                   "declared value as a share of the true value, for an undervalued shipment", "40%"));
  s.push_back(section("categories.*.prevalence", false,
                      "chance that a shipment of this category carries each violation, before origin and seller multipliers"));
  per_violation(s, "categories.*.prevalence", "share of shipments carrying", "3%");

  KeySpec origins = section("origins", false, "countries or territories of origin by id");
  origins.type = KeyType::IdMap;
  s.push_back(origins);
  s.push_back(section("origins.*", true, "one origin"));
  s.push_back(with_range(leaf("origins.*.risk_multiplier", KeyType::Real, "", false, "1",
                              "multiplies every prevalence for shipments from this origin", "1.6"),
                         0, 1000));
  s.push_back(leaf("origins.*.additional_duty_rate", KeyType::Fraction, "fraction", false, "0",
                   "duty rate added to the category's for goods of this origin (for example Section 301 tariffs)", "25%"));

  s.push_back(section("policies", false, "rules that decide entry types and selection for inspection"));
  s.push_back(section("policies.de_minimis", false, "Section 321 de minimis"));
  s.push_back(with_range(leaf("policies.de_minimis.threshold", KeyType::Money, "USD", false, "800 USD",
                              "declared value at or under which a shipment enters duty-free", "800 USD"),
                         0, std::nullopt));
  s.push_back(with_range(leaf("policies.de_minimis.informal_limit", KeyType::Money, "USD", false, "2500 USD",
                              "declared value up to which entry is informal; above it, formal", "2500 USD"),
                         0, std::nullopt));
  s.push_back(reference_list("policies.de_minimis.excluded_origins", "origins", false,
                             "origins whose shipments lose de minimis from `exclusions_from` (China and Hong Kong on 2 May 2025)",
                             "[CN, HK]"));
  s.push_back(reference_list("policies.de_minimis.excluded_categories", "categories", false,
                             "categories that lose de minimis from `exclusions_from`", "[health_beauty]"));
  s.push_back(leaf("policies.de_minimis.exclusions_from", KeyType::Date, "date", false, "",
                   "first day (from 00:00) of the exclusions (default: the start of the run)", "2025-05-02"));
  s.push_back(leaf("policies.de_minimis.suspended_from", KeyType::Date, "date", false, "",
                   "first day (from 00:00) without de minimis for any shipment: the suspension of 29 Aug 2025, or the "
                   "statutory end of 1 Jul 2027",
                   "2025-08-29"));
  KeySpec bands = section("policies.de_minimis.postal_specific_duty", false,
                          "postal items that lose de minimis pay this duty per item, by the goods' duty rate band, instead of "
                          "the ad valorem rate (2025: 80 / 160 / 200 USD); bands in increasing order, the last without `up_to_rate`");
  bands.type = KeyType::List;
  s.push_back(bands);
  s.push_back(section("policies.de_minimis.postal_specific_duty[]", true, "one rate band"));
  s.push_back(leaf("policies.de_minimis.postal_specific_duty[].up_to_rate", KeyType::Fraction, "fraction", false, "",
                   "the band covers duty rates up to this one (omit for the last band)", "16%"));
  s.push_back(with_range(leaf("policies.de_minimis.postal_specific_duty[].usd_per_item", KeyType::Money, "USD", true, "",
                              "duty per item in this band", "80 USD"),
                         0, std::nullopt));
  s.push_back(section("policies.ultimate_consignee", false,
                      "fulfillment centers are the ultimate consignee of goods not yet sold (DHS 2020): each lot is entered "
                      "in bulk (informal or formal by value) and its parcels claim no de minimis"));
  s.push_back(leaf("policies.ultimate_consignee.from", KeyType::Date, "date", true, "",
                   "first day (from 00:00) the rule is in force; the start date for the whole run", "2019-07-01"));
  s.push_back(leaf("policies.destroy_identical_share", KeyType::Fraction, "fraction", false, "0",
                   "share of fulfillment centers that, asked after a seizure, destroy the identical goods still in stock "
                   "(the seller's lot)",
                   "80%"));
  s.push_back(section("policies.formal_entry", false,
                      "formal entry required for high-risk shipments whatever their value (DHS 2020): high-risk by "
                      "`min_score`, `origins` or `categories`; formal entries file full data"));
  s.push_back(leaf("policies.formal_entry.min_score", KeyType::Fraction, "fraction", false, "",
                   "targeting score at or above which a shipment is high-risk (needs policies.targeting)", "60%"));
  s.push_back(reference_list("policies.formal_entry.origins", "origins", false, "origins whose shipments are high-risk", "[CN]"));
  s.push_back(reference_list("policies.formal_entry.categories", "categories", false, "categories that are high-risk",
                             "[health_beauty]"));
  s.push_back(with_range(leaf("policies.formal_entry.filing_delay", KeyType::Duration, "duration", false, "0s",
                              "time to file the formal entry before the shipment can be presented", "1d"),
                         0, std::nullopt));
  s.push_back(leaf("policies.formal_entry.inspection_rate", KeyType::Fraction, "fraction", false, "0",
                   "share of high-risk formal entries inspected by this rule (besides targeting)", "5%"));
  s.push_back(section("policies.targeting", false, "risk-based targeting: a logistic score over shipment features"));
  s.push_back(leaf("policies.targeting.threshold", KeyType::Fraction, "fraction", true, "",
                   "a shipment is targeted when its risk score (0 to 1) is at or above this", "0.2"));
  s.push_back(section("policies.targeting.weights", false, "weights of the linear score before the logistic"));
  s.push_back(leaf("policies.targeting.weights.intercept", KeyType::Real, "", false, "0", "constant term", "-4"));
  for (const char* group : {"origin", "category", "mode"}) {
    KeySpec m = section(std::string{"policies.targeting.weights."} + group, false,
                        std::string{"weight per "} + group + " id (absent ids weigh 0)");
    m.type = KeyType::IdMap;
    s.push_back(m);
    s.push_back(leaf(std::string{"policies.targeting.weights."} + group + ".*", KeyType::Real, "", true, "",
                     std::string{"weight of this "} + group, "1.2"));
  }
  s.push_back(leaf("policies.targeting.weights.log_value_usd", KeyType::Real, "", false, "0",
                   "weight of ln(1 + declared value in USD); needs advance data", "0.3"));
  s.push_back(leaf("policies.targeting.weights.no_advance_data", KeyType::Real, "", false, "0",
                   "weight of the absence of advance electronic data", "0.8"));
  s.push_back(leaf("policies.targeting.weights.seller_history", KeyType::Real, "", false, "0",
                   "weight of a seller with an earlier finding; needs advance data", "2"));
  s.push_back(leaf("policies.random_rate", KeyType::Fraction, "fraction", false, "0",
                   "random compliance sample: share of the shipments not otherwise selected", "0.1%"));
  s.push_back(leaf("policies.penalty_rate", KeyType::Fraction, "fraction", false, "0",
                   "penalty on found undervaluation or misdescription, as a share of the true value", "20%"));
  s.push_back(leaf("policies.abandon_share", KeyType::Fraction, "fraction", false, "0",
                   "share of seizable finds abandoned and destroyed rather than seized", "30%"));

  KeySpec blitzes = section("blitzes", false, "inspection blitzes by id: extra selection in a date window");
  blitzes.type = KeyType::IdMap;
  s.push_back(blitzes);
  s.push_back(section("blitzes.*", true, "one blitz; give `selection_rate` or `daily_count`"));
  s.push_back(leaf("blitzes.*.start", KeyType::Date, "date", true, "", "first day of the window", "2019-07-08"));
  s.push_back(leaf("blitzes.*.end", KeyType::Date, "date", true, "", "last day of the window (inclusive)", "2019-07-12"));
  s.push_back(reference_list("blitzes.*.facilities", "facilities", true, "facilities where it runs", "[jfk_imf, cvg_express]"));
  s.push_back(reference_list("blitzes.*.origins", "origins", false, "only shipments from these origins (default: all)", "[CN, HK]"));
  s.push_back(reference_list("blitzes.*.categories", "categories", false, "only these categories (default: all)", "[apparel]"));
  s.push_back(leaf("blitzes.*.selection_rate", KeyType::Fraction, "fraction", false, "",
                   "share of eligible shipments selected", "5%"));
  s.push_back(with_range(leaf("blitzes.*.daily_count", KeyType::Integer, "shipments", false, "",
                              "eligible shipments selected per facility per day, spread evenly over its 24 hours", "200"),
                         0, std::nullopt));
  s.push_back(with_range(leaf("blitzes.*.surge_officers", KeyType::Integer, "officers", false, "0",
                              "officers added at each of its facilities during the window", "8"),
                         0, 100000));
  s.push_back(leaf("blitzes.*.method", KeyType::Text, "", false, "",
                   "inspection method id used for its selections (default: each facility's mix)", "physical"));
  return s;
}

const char* type_name(KeyType t) {
  switch (t) {
    case KeyType::Section: return "section";
    case KeyType::IdMap: return "map of ids";
    case KeyType::List: return "list";
    case KeyType::Integer: return "integer";
    case KeyType::Real: return "number";
    case KeyType::Fraction: return "fraction";
    case KeyType::Duration: return "duration";
    case KeyType::TimeOfDay: return "time of day";
    case KeyType::Rate: return "rate";
    case KeyType::Money: return "money";
    case KeyType::Date: return "date";
    case KeyType::Text: return "text";
    case KeyType::Choice: return "choice";
    case KeyType::Reference: return "reference";
    case KeyType::RealList: return "list of numbers";
    case KeyType::PathList: return "path or list of paths";
    case KeyType::DurationDist: return "distribution";
    case KeyType::MoneyDist: return "money distribution";
    case KeyType::IdList: return "list of ids";
    case KeyType::CountDist: return "count distribution";
  }
  return "?";
}

std::string format_bound(double v, KeyType t) {
  switch (t) {
    case KeyType::Duration:
      return v == 0 ? "0s" : fmt::format("{}s", v);
    case KeyType::Rate:
      return v == 0 ? "0/s" : fmt::format("{}/s", v);
    case KeyType::Money:
      return fmt::format("{} USD", v);
    default:
      return fmt::format("{}", v);
  }
}

std::string range_text(const KeySpec& k) {
  if (k.type == KeyType::Choice) {
    std::string out;
    for (const auto& c : k.choices) out += (out.empty() ? "" : ", ") + fmt::format("`{}`", c);
    return out;
  }
  if (k.type == KeyType::Fraction) return "0 to 1";
  if (k.type == KeyType::Reference) return fmt::format("an id in `{}`", k.reference);
  if (k.type == KeyType::IdList) return fmt::format("ids in `{}`", k.reference);
  std::string out;
  if (k.min && k.max && *k.min == *k.max) return format_bound(*k.min, k.type);
  if (k.min) out += fmt::format("{} {}", k.min_exclusive ? ">" : ">=", format_bound(*k.min, k.type));
  if (k.max) out += fmt::format("{}<= {}", out.empty() ? "" : ", ", format_bound(*k.max, k.type));
  if (k.length) out += fmt::format("{}{} entries", out.empty() ? "" : ", ", *k.length);
  if (k.allows_unlimited) out += fmt::format("{}or `unlimited`", out.empty() ? "" : " ");
  return out;
}

std::string escape_cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

}  // namespace

std::span<const KeySpec> scenario_schema() {
  static const std::vector<KeySpec> kSchema = build_schema();
  return kSchema;
}

const KeySpec* find_key_spec(std::string_view pattern) {
  for (const KeySpec& k : scenario_schema()) {
    if (k.path == pattern) return &k;
  }
  return nullptr;
}

std::vector<std::string> child_keys(std::string_view pattern) {
  std::vector<std::string> out;
  const std::string prefix = pattern.empty() ? std::string{} : std::string{pattern} + ".";
  for (const KeySpec& k : scenario_schema()) {
    if (!k.path.starts_with(prefix)) continue;
    const std::string rest = k.path.substr(prefix.size());
    if (!rest.empty() && rest.find('.') == std::string::npos && rest.find('[') == std::string::npos && rest != "*") {
      out.push_back(rest);
    }
  }
  return out;
}

std::span<const DistributionForm> distribution_forms() {
  static const std::vector<DistributionForm> kForms{
      {"constant", {"value"}, true, true, "always `value`"},
      {"uniform", {"min", "max"}, true, false, "uniform between `min` and `max`"},
      {"exponential", {"mean"}, true, false, "exponential with the given mean"},
      {"normal", {"mean", "sd"}, true, false, "normal; for durations `mean` must be at least 3 `sd`, and negative draws count as 0"},
      {"lognormal", {"mean", "sd"}, true, false, "lognormal with the given mean and standard deviation (of the values themselves)"},
      {"gamma", {"shape", "scale"}, true, false, "gamma with a plain `shape` and a `scale` in the unit of the key"},
      {"beta", {"a", "b", "min", "max"}, true, false, "beta(a, b) stretched onto [`min`, `max`]"},
      {"erlang", {"k", "mean"}, true, false, "sum of `k` exponentials with total mean `mean`"},
      {"triangular", {"min", "mode", "max"}, true, false, "triangular on [`min`, `max`] peaking at `mode`"},
      {"empirical", {"values"}, true, false, "piecewise-linear between the sorted `values` (a list)"},
      {"poisson", {"mean"}, false, true, "Poisson with the given mean (may be 0)"},
      {"binomial", {"n", "p"}, false, true, "binomial: `n` trials with success fraction `p`"},
  };
  return kForms;
}

std::string schema_markdown() {
  std::string md;
  md += "# Scenario reference\n\n";
  md += "Generated by `cisim schema` from the schema table in `sim/scenario/schema.cpp`; do not edit by hand.\n";
  md += "Every key of a scenario file is listed below. `*` stands for an id of your choosing (letters, digits\n";
  md += "and `_`), `[]` for an item of a list. A key without a default must be given when its section is.\n\n";
  md += "## Units\n\n";
  md += "| kind | written as | examples |\n|---|---|---|\n";
  md += "| duration | number then `us`, `ms`, `s`, `min`, `h`, `d` or `w` | `30s`, `45min`, `2h`, `1.5d`, `92d` |\n";
  md += "| rate | number `/` time unit | `9/h`, `4000000/d`, `0.5/s` |\n";
  md += "| money | number then `USD` | `800 USD` |\n";
  md += "| fraction | number from 0 to 1, or a percentage | `0.02`, `2%` |\n";
  md += "| date | ISO 8601 | `2019-07-01` |\n";
  md += "| time of day | `HH:MM`, `00:00` to `24:00` | `08:00` |\n\n";
  md += "A number without a unit where one is needed is an error, never a silent default.\n\n";
  md += "## Keys\n\n";
  md += "| key | type | unit | default | range | description | example |\n|---|---|---|---|---|---|---|\n";
  for (const KeySpec& k : scenario_schema()) {
    const std::string default_cell = k.required ? "required" : (k.default_text.empty() ? "-" : fmt::format("`{}`", k.default_text));
    md += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", k.path, type_name(k.type), k.unit, escape_cell(default_cell),
                      escape_cell(range_text(k)), escape_cell(k.description),
                      k.example.empty() ? "" : escape_cell(fmt::format("`{}`", k.example)));
  }
  md += "\n## Distributions\n\n";
  md += "Written as a map with `dist` and the parameters, for example `{dist: exponential, mean: 3min}`.\n";
  md += "For a distribution key, parameters other than shape parameters (`shape`, `a`, `b`, `k`) are\n";
  md += "durations; for a money distribution, amounts in USD; for a count distribution, plain numbers.\n";
  md += "Money distributions take the same forms as duration distributions.\n\n";
  md += "| dist | parameters | for durations | for counts | description |\n|---|---|---|---|---|\n";
  for (const auto& f : distribution_forms()) {
    std::string params;
    for (const auto& p : f.parameters) params += (params.empty() ? "" : ", ") + fmt::format("`{}`", p);
    md += fmt::format("| `{}` | {} | {} | {} | {} |\n", f.name, params, f.for_durations ? "yes" : "no",
                      f.for_counts ? "yes" : "no", f.description);
  }
  return md;
}

}  // namespace cisim
