// SPDX-License-Identifier: MIT
#include "cisim/model/entry_rules.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {
CustomsModelConfig goods() {
  CustomsModelConfig c;
  c.categories.push_back(ProductCategory{"goods", Constant{50.0}, 0.10, {}, 0.5});
  c.origins.push_back(Origin{"CN", 1.0, 0.25});
  c.origins.push_back(Origin{"DE", 1.0, 0.0});
  return c;
}
ShipmentRecord shipment(double declared_usd, std::uint16_t origin = 1) {
  ShipmentRecord r;
  r.declared_value_usd = declared_usd;
  r.true_value_usd = declared_usd;
  r.origin = origin;
  return r;
}
}  // namespace

TEST_CASE("EntryRules: de minimis, informal and formal at the thresholds; duty owed or forgone", "[model]") {
  const auto c = goods();
  const EntryRules rules{c};
  REQUIRE(rules.classify(shipment(800.0), Mode::Postal, false, Entry::Own).de_minimis);
  const auto informal = rules.classify(shipment(800.01), Mode::Postal, false, Entry::Own);
  REQUIRE(informal.informal);
  REQUIRE(informal.duty_usd == Approx(80.001));
  REQUIRE_FALSE(rules.classify(shipment(2500.01), Mode::Postal, false, Entry::Own).informal);
  // High risk: formal whatever the value.
  const auto high = rules.classify(shipment(50.0), Mode::Postal, true, Entry::Own);
  REQUIRE_FALSE(high.de_minimis);
  REQUIRE_FALSE(high.informal);
  // A bulk entry is never de minimis; a covered parcel owes nothing.
  REQUIRE_FALSE(rules.classify(shipment(50.0), Mode::Truck, false, Entry::BulkEntry).de_minimis);
  REQUIRE(rules.classify(shipment(5000.0), Mode::Truck, false, Entry::BulkCovered).covered);
  REQUIRE(rules.classify(shipment(5000.0), Mode::Truck, false, Entry::BulkCovered).duty_usd == 0.0);
  // Origin duty adds to the category's.
  REQUIRE(rules.duty_rate(0, 0) == Approx(0.35));
}

TEST_CASE("EntryRules: 2025 variants: exclusions from their date, suspension, postal specific duty", "[model]") {
  auto c = goods();
  c.policies.de_minimis_excluded_origins = {true, false};
  c.policies.exclusions_from = SimTime::start() + Duration::days(2);
  c.policies.postal_specific_duty = {SpecificDutyBand{0.3, 80.0}, SpecificDutyBand{1.0, 200.0}};
  const EntryRules rules{c};
  ShipmentRecord cn = shipment(50.0, 0);
  REQUIRE(rules.de_minimis_eligible(0, 0, SimTime::start() + Duration::days(1)));
  REQUIRE_FALSE(rules.de_minimis_eligible(0, 0, SimTime::start() + Duration::days(2)));
  REQUIRE(rules.de_minimis_eligible(1, 0, SimTime::start() + Duration::days(2)));
  cn.arrived = SimTime::start() + Duration::days(3);
  cn.items = 2;
  const auto postal = rules.classify(cn, Mode::Postal, false, Entry::Own);
  REQUIRE_FALSE(postal.de_minimis);
  REQUIRE(postal.duty_usd == Approx(2 * 200.0));  // rate 35% is in the second band, per item
  REQUIRE(rules.classify(cn, Mode::Express, false, Entry::Own).duty_usd == Approx(0.35 * 50.0));
  c.policies.de_minimis_suspended_from = SimTime::start() + Duration::days(4);
  REQUIRE_FALSE(EntryRules{c}.de_minimis_eligible(1, 0, SimTime::start() + Duration::days(4)));
}

TEST_CASE("EntryRules: the formal-entry rule's high risk by origin, category or score", "[model]") {
  auto c = goods();
  c.policies.formal_entry.enabled = true;
  c.policies.formal_entry.origins = {true, false};
  c.policies.formal_entry.min_score = 0.5;
  const EntryRules rules{c};
  int scored = 0;
  REQUIRE(rules.is_high_risk(shipment(10.0, 0), [&] { return ++scored, -5.0; }));
  REQUIRE(scored == 0);  // the origin decides; no score needed
  REQUIRE(rules.is_high_risk(shipment(10.0, 1), [] { return 0.0; }));  // logit(0.5) = 0
  REQUIRE_FALSE(rules.is_high_risk(shipment(10.0, 1), [] { return -0.1; }));
}
