// SPDX-License-Identifier: MIT
// Validator's build of streams: the categories and origins they mix, sellers, fulfillment and lot sampling.
#include "validator.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/scenario/did_you_mean.hpp"

namespace cisim::detail {

void Validator::build_categories(CustomsModelConfig& m) {
  for (const std::string& id : ids_["categories"]) {
    const std::string path = "categories." + id;
    ProductCategory c;
    c.name = id;
    if (auto value = maybe<Distribution>(path + ".value", "")) c.true_value_usd = *value;
    c.duty_rate = maybe<double>(path + ".duty_rate", "categories.*.duty_rate").value_or(0.0);
    c.undervaluation_factor = maybe<double>(path + ".undervaluation_factor", "categories.*.undervaluation_factor").value_or(0.5);
    for (int k = 0; k < kViolationKinds; ++k) {
      const std::string kind{kViolationNames[static_cast<std::size_t>(k)]};
      c.prevalence[static_cast<std::size_t>(k)] =
          maybe<double>(path + ".prevalence." + kind, "categories.*.prevalence." + kind).value_or(0.0) *
          maybe<double>("prevalence_scale." + kind, "prevalence_scale." + kind).value_or(1.0);
    }
    m.categories.push_back(std::move(c));
  }
  // Streams without a category mix use one unnamed category worth nothing and never violating.
  m.categories.push_back(ProductCategory{"unspecified", Constant{0.0}, 0.0, {}, 0.5});
}

void Validator::build_origins(CustomsModelConfig& m) {
  for (const std::string& id : ids_["origins"]) {
    m.origins.push_back(Origin{id, maybe<double>("origins." + id + ".risk_multiplier", "origins.*.risk_multiplier").value_or(1.0),
                               maybe<double>("origins." + id + ".additional_duty_rate", "origins.*.additional_duty_rate").value_or(0.0)});
  }
  m.origins.push_back(Origin{"unspecified", 1.0, 0.0});
}

// A map of shares over ids of `universe` (origins or categories): every id must exist and
// the shares must sum to 1. Returns one share per universe entry (the last entry is the
// unnamed one, used when the mix is absent).
std::vector<double> Validator::build_mix(const std::string& path, const std::string& universe, std::size_t universe_size) {
  std::vector<double> shares(universe_size, 0.0);
  if (!written_.contains(path)) {
    shares.back() = 1.0;
    return shares;
  }
  const auto& ids = ids_[universe];
  double sum = 0.0;
  bool complete = true;
  for (const std::string& id : ids_[path]) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    const auto share = maybe<double>(path + "." + id, "");
    if (it == ids.end()) {
      error(where(path + "." + id), path + "." + id,
            fmt::format("no {} '{}' in `{}`{}", universe == "origins" ? "origin" : "category", id, universe,
                        did_you_mean_suffix(id, ids)));
      complete = false;
      continue;
    }
    if (!share) {
      complete = false;
      continue;
    }
    shares[static_cast<std::size_t>(it - ids.begin())] = *share;
    sum += *share;
  }
  if (complete && std::fabs(sum - 1.0) > 1e-9) {
    error(where(path), path, fmt::format("shares must sum to 100% (got {:g}%)", sum * 100.0));
  }
  if (!complete || sum <= 0.0) {
    std::fill(shares.begin(), shares.end(), 0.0);
    shares.back() = 1.0;
  }
  return shares;
}

std::optional<CustomsStream> Validator::build_stream(const std::string& id, const CustomsModelConfig& m, int start_weekday) {
  const std::string path = "streams." + id;
  const std::string pattern = "streams.*";
  CustomsStream stream;
  stream.name = id;
  if (!has(path + ".facility")) return std::nullopt;
  const std::string facility = get<std::string>(path + ".facility", "");
  const auto& facility_ids = ids_["facilities"];
  const auto it = std::find(facility_ids.begin(), facility_ids.end(), facility);
  if (it == facility_ids.end()) {
    error(where(path + ".facility"), path + ".facility",
          fmt::format("no facility '{}'{}", facility, did_you_mean_suffix(facility, facility_ids)));
    return std::nullopt;
  }
  stream.facility = static_cast<std::size_t>(it - facility_ids.begin());
  if (stream.facility >= m.facilities.size()) return std::nullopt;
  if (m.facilities[stream.facility].methods.empty() && is_center(stream.facility)) {
    error(where(path + ".facility"), path + ".facility",
          fmt::format("facility '{}' is a fulfillment center without officers; name the US facility where the shipments are "
                      "entered here, and the center in `fulfillment.center`",
                      facility));
    return std::nullopt;
  }
  if (sections_.contains(path + ".fulfillment")) stream.fulfillment = build_fulfillment(path + ".fulfillment", m);
  if (sections_.contains(path + ".lot_sampling")) stream.lot_sampling = build_lot_sampling(path + ".lot_sampling");
  const std::string mode = maybe<std::string>(path + ".mode", pattern + ".mode").value_or("postal");
  stream.mode = mode == "express" ? Mode::Express : mode == "cargo" ? Mode::Cargo : mode == "truck" ? Mode::Truck : Mode::Postal;
  stream.origin_mix = build_mix(path + ".origin_mix", "origins", m.origins.size());
  stream.category_mix = build_mix(path + ".category_mix", "categories", m.categories.size());
  stream.advance_data_share = maybe_dated(path + ".advance_data", pattern + ".advance_data").value_or(DatedValue{1.0});
  stream.risk_multiplier = maybe_dated(path + ".risk_multiplier", pattern + ".risk_multiplier").value_or(DatedValue{1.0});
  stream.data_risk[0] = maybe<double>(path + ".risk_without_advance_data", pattern + ".risk_without_advance_data").value_or(1.0);
  stream.data_risk[1] = maybe<double>(path + ".risk_with_advance_data", pattern + ".risk_with_advance_data").value_or(1.0);
  stream.demand_elasticity = maybe<double>(path + ".demand_elasticity", pattern + ".demand_elasticity").value_or(0.0);
  const std::string channel = maybe<std::string>(path + ".de_minimis_entry", pattern + ".de_minimis_entry").value_or("by_data");
  stream.de_minimis_entry = channel == "manifest" ? DeMinimisEntry::Manifest
                            : channel == "type86" ? DeMinimisEntry::Type86
                            : channel == "postal" ? DeMinimisEntry::Postal
                                                  : DeMinimisEntry::ByData;
  // A Type 86 entry files the shipment's data: a stream of them without it would be targeted blind.
  if (stream.de_minimis_entry == DeMinimisEntry::Type86 && stream.advance_data_share.min() < 1.0) {
    const std::string key = written_.contains(path + ".advance_data") ? path + ".advance_data" : path + ".de_minimis_entry";
    error(where(key), key,
          fmt::format("a stream entered as Type 86 files every shipment's data: advance_data must be 100%, found {:g}%",
                      100.0 * stream.advance_data_share.min()));
  }
  if (sections_.contains(path + ".release_program")) {
    const auto clearance = maybe<std::int64_t>(path + ".release_program.clearance", "");
    const auto fraction = maybe<double>(path + ".release_program.fraction", "");
    const bool per_seller = maybe<std::string>(path + ".release_program.per", pattern + ".release_program.per").value_or("stream") == "seller";
    if (per_seller && !written_.contains(path + ".sellers")) {
      error(where(path + ".release_program.per"), path + ".release_program.per",
            "a plan per seller needs a seller population (`sellers`)");
    }
    if (clearance && fraction) stream.release_program = ContinuousSamplingPlan{static_cast<int>(*clearance), *fraction, per_seller};
  }
  if (auto items = maybe<CountDistribution>(path + ".items", pattern + ".items")) stream.items = *items;
  if (sections_.contains(path + ".sellers")) {
    const auto count = maybe<std::int64_t>(path + ".sellers.count", "");
    const auto zipf = maybe<double>(path + ".sellers.zipf_exponent", pattern + ".sellers.zipf_exponent");
    const auto a = maybe<double>(path + ".sellers.propensity_a", pattern + ".sellers.propensity_a");
    const auto b = maybe<double>(path + ".sellers.propensity_b", pattern + ".sellers.propensity_b");
    if (count && zipf && a && b) {
      SellerPopulation p;
      p.count = static_cast<int>(*count);
      p.zipf_exponent = *zipf;
      p.propensity_a = *a;
      p.propensity_b = *b;
      p.vetting_share = maybe<double>(path + ".sellers.vetting_share", pattern + ".sellers.vetting_share").value_or(0.0);
      p.vetting_above = maybe<double>(path + ".sellers.vetting_above", pattern + ".sellers.vetting_above").value_or(2.0);
      p.takedown_latency = maybe<Duration>(path + ".sellers.takedown_latency", "");
      if (auto k = maybe<std::int64_t>(path + ".sellers.suspend_after_findings", "")) p.suspend_after_findings = static_cast<int>(*k);
      p.restricted_categories = build_id_filter(path + ".sellers.restricted_categories", ids_["categories"], "category");
      p.deterrence = maybe<double>(path + ".sellers.deterrence", pattern + ".sellers.deterrence").value_or(0.0);
      p.mean_tenure = maybe<Duration>(path + ".sellers.mean_tenure", pattern + ".sellers.mean_tenure");
      if (p.vetting_share >= 1.0 && p.vetting_above <= 0.0) {
        error(where(path + ".sellers.vetting_share"), path + ".sellers.vetting_share", "would refuse every seller");
      }
      stream.sellers = p;
    }
  }
  if (sections_.contains(path + ".displacement")) stream.displacement = build_displacement(id, stream);
  const std::string ap = path + ".arrivals";
  const auto batch = maybe<CountDistribution>(ap + ".batch_size", pattern + ".arrivals.batch_size");
  const std::optional<DatedValue> rate = maybe_dated(ap + ".rate", "");
  if (!rate || !batch) return std::nullopt;
  for (const char* key : {".hourly_profile", ".weekly_profile", ".daily_profile"}) {
    if (written_.contains(ap + key) && !has(ap + key)) return std::nullopt;
  }
  auto profile = [&](const char* key) {
    return has(ap + "." + key) ? get<std::vector<double>>(ap + "." + key, "") : std::vector<double>{};
  };
  // A dated rate: the process runs at the highest, scaled down by date (rate_scale).
  const double highest = rate->max();
  stream.rate_scale = highest > 0.0 ? rate->scaled(1.0 / highest) : DatedValue{1.0};
  // The daily profile's first entry is start_date's: with a spin-up the clock starts earlier,
  // so the (cyclic) profile is turned to begin at the clock's first day.
  std::vector<double> daily = profile("daily_profile");
  if (!daily.empty()) {
    const auto n = static_cast<std::int64_t>(daily.size());
    const std::int64_t spin_days = days_since_epoch(written_start_) - days_since_epoch(clock_start_);
    std::rotate(daily.begin(), daily.begin() + static_cast<std::ptrdiff_t>(((n - spin_days % n) % n)), daily.end());
  }
  stream.arrivals = ArrivalProcess{highest, profile("hourly_profile"), profile("weekly_profile"), std::move(daily), *batch,
                                   start_weekday};
  return stream;
}

// A stream's displacement rule; the routes must be other streams that take shipments as they
// come (no fulfillment center or release program on either side: their lots and plans are
// per stream and seller, and a moved shipment keeps its own stream's seller).
std::optional<DisplacementRule> Validator::build_displacement(const std::string& id, const CustomsStream& stream) {
  const std::string path = "streams." + id + ".displacement";
  const std::string pattern = "streams.*.displacement";
  if (stream.fulfillment || stream.release_program) {
    error(where(path), path, fmt::format("a stream with {} cannot move its shipments; displacement is for streams of parcels "
                                         "sent on their own", stream.fulfillment ? "a fulfillment center" : "a release program"));
    return std::nullopt;
  }
  const auto strength = maybe<double>(path + ".strength", "");
  const auto routes = build_id_filter(path + ".routes", ids_["streams"], "stream");
  if (!strength || !written_.contains(path + ".routes")) return std::nullopt;
  DisplacementRule rule;
  rule.strength = *strength;
  rule.lag = maybe<Duration>(path + ".lag", pattern + ".lag").value_or(Duration::days(7));
  const Duration window = maybe<Duration>(path + ".window", pattern + ".window").value_or(Duration::days(14));
  rule.window_days = std::max(1, static_cast<int>(std::llround(window.to_seconds() / 86400.0)));
  const auto& stream_ids = ids_["streams"];
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (!routes[i]) continue;
    if (stream_ids[i] == id) {
      error(where(path + ".routes"), path + ".routes", fmt::format("'{}' is this stream: a route must be another stream", id));
      return std::nullopt;
    }
    const std::string other = "streams." + stream_ids[i];
    if (sections_.contains(other + ".fulfillment") || sections_.contains(other + ".release_program")) {
      error(where(path + ".routes"), path + ".routes",
            fmt::format("stream '{}' has {}; a route must take parcels as they come", stream_ids[i],
                        sections_.contains(other + ".fulfillment") ? "a fulfillment center" : "a release program"));
      return std::nullopt;
    }
    rule.routes.push_back(static_cast<std::uint32_t>(i));
  }
  if (const auto origin = maybe<std::string>(path + ".declared_origin", "")) {
    const auto index = index_of_id(path + ".declared_origin", *origin, "origins", "origin");
    if (!index) return std::nullopt;
    rule.declared_origin = static_cast<std::uint16_t>(*index);
  }
  // An empty list is an error of its own; a list whose ids were wrong has been reported.
  if (rule.routes.empty()) {
    if (has(path + ".routes") && get<std::vector<std::string>>(path + ".routes", "").empty()) {
      error(where(path + ".routes"), path + ".routes", "at least one route is needed");
    }
    return std::nullopt;
  }
  return rule;
}

std::optional<FulfillmentSupply> Validator::build_fulfillment(const std::string& path, const CustomsModelConfig& m) {
  const auto center = maybe<std::string>(path + ".center", "");
  const auto lot_units = maybe<CountDistribution>(path + ".lot_units", "");
  if (!center || !lot_units) return std::nullopt;
  const auto index = index_of_id(path + ".center", *center, "facilities", "facility");
  if (!index) return std::nullopt;
  FulfillmentSupply supply;
  supply.center = *index;
  if (supply.center >= m.facilities.size()) return std::nullopt;
  if (!is_center(supply.center)) {
    error(where(path + ".center"), path + ".center",
          fmt::format("facility '{}' is not a fulfillment center (its kind must be fulfillment_center or "
                      "foreign_fulfillment_center)",
                      *center));
    return std::nullopt;
  }
  supply.foreign = kinds_[supply.center] == FacilityKind::ForeignFulfillmentCenter;
  supply.lot_units = *lot_units;
  supply.split_orders = maybe<std::string>(path + ".split_orders", "streams.*.fulfillment.split_orders").value_or("true") == "true";
  supply.transit = maybe<Duration>(path + ".transit", "streams.*.fulfillment.transit").value_or(Duration::zero());
  return supply;
}

std::optional<LotSampling> Validator::build_lot_sampling(const std::string& path) {
  const std::string pattern = "streams.*.lot_sampling";
  const auto size = maybe<std::string>(path + ".size", "");
  if (!size) return std::nullopt;
  LotSampling plan;
  plan.size = *size == "fixed"            ? SampleSize::Fixed
              : *size == "proportion"     ? SampleSize::Proportion
              : *size == "hypergeometric" ? SampleSize::Hypergeometric
                                          : SampleSize::All;
  const auto count = maybe<std::int64_t>(path + ".count", "");
  const auto proportion = maybe<double>(path + ".proportion", "");
  if (plan.size == SampleSize::Fixed && !written_.contains(path + ".count")) {
    error(where(path), path, "missing 'count' (items opened) for size: fixed");
    return std::nullopt;
  }
  if (plan.size == SampleSize::Proportion && !written_.contains(path + ".proportion")) {
    error(where(path), path, "missing 'proportion' (share of the items opened) for size: proportion");
    return std::nullopt;
  }
  if (plan.size == SampleSize::Proportion && proportion && *proportion <= 0.0) {
    error(where(path + ".proportion"), path + ".proportion", "must be above 0% (at least one item is opened anyway)");
  }
  plan.count = static_cast<int>(count.value_or(0));
  plan.proportion = proportion.value_or(1.0);
  plan.detection_level = maybe<double>(path + ".detection_level", pattern + ".detection_level").value_or(0.01);
  plan.confidence = maybe<double>(path + ".confidence", pattern + ".confidence").value_or(0.95);
  plan.contaminated_share = maybe<double>(path + ".contaminated_share", pattern + ".contaminated_share").value_or(1.0);
  plan.time_per_item = maybe<Duration>(path + ".time_per_item", pattern + ".time_per_item").value_or(Duration::zero());
  if (plan.size == SampleSize::Hypergeometric && (plan.detection_level <= 0.0 || plan.confidence >= 1.0)) {
    const bool level = plan.detection_level <= 0.0;
    error(where(path + (level ? ".detection_level" : ".confidence")), path + (level ? ".detection_level" : ".confidence"),
          level ? "must be above 0% (no sample detects a prevalence of 0)"
                : "must be below 100% (only opening every item is certain; use size: all)");
  }
  return plan;
}

}  // namespace cisim::detail
