// SPDX-License-Identifier: MIT
// Fulfillment centers: break-bulk, the ultimate-consignee rule, destruction of identical
// goods, and the platform's limits on high-risk categories.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/model/customs_model.hpp"
#include "cisim/stats/replication_summary.hpp"
#include "support/customs_config.hpp"

using namespace cisim;

namespace {

// A US land port with officers and a foreign center (no officers) whose orders cross to it:
// one category of 100 USD units at 10% duty, lots of `lot_units` identical units.
CustomsModelConfig breakbulk(bool foreign, double lot_units, double orders_per_day = 5000) {
  auto c = testing::one_stream({ProductCategory{"goods", Constant{100.0}, 0.10, {0.05, 0, 0, 0, 0}, 0.5}},
                               {.facility = "laredo", .stream = "orders", .officers = 200, .inspection_seconds = 60.0,
                                .shipments_per_day = orders_per_day});
  Facility center;
  center.name = "center";
  center.officers = ShiftSchedule::constant(0);
  c.facilities.push_back(center);
  CustomsStream& s = c.streams[0];
  s.mode = Mode::Truck;
  s.items = Constant{3.0};
  s.fulfillment = FulfillmentSupply{1, foreign, Constant{lot_units}, true, Duration::hours(6)};
  c.horizon = Duration::days(4);
  c.warmup = Duration::days(1);
  return c;
}

}  // namespace

TEST_CASE("Fulfillment: a foreign center's orders cross as parcels under the threshold, split when over it", "[model]") {
  auto c = breakbulk(true, 400);
  c.streams[0].items = Constant{20.0};  // 2,000 USD an order: three parcels of 8, 8 and 4 units
  const auto r = run_customs_model(c, RandomStreams{1, 0}).run;
  REQUIRE(r[Count::Arrivals] > 0);
  REQUIRE(r[Count::BreakbulkParcels] == r[Count::Arrivals]);
  REQUIRE(r[Count::DeMinimis] == r[Count::Arrivals]);  // every parcel at or under 800 USD
  REQUIRE(r[Count::Items] == 20 * r[Count::SplitOrders]);
  REQUIRE(r[Count::Arrivals] == 3 * r[Count::SplitOrders]);
  // Each lot of 400 units avoids the 4,000 USD duty of its bulk entry (10% of 40,000 USD).
  REQUIRE(std::fmod(r[Sum::BulkDutyAvoidedUsd], 4000.0) == Approx(0.0).margin(1e-6));
  REQUIRE(r[Sum::BulkDutyAvoidedUsd] > 0.0);
  REQUIRE(r[Sum::DutiesCollectedUsd] == 0.0);

  auto whole = c;
  whole.streams[0].fulfillment->split_orders = false;
  const auto w = run_customs_model(whole, RandomStreams{1, 0}).run;
  REQUIRE(w[Count::SplitOrders] == 0);
  REQUIRE(w[Count::Informal] == w[Count::Arrivals]);  // 2,000 USD: informal entries paying duty
  REQUIRE(w[Sum::DutiesCollectedUsd] == Approx(200.0 * static_cast<double>(w[Count::Arrivals])));
}

TEST_CASE("Fulfillment: a domestic center's lots cross as parcels addressed to it; its orders make no entry", "[model]") {
  auto c = breakbulk(false, 400);
  const auto r = run_customs_model(c, RandomStreams{2, 0}).run;
  REQUIRE(r[Count::Arrivals] > 0);
  // 8 units of 100 USD per parcel: a lot of 400 is 50 parcels, all de minimis.
  REQUIRE(r[Count::Items] == 8 * r[Count::Arrivals]);
  REQUIRE(r[Count::Arrivals] % 50 == 0);
  REQUIRE(r[Count::DeMinimis] == r[Count::Arrivals]);
  REQUIRE(r[Count::SplitOrders] == 0);
  REQUIRE(r[Sum::BulkDutyAvoidedUsd] == Approx(4000.0 * static_cast<double>(r[Count::Arrivals] / 50)));
}

TEST_CASE("Fulfillment: the ultimate consignee removes de minimis from break-bulk parcels", "[model]") {
  for (const bool foreign : {true, false}) {
    INFO((foreign ? "foreign" : "domestic") << " center");
    // Small lots turn over within the warm-up, so after it every lot was imported under
    // the rule: the rule is exact here, no statistical margin.
    auto before = breakbulk(foreign, 30);
    auto after = before;
    after.policies.ultimate_consignee_from = SimTime::start();
    const auto a = run_customs_model(before, RandomStreams{3, 0}).run;
    const auto b = run_customs_model(after, RandomStreams{3, 0}).run;
    REQUIRE(a[Count::DeMinimis] > 0);
    REQUIRE(b[Count::DeMinimis] == 0);
    REQUIRE(b[Count::BulkEntries] > 0);
    // 30 units of 100 USD: 3,000 USD, a formal entry paying 300 USD.
    REQUIRE(b[Count::Formal] == b[Count::BulkEntries]);
    REQUIRE(b[Sum::DutiesCollectedUsd] == Approx(300.0 * static_cast<double>(b[Count::BulkEntries])));
    REQUIRE(b[Sum::BulkDutyAvoidedUsd] == 0.0);
    REQUIRE(b[Count::Arrivals] == b[Count::BulkEntries] + b[Count::BulkCovered]);
    if (!foreign) REQUIRE(b[Count::BulkCovered] == 0);  // the lot crosses whole; orders are domestic
    REQUIRE(b[Sum::DutiesCollectedUsd] > a[Sum::DutiesCollectedUsd]);
  }
}

TEST_CASE("Fulfillment: the ultimate consignee raises duties collected (paired, common random numbers)", "[model]") {
  // Zipf sellers with lots of 400: some lots in stock before the rule are still sold under
  // the old one, so the effect is statistical. Margin: the 95% paired interval above 0.
  auto before = breakbulk(true, 400);
  SellerPopulation sellers;
  sellers.count = 500;
  before.streams[0].sellers = sellers;
  auto after = before;
  after.policies.ultimate_consignee_from = SimTime::start();
  std::vector<double> gains;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    gains.push_back(run_customs_model(after, RandomStreams{4, rep}).run[Sum::DutiesCollectedUsd] -
                    run_customs_model(before, RandomStreams{4, rep}).run[Sum::DutiesCollectedUsd]);
  }
  REQUIRE(*ReplicationSummary::of(gains).low() > 0.0);
}

TEST_CASE("Fulfillment: bulk entries are selected and inspected like any entry", "[model]") {
  auto c = breakbulk(true, 30);
  c.policies.ultimate_consignee_from = SimTime::start();
  c.policies.random_rate = 0.5;
  const auto r = run_customs_model(c, RandomStreams{5, 0}).run;
  REQUIRE(r[Count::BulkEntriesInspected] > 0);
  const double share = static_cast<double>(r[Count::BulkEntriesInspected]) / static_cast<double>(r[Count::BulkEntries]);
  REQUIRE(std::fabs(share - 0.5) < 5.0 * std::sqrt(0.25 / static_cast<double>(r[Count::BulkEntries])) + 0.01);
}

TEST_CASE("Fulfillment: centers that destroy identical goods after a seizure remove the seller's stock", "[model]") {
  // No transit and 2,000 orders a day: a lot of 400 lasts about 1.6 hours, and its first
  // parcels are inspected (60 s) while most of it is still in stock.
  auto c = breakbulk(true, 400, 2000);
  c.streams[0].fulfillment->transit = Duration::zero();
  c.categories[0].prevalence = {0.3, 0, 0, 0, 0};
  c.policies.random_rate = 0.2;
  auto destroying = c;
  destroying.policies.destroy_identical_share = 1.0;
  const auto a = run_customs_model(c, RandomStreams{6, 0}).run;
  const auto b = run_customs_model(destroying, RandomStreams{6, 0}).run;
  REQUIRE(a[Count::LotsDestroyed] == 0);
  REQUIRE(b[Count::LotsDestroyed] > 0);
  REQUIRE(b[Count::UnitsDestroyed] > b[Count::LotsDestroyed]);
  // A lot is counterfeit or not as a whole, so destroying it after its first seizure stops
  // the rest of its counterfeit parcels: fewer counterfeits cross the border.
  REQUIRE(b.ratio(Count::CarryingCounterfeit, Count::Arrivals) < a.ratio(Count::CarryingCounterfeit, Count::Arrivals));
}

TEST_CASE("Platform limits: high-propensity sellers may not sell a restricted category", "[model]") {
  // All pharma; apparel is the category the platform leaves open.
  auto c = testing::one_stream({ProductCategory{"pharma", Constant{50.0}, 0.0, {0.05, 0, 0, 0, 0}, 0.5},
                                ProductCategory{"apparel", Constant{50.0}, 0.0, {0.05, 0, 0, 0, 0}, 0.5}},
                               {.facility = "hub", .stream = "marketplace", .officers = 10, .inspection_seconds = 60.0});
  SellerPopulation sellers;
  sellers.count = 2000;
  sellers.propensity_a = 0.5;
  sellers.propensity_b = 4.0;
  c.streams[0].sellers = sellers;
  c.horizon = Duration::days(2);
  auto limited = c;
  limited.streams[0].sellers->restricted_categories = {true, false, false};
  // Paired over replications; margin: the 95% interval of the drop above 0.
  std::vector<double> drops;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto a = run_customs_model(c, RandomStreams{7, rep}).run;
    const auto b = run_customs_model(limited, RandomStreams{7, rep}).run;
    drops.push_back(a.ratio(Count::CarryingCounterfeit, Count::Arrivals) - b.ratio(Count::CarryingCounterfeit, Count::Arrivals));
  }
  REQUIRE(*ReplicationSummary::of(drops).low() > 0.0);
}
