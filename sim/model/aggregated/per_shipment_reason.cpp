// SPDX-License-Identifier: MIT
// PerShipmentReason: the rows, each with its id, its text and its test, in the order tried.
#include "cisim/model/per_shipment_reason.hpp"

#include <variant>

#include "cisim/base/assert.hpp"
#include "cisim/model/seller_market.hpp"
#include "model/aggregated/aggregated_stream.hpp"

namespace cisim {
namespace {

const CustomsStream& stream_of(const StreamFacts& f) { return f.config->streams[f.stream]; }

// A category the stream can send whose values the classes cannot cut into intervals (the
// truncated lognormal needs sigma > 0), or whose undervalued shipments declare nothing.
bool values_not_lognormal(const StreamFacts& f) {
  for (std::size_t c = 0; c < f.config->categories.size(); ++c) {
    if (stream_of(f).category_mix[c] == 0.0) continue;
    const auto* value = std::get_if<LogNormal>(&f.config->categories[c].true_value_usd);
    if (value == nullptr || !(value->sigma > 0.0)) return true;
  }
  return false;
}

bool undervalues_to_nothing(const StreamFacts& f) {
  for (std::size_t c = 0; c < f.config->categories.size(); ++c) {
    const ProductCategory& category = f.config->categories[c];
    if (stream_of(f).category_mix[c] == 0.0) continue;
    if (category.prevalence[static_cast<std::size_t>(ViolationKind::Undervaluation)] > 0.0 && !(category.undervaluation_factor > 0.0)) {
      return true;
    }
  }
  return false;
}

// Each row is what a class cannot express: a decision that depends on one shipment (its lot,
// its items, its fulfillment order) or on state that the classes do not carry.
constexpr std::array<PerShipmentRule, kPerShipmentReasons> kRules{{
    {PerShipmentReason::Exact, "exact", "simulation: exact was asked for",
     [](const StreamFacts& f) { return f.config->exact; }, nullptr},
    {PerShipmentReason::FulfillmentCenter, "fulfillment_center", "it is supplied by a fulfillment center (lots break bulk)",
     [](const StreamFacts& f) { return stream_of(f).fulfillment.has_value(); }, nullptr},
    {PerShipmentReason::ReleaseProgram, "release_program", "it has a release program (decided per shipment, after earlier outcomes)",
     [](const StreamFacts& f) { return stream_of(f).release_program.has_value(); }, nullptr},
    {PerShipmentReason::LotSampling, "lot_sampling", "it has lot sampling (items opened per shipment)",
     [](const StreamFacts& f) { return stream_of(f).lot_sampling.has_value(); }, nullptr},
    {PerShipmentReason::Displacement, "displacement", "violator displacement moves or counts its shipments",
     [](const StreamFacts& f) { return f.displaced; }, nullptr},
    {PerShipmentReason::ArrivalBatches, "arrival_batches", "its arrival events bring batches",
     [](const StreamFacts& f) { return !stream_of(f).arrivals.single_shipment(); }, nullptr},
    {PerShipmentReason::SeveralItems, "several_items", "its shipments may hold several items",
     [](const StreamFacts& f) {
       const auto* items = std::get_if<Constant>(&stream_of(f).items);
       return items == nullptr || items->value != 1.0;
     },
     nullptr},
    {PerShipmentReason::SellerExclusion, "seller_exclusion", "its platform delists or restricts sellers",
     [](const StreamFacts& f) { return f.sellers->present() && f.sellers->may_exclude(); }, nullptr},
    {PerShipmentReason::RankedLine, "ranked_line",
     "its facility's line is risk-ranked and bounded, and its posts' items may be prioritized (a class would rank two ways)",
     [](const StreamFacts& f) {
       const CustomsPolicies& p = f.config->policies;
       return p.targeting.ranked_line && f.config->facilities[stream_of(f).facility].waiting_limit.has_value() &&
              p.post_scoring.enabled && stream_of(f).mode == Mode::Postal && p.post_scoring.prioritized_rate > 0.0;
     },
     nullptr},
    {PerShipmentReason::ValuesNotLognormal, "values_not_lognormal", "a category it sends has values that are not lognormal",
     values_not_lognormal, nullptr},
    {PerShipmentReason::UndervaluesToNothing, "undervalues_to_nothing", "a category it sends undervalues to nothing",
     undervalues_to_nothing, nullptr},
    {PerShipmentReason::BlitzInForce, "blitz_in_force", "a blitz was in force at its facility in the hour",
     nullptr, [](const HourFacts& h) { return h.blitz_in_force; }},
    {PerShipmentReason::WarmupEnds, "warmup_ends", "the warm-up ended inside the hour",
     nullptr, [](const HourFacts& h) { return h.warmup_ends; }},
    {PerShipmentReason::PostQuarterEnds, "post_quarter_ends", "a scored post's quarter ended inside the hour",
     nullptr, [](const HourFacts& h) { return h.post_quarter_ends; }},
    {PerShipmentReason::FewShipments, "few_shipments", "the hour expected fewer than 256 shipments (counting by class would cost more)",
     nullptr, [](const HourFacts& h) { return h.expected_shipments < AggregatedStream::kFewestShipments; }},
    {PerShipmentReason::DeMinimisRulesChange, "de_minimis_rules_change", "the de minimis rules changed inside the hour",
     nullptr, [](const HourFacts& h) { return h.rules_change; }},
}};

}  // namespace

std::span<const PerShipmentRule> per_shipment_rules() { return kRules; }

const PerShipmentRule& per_shipment_rule(PerShipmentReason reason) {
  const PerShipmentRule& row = kRules[static_cast<std::size_t>(reason)];
  CISIM_ASSERT(row.reason == reason, "the per-shipment rules are out of the enum's order");
  return row;
}

std::optional<PerShipmentReason> stream_per_shipment_reason(const StreamFacts& facts) {
  for (const PerShipmentRule& row : kRules) {
    if (row.stream_test && row.stream_test(facts)) return row.reason;
  }
  return std::nullopt;
}

std::optional<PerShipmentReason> hour_per_shipment_reason(const HourFacts& facts) {
  for (const PerShipmentRule& row : kRules) {
    if (row.hour_test && row.hour_test(facts)) return row.reason;
  }
  return std::nullopt;
}

}  // namespace cisim
