// SPDX-License-Identifier: MIT
// The schema rows of what is simulated: the run, facilities, streams, categories and origins.
#include "scenario/bounds.hpp"
#include "schema_rows.hpp"

namespace cisim::detail {

void add_model_keys(std::vector<KeySpec>& s) {
  s.push_back(with_range(leaf("format_version", KeyType::Integer, "", true, "",
                              "version of the scenario format; this cisim reads version 1", "1"),
                         1, 1));
  s.push_back(leaf("name", KeyType::Text, "", true, "", "short name of the scenario, shown in every report", "queue_mmc"));
  s.push_back(leaf("description", KeyType::Text, "", true, "", "what the scenario represents and the question it answers",
                   "\"M/M/c check: 10 officers, 9 shipments/min\""));
  s.push_back(leaf("question", KeyType::Text, "", false, "",
                   "the policy question the scenario answers, in one sentence; reports open with it",
                   "\"Do blitzes measure the violation rate of all traffic?\""));
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
  // Bounds (decision 0008): results are kept per day, so the horizon is bounded to 10 years.
  s.push_back(with_range(leaf("horizon", KeyType::Duration, "duration", true, "", "simulated time to run", "92d"), 0,
                         kMaxHorizonSeconds, true));
  s.push_back(with_range(leaf("warmup", KeyType::Duration, "duration", false, "0s",
                              "initial period whose observations are discarded; shorter than the horizon", "2d"),
                         0, std::nullopt));

  s.push_back(with_range(leaf("spin_up", KeyType::Duration, "duration", false, "0s",
                              "whole days simulated before start_date and never measured, so that what learns (seller "
                              "histories, deterrence, takedowns, queues) starts the measured window in its steady state; "
                              "dated events in it take effect, and the measured window still begins at start_date plus "
                              "`warmup` (docs/model.md, \"Warm start\")",
                              "365d"),
                         0, 10.0 * 365.0 * 86400.0));
  KeySpec simulation = leaf("simulation", KeyType::Choice, "", false, "aggregated",
                            "how shipments are simulated: `aggregated` (those that cannot be selected are counted per "
                            "class of like shipments in one step, the selected drawn one by one; docs/performance.md) or "
                            "`exact` (every shipment drawn one by one: the reference path, as `cisim run --exact`)",
                            "exact");
  simulation.choices = {"aggregated", "exact"};
  s.push_back(simulation);

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
  s.push_back(dated(with_range(leaf("facilities.*.officers.count", KeyType::Integer, "officers", false, "",
                                    "officers on duty at all times (give this or `shifts`; dated: from 00:00 of each date)",
                                    "10"),
                               0, 100000)));
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
  s.push_back(dated(with_range(leaf("facilities.*.methods.*.duration_scale", KeyType::Real, "", false, "1",
                                    "multiplies the drawn duration (dated: examination time that changes on dates, "
                                    "from 00:00 of each date, for inspections that start then)",
                                    "{2019-10-01: 1, 2022-10-01: 1.4}"),
                               0, 100, true)));
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
  s.push_back(dated(with_range(leaf("streams.*.arrivals.rate", KeyType::Rate, "arrival events per time", true, "",
                                    "mean rate of arrival events (the profiles average to 1, so this stays the mean; dated: "
                                    "from 00:00 of each date)",
                                    "9/min"),
                               0, kMaxRatePerSecond)));
  KeySpec hourly = with_range(leaf("streams.*.arrivals.hourly_profile", KeyType::RealList, "multipliers", false, "",
                                   "24 relative rates for the hours 00-01 ... 23-24, scaled to average 1", "[0.5, 0.5, ...]"),
                              0, kMaxProfileMultiplier);
  hourly.length = 24;
  s.push_back(hourly);
  KeySpec weekly = with_range(leaf("streams.*.arrivals.weekly_profile", KeyType::RealList, "multipliers", false, "",
                                   "7 relative rates for Monday ... Sunday, scaled to average 1",
                                   "[1.2, 1.1, 1, 1, 1, 0.9, 0.8]"),
                              0, kMaxProfileMultiplier);
  weekly.length = 7;
  s.push_back(weekly);
  s.push_back(with_range(leaf("streams.*.arrivals.daily_profile", KeyType::RealList, "multipliers", false, "",
                              "multipliers for day 1, 2, ... of the run, repeating, taken as given (0: no traffic that day)",
                              "[1, 1, 3, 1]"),
                         0, kMaxProfileMultiplier));
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
  s.push_back(dated(leaf("streams.*.advance_data", KeyType::Fraction, "fraction", false, "100%",
                         "share of shipments with advance electronic data (GAO-17-606: about half of inbound mail lacked "
                         "it); with risk by advance data, the entry-channel mix (dated: from 00:00 of each date)",
                         "50%")));
  s.push_back(dated(with_range(leaf("streams.*.risk_multiplier", KeyType::Real, "", false, "1",
                                    "multiplies every prevalence for this stream's shipments (dated: for shipments that arrive "
                                    "from 00:00 of each date, as risky trade moves between channels)",
                                    "1.2"),
                               0, 1000)));
  s.push_back(with_range(leaf("streams.*.risk_with_advance_data", KeyType::Real, "", false, "1",
                              "risk by entry channel: multiplies every prevalence of the stream's shipments that arrive "
                              "with advance data (de minimis express: Type 86 entries)",
                              "1.3"),
                         0, 1000));
  s.push_back(with_range(leaf("streams.*.risk_without_advance_data", KeyType::Real, "", false, "1",
                              "risk by entry channel: multiplies every prevalence of the stream's shipments that arrive "
                              "without advance data (de minimis express: release from manifest)",
                              "0.2"),
                         0, 1000));
  KeySpec channel = leaf("streams.*.de_minimis_entry", KeyType::Choice, "", false, "by_data",
                         "how the stream's de minimis shipments are entered: `by_data` (with advance data a Type 86 entry, "
                         "without it a release from the manifest), `manifest` (every one released from its manifest, whatever "
                         "data it brings: an express carrier's manifest), `type86` (every one a Type 86 entry, filed by a "
                         "broker with its data; advance_data must be 100%) or `postal` (every one an item of international "
                         "mail); the audit's scope by entry channel and the Type 86 count follow it (docs/model.md, \"Risk by "
                         "entry channel\")",
                         "manifest");
  channel.choices = {"by_data", "manifest", "type86", "postal"};
  s.push_back(channel);
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
  s.push_back(section("streams.*.displacement", false,
                      "violators who adapt (docs/model.md, \"Displacement\"): the violating shipments of this stream move to "
                      "other routes when the interdiction rate they observe here exceeds the lowest on those routes; "
                      "legitimate traffic does not move"));
  s.push_back(reference_list("streams.*.displacement.routes", "streams", true,
                             "the streams (other facilities, another mode) the violating shipments may take instead; "
                             "a moved shipment takes the safest of them",
                             "[jfk_express, mem_fedex]"));
  s.push_back(leaf("streams.*.displacement.strength", KeyType::Fraction, "fraction", true, "",
                   "share of the violating shipments that moves when this route's interdiction rate is far above the "
                   "safest route's (A); the share moved is strength x (1 - safest rate / this rate)",
                   "60%"));
  s.push_back(with_range(leaf("streams.*.displacement.lag", KeyType::Duration, "duration", false, "7d",
                              "time constant of the response: the share moved closes 63% of its gap to the target share in "
                              "this time (A)",
                              "14d"),
                         3600, std::nullopt));
  s.push_back(with_range(leaf("streams.*.displacement.window", KeyType::Duration, "duration", false, "14d",
                              "the interdiction rates are observed over this trailing window (whole days)", "28d"),
                         86400, std::nullopt));
  KeySpec declared = leaf("streams.*.displacement.declared_origin", KeyType::Reference, "", false, "",
                          "transshipment: a moved shipment declares this origin (targeting, blitz filters and origin "
                          "duties see it; its violations stay as drawn)",
                          "OTHER");
  declared.reference = "origins";
  s.push_back(declared);
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
  s.push_back(leaf("streams.*.sellers.deterrence", KeyType::Fraction, "fraction", false, "0",
                   "specific deterrence (A): a seller's propensity falls by this share after each seizure of, or penalty "
                   "on, one of its shipments",
                   "30%"));
  s.push_back(with_range(leaf("streams.*.sellers.mean_tenure", KeyType::Duration, "duration", false, "",
                              "seller turnover: a seller leaves after an exponential time of this mean and a newcomer "
                              "takes its volume share (fresh propensity, no history, listed); without it histories only "
                              "accumulate and the run never reaches a steady state; 7 days to 100 years (docs/model.md, "
                              "\"Seller turnover\")",
                              "730d"),
                         7.0 * 86400.0, 36500.0 * 86400.0));
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
  // Duty rates above 100% exist (2025 tariffs on China reached 145%): up to 1000%.
  s.push_back(with_range(leaf("categories.*.duty_rate", KeyType::Fraction, "fraction", false, "0", "duty rate on the value", "12%"),
                         0, 10));
  s.push_back(leaf("categories.*.undervaluation_factor", KeyType::Fraction, "fraction", false, "50%",
                   "declared value as a share of the true value, for an undervalued shipment", "40%"));
  s.push_back(section("categories.*.prevalence", false,
                      "chance that a shipment of this category carries each violation, before origin and seller multipliers"));
  per_violation(s, "categories.*.prevalence", "share of shipments carrying", "3%");
  // One level per violation kind over all categories: the categories keep their relative
  // profile (an assumption) while the level is what a calibration fits to measured rates.
  s.push_back(section("prevalence_scale", false,
                      "multiplies the prevalence of each violation kind in every category (1: as the categories give "
                      "it); the lever `cisim calibrate` fits to measured rates while the categories keep their profile"));
  for (const char* violation : {"counterfeit", "undervaluation", "misdescription", "prohibited", "agricultural"}) {
    s.push_back(with_range(leaf(std::string("prevalence_scale.") + violation, KeyType::Real, "", false, "1",
                                std::string("multiplies every category's prevalence of ") + violation, "1.15"),
                           0, 1000));
  }

  KeySpec origins = section("origins", false, "countries or territories of origin by id");
  origins.type = KeyType::IdMap;
  s.push_back(origins);
  s.push_back(section("origins.*", true, "one origin"));
  s.push_back(with_range(leaf("origins.*.risk_multiplier", KeyType::Real, "", false, "1",
                              "multiplies every prevalence for shipments from this origin", "1.6"),
                         0, 1000));
  s.push_back(with_range(leaf("origins.*.additional_duty_rate", KeyType::Fraction, "fraction", false, "0",
                              "duty rate added to the category's for goods of this origin (for example Section 301 tariffs)", "25%"),
                         0, 10));
}

}  // namespace cisim::detail
