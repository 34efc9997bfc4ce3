// SPDX-License-Identifier: MIT
// The schema rows of the decisions: policies (de minimis, formal entry, targeting) and blitzes.
#include "schema_rows.hpp"

namespace cisim::detail {

void add_policy_keys(std::vector<KeySpec>& s) {
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
  KeySpec entry_data = leaf("policies.entry_data", KeyType::Choice, "", false, "filed",
                            "what targeting sees of a shipment that makes an informal or formal entry: `filed` (the entry "
                            "files the goods' classification, value and importer, so category, value and seller history are "
                            "seen even without advance data), or `advance_only` (only the parcel's advance data, as for de "
                            "minimis)",
                            "advance_only");
  entry_data.choices = {"filed", "advance_only"};
  s.push_back(entry_data);
  s.push_back(section("policies.ultimate_consignee", false,
                      "fulfillment centers are the ultimate consignee of goods not yet sold (DHS 2020): each lot is entered "
                      "in bulk (informal or formal by value) and its parcels claim no de minimis"));
  s.push_back(leaf("policies.ultimate_consignee.from", KeyType::Date, "date", true, "",
                   "first day (from 00:00) the rule is in force; the start date for the whole run", "2019-07-01"));
  s.push_back(leaf("policies.destroy_identical_share", KeyType::Fraction, "fraction", false, "0",
                   "share of fulfillment centers that, asked after a seizure, destroy the identical goods still in stock "
                   "(the seller's lot)",
                   "80%"));
  s.push_back(section("policies.post_scoring", false,
                      "Executive Order 13904 (31 Jan 2020): quarterly compliance scores for foreign posts, the postal "
                      "items of each listed origin (docs/model.md, \"Foreign posts scored\")"));
  s.push_back(reference_list("policies.post_scoring.posts", "origins", true, "origins whose posts are scored (postal items only)",
                             "[CN, HK]"));
  s.push_back(with_range(leaf("policies.post_scoring.quarter", KeyType::Duration, "duration", false, "91d",
                              "length of a scoring period", "91d"),
                         86400, std::nullopt));
  s.push_back(leaf("policies.post_scoring.data_weight", KeyType::Fraction, "fraction", false, "50%",
                   "weight of advance-data completeness in the score; the rest weighs the clean share of the post's inspected "
                   "items (A)",
                   "60%"));
  s.push_back(leaf("policies.post_scoring.threshold", KeyType::Fraction, "fraction", true, "",
                   "a quarter scored below this is non-compliant (A)", "70%"));
  s.push_back(with_range(leaf("policies.post_scoring.prioritize_after", KeyType::Integer, "quarters", false, "2",
                              "consecutive non-compliant quarters after which the post's items get prioritized targeting (EO 13904)",
                              "2"),
                         1, 1000));
  s.push_back(with_range(leaf("policies.post_scoring.request_data_after", KeyType::Integer, "quarters", false, "6",
                              "consecutive non-compliant quarters after which more data is required: items without advance "
                              "data are held unless the post improves (EO 13904)",
                              "6"),
                         1, 1000));
  s.push_back(with_range(leaf("policies.post_scoring.block_after", KeyType::Integer, "quarters", false, "8",
                              "consecutive non-compliant quarters after which the post's items are blocked (EO 13904)", "8"),
                         1, 1000));
  s.push_back(leaf("policies.post_scoring.prioritized_rate", KeyType::Fraction, "fraction", false, "5%",
                   "share of a prioritized post's items selected for targeted inspection (A)", "10%"));
  KeySpec improves = section("policies.post_scoring.improves", false,
                             "posts that improve when more data is required, with the advance-data share each then reaches "
                             "(a post not listed does not improve)");
  improves.type = KeyType::IdMap;
  s.push_back(improves);
  s.push_back(leaf("policies.post_scoring.improves.*", KeyType::Fraction, "fraction", true, "",
                   "advance-data share of the post's items once more data is required", "95%"));
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
  s.push_back(dated(leaf("policies.targeting.threshold", KeyType::Fraction, "fraction", true, "",
                         "a shipment is targeted when its risk score (0 to 1) is at or above this (dated: from 00:00 of "
                         "each date)",
                         "0.2")));
  KeySpec order = leaf("policies.targeting.line_order", KeyType::Choice, "", false, "arrival",
                       "the order of targeted selections in the inspection line: by arrival, or by score (highest examined "
                       "first, ties by arrival; a full line turns away the lowest-scored, which a higher-scored selection "
                       "replaces; docs/model.md, \"Risk-ranked line\")",
                       "score");
  order.choices = {"arrival", "score"};
  s.push_back(order);
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
                   "random compliance sample: share of the shipments not otherwise selected (it queues with them)", "0.1%"));
  s.push_back(section("policies.audit", false,
                      "random audit: a share of all arrivals, chosen before any other selection and examined first, "
                      "ahead of targeting (its own selection reason)"));
  s.push_back(dated(leaf("policies.audit.rate", KeyType::Fraction, "fraction", true, "",
                         "share of all arrivals audited (dated: changes at 00:00 of each date)", "0.1%")));
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
}

}  // namespace cisim::detail
