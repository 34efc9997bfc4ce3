// SPDX-License-Identifier: MIT
#include "cisim/model/customs_model.hpp"

#include <cmath>
#include <vector>

#include "cisim/stats/replication_summary.hpp"
#include "support/customs_config.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// One facility, one stream, one category; each test changes what it studies.
CustomsModelConfig base(double value_usd, double shipments_per_day = 20'000) {
  auto c = testing::one_stream({ProductCategory{"goods", Constant{value_usd}, 0.10, {}, 0.5}},
                               {.facility = "jfk_imf", .stream = "mail", .officers = 50, .inspection_seconds = 60.0,
                                .shipments_per_day = shipments_per_day});
  c.origins.push_back(Origin{"DE", 1.0, 0.0});
  c.streams[0].origin_mix = {0.5, 0.5};
  c.horizon = Duration::days(2);
  return c;
}

// Shipments arrived minus those that left: what is still in the system at the end.
std::int64_t in_system(const CustomsTally& t) {
  return static_cast<std::int64_t>(t[Count::Arrivals]) - static_cast<std::int64_t>(t[Count::Released] + t[Count::Seized] + t[Count::Abandoned]);
}

// Binomial tolerance: 5 standard errors (the suite's tolerance for statistical checks).
double tolerance(double p, std::uint64_t n) { return 5.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(n)); }

}  // namespace

TEST_CASE("CustomsModel: entry types at the boundaries of de minimis and informal entry", "[model]") {
  struct Row {
    double value;
    const char* expected;
  };
  for (const Row& row : {Row{800.00, "de minimis"}, Row{800.01, "informal"}, Row{2500.00, "informal"}, Row{2500.01, "formal"}}) {
    INFO(row.value << " USD should be " << row.expected);
    const auto r = run_customs_model(base(row.value, 2000), RandomStreams{1, 0}).run;
    REQUIRE(r[Count::Arrivals] > 0);
    const std::string kind = r[Count::DeMinimis] == r[Count::Arrivals] ? "de minimis" : r[Count::Informal] == r[Count::Arrivals] ? "informal" : r[Count::Formal] == r[Count::Arrivals] ? "formal" : "mixed";
    REQUIRE(kind == row.expected);
  }
}

TEST_CASE("CustomsModel: duty collected on dutiable entries, forgone under de minimis", "[model]") {
  const auto dutiable = run_customs_model(base(1000.0, 2000), RandomStreams{1, 0}).run;
  REQUIRE(dutiable[Sum::DutiesCollectedUsd] == Approx(100.0 * static_cast<double>(dutiable[Count::Arrivals])));
  REQUIRE(dutiable[Sum::DutiesForgoneUsd] == 0.0);
  const auto de_minimis = run_customs_model(base(500.0, 2000), RandomStreams{1, 0}).run;
  REQUIRE(de_minimis[Sum::DutiesForgoneUsd] == Approx(50.0 * static_cast<double>(de_minimis[Count::Arrivals])));
  REQUIRE(de_minimis[Sum::DutiesCollectedUsd] == 0.0);
}

TEST_CASE("CustomsModel: undervaluation declares a shipment under the threshold", "[model]") {
  auto c = base(1000.0, 2000);
  c.categories[0].prevalence[static_cast<std::size_t>(ViolationKind::Undervaluation)] = 1.0;  // every seller undervalues
  const auto r = run_customs_model(c, RandomStreams{1, 0}).run;
  REQUIRE(r[Count::DeMinimis] == r[Count::Arrivals]);  // declared 500 USD
  REQUIRE(r[Count::CarryingUndervaluation] == r[Count::Arrivals]);
}

TEST_CASE("CustomsModel: without selection nothing is inspected and every violation leaks", "[model]") {
  auto c = base(50.0);
  c.categories[0].prevalence = {0.05, 0.03, 0.0, 0.0, 0.0};
  const auto r = run_customs_model(c, RandomStreams{2, 0}).run;
  REQUIRE(r[Count::Inspected] == 0);
  REQUIRE(std::isnan(r.ratio(Count::FoundAny, Count::Inspected)));  // a rate over none inspected is undefined, not 0
  REQUIRE(r[Count::Leakage] == r[Count::CarryingAny]);
  REQUIRE(in_system(r) == 0);
  // True prevalence: 5% counterfeit, and any of two independent kinds 1 - 0.95 x 0.97.
  REQUIRE(std::fabs(r.ratio(Count::CarryingCounterfeit, Count::Arrivals) - 0.05) < tolerance(0.05, r[Count::Arrivals]));
  REQUIRE(std::fabs(r.ratio(Count::CarryingAny, Count::Arrivals) - 0.0785) < tolerance(0.0785, r[Count::Arrivals]));
}

TEST_CASE("CustomsModel: measured rate = true prevalence x sensitivity under random inspection", "[model]") {
  auto c = base(50.0, 5000);
  c.categories[0].prevalence = {0.06, 0.0, 0.0, 0.0, 0.0};
  c.facilities[0].methods[0].sensitivity = {0.5, 0.0, 0.0, 0.0, 0.0};
  c.policies.random_rate = 1.0;
  const auto r = run_customs_model(c, RandomStreams{3, 0}).run;
  REQUIRE(r[Count::Inspected] + static_cast<std::uint64_t>(in_system(r)) == r[Count::Arrivals]);
  REQUIRE(std::fabs(r.ratio(Count::FoundCounterfeit, Count::Inspected) - 0.03) < tolerance(0.03, r[Count::Inspected]));
  // Seized counterfeits are interdicted; the half that inspectors miss is released (leakage).
  REQUIRE(r[Count::CounterfeitInterdicted] == r[Count::Seized]);
  // Every counterfeit is interdicted, leaked, or still in the system at the end.
  REQUIRE(r[Count::Leakage] + r[Count::CounterfeitInterdicted] <= r[Count::CarryingCounterfeit]);
  REQUIRE(static_cast<std::int64_t>(r[Count::CarryingCounterfeit] - r[Count::Leakage] - r[Count::CounterfeitInterdicted]) <= in_system(r));
  REQUIRE(std::fabs(r.ratio(Count::CounterfeitInterdicted, Count::CarryingCounterfeit) - 0.5) < tolerance(0.5, r[Count::CarryingCounterfeit]));
}

TEST_CASE("CustomsModel: targeting selects by its score, here by origin only", "[model]") {
  auto c = base(50.0, 4000);
  c.policies.targeting.enabled = true;
  c.policies.targeting.threshold = 0.5;
  // Layout: intercept, origins (CN, DE, unspecified), categories (goods), modes (4), value, no data, history.
  c.origins.push_back(Origin{"unspecified", 1.0, 0.0});
  c.streams[0].origin_mix = {0.5, 0.5, 0.0};
  c.policies.targeting.weights = Eigen::VectorXd::Zero(1 + 3 + 1 + kModes + 3);
  c.policies.targeting.weights[0] = -1.0;
  c.policies.targeting.weights[1] = 2.0;  // CN: score 1 > logit(0.5) = 0; DE: -1 < 0
  const auto r = run_customs_model(c, RandomStreams{4, 0});
  REQUIRE(r.run[Count::SelectedTargeted] > 0);
  // Half the traffic is CN: the targeted share is a binomial proportion around 0.5.
  const double share = static_cast<double>(r.run[Count::SelectedTargeted]) / static_cast<double>(r.run[Count::Arrivals]);
  REQUIRE(std::fabs(share - 0.5) < tolerance(0.5, r.run[Count::Arrivals]));
  REQUIRE(r.run[Count::SelectedRandom] == 0);
}

TEST_CASE("CustomsModel: a full waiting line releases selections uninspected", "[model]") {
  auto c = base(50.0, 2000);
  c.policies.random_rate = 1.0;
  c.facilities[0].officers = ShiftSchedule::constant(1);
  c.facilities[0].methods[0].duration_seconds = Constant{600.0};  // 6 an hour against 83 arriving
  c.facilities[0].waiting_limit = 5;
  const auto r = run_customs_model(c, RandomStreams{5, 0}).run;
  REQUIRE(r[Count::SelectedNotInspected] > 0);
  REQUIRE(r[Count::SelectedRandom] == r[Count::Arrivals]);
  REQUIRE(r[Count::Inspected] + r[Count::SelectedNotInspected] + static_cast<std::uint64_t>(in_system(r)) == r[Count::Arrivals]);
  REQUIRE(in_system(r) <= 6);  // the line of 5 and the one in inspection
}

TEST_CASE("CustomsModel: a daily-count blitz selects exactly its count, only in its window", "[model]") {
  auto c = base(50.0);
  c.horizon = Duration::days(5);
  Blitz b;
  b.name = "july";
  b.start = SimTime::start() + Duration::days(1);
  b.end = SimTime::start() + Duration::days(4);
  b.facilities = {true};
  b.origins = {true, false};  // CN only
  b.daily_count = 120;
  b.surge_officers = 10;
  c.blitzes.push_back(b);
  const auto r = run_customs_model(c, RandomStreams{6, 0});
  REQUIRE(r.blitzes[0][Count::SelectedBlitz] == 3 * 120);
  REQUIRE(r.run[Count::SelectedBlitz] == 3 * 120);
  REQUIRE(r.daily[0][0][Count::SelectedBlitz] == 0);
  REQUIRE(r.daily[2][0][Count::SelectedBlitz] == 120);
  REQUIRE(r.daily[4][0][Count::SelectedBlitz] == 0);
  REQUIRE(r.queues[0].on_duty_officers_mean == Approx(50.0 + 10.0 * 3.0 / 5.0));
}

TEST_CASE("CustomsModel: same seed, same results; another stream leaves this one's shipments alone", "[model]") {
  auto c = base(50.0, 5000);
  c.categories[0].prevalence = {0.05, 0.02, 0.01, 0.0, 0.0};
  c.policies.random_rate = 0.2;
  const auto a = run_customs_model(c, RandomStreams{7, 0});
  const auto b = run_customs_model(c, RandomStreams{7, 0});
  REQUIRE(a.run[Count::Arrivals] == b.run[Count::Arrivals]);
  REQUIRE(a.run[Count::FoundAny] == b.run[Count::FoundAny]);
  REQUIRE(a.queues[0].wait_mean_hours == b.queues[0].wait_mean_hours);
  auto more = c;
  CustomsStream express = c.streams[0];
  express.name = "express";
  more.streams.push_back(express);
  const auto m = run_customs_model(more, RandomStreams{7, 0});
  // Named streams: the mail stream's arrivals and violations are unchanged (common random numbers).
  REQUIRE(m.streams[0][Count::Arrivals] == a.streams[0][Count::Arrivals]);
  REQUIRE(m.streams[0][Count::CarryingAny] == a.streams[0][Count::CarryingAny]);
  REQUIRE(m.streams[0][Count::SelectedRandom] == a.streams[0][Count::SelectedRandom]);
}

TEST_CASE("CustomsModel: origin duty adds to the category's; items are counted; stream risk scales prevalence", "[model]") {
  auto c = base(1000.0, 2000);
  c.origins[0].additional_duty_rate = 0.25;  // CN goods pay 10% + 25%
  c.streams[0].origin_mix = {1.0, 0.0};
  c.streams[0].items = Constant{3.0};
  c.categories[0].prevalence = {0.02, 0.0, 0.0, 0.0, 0.0};
  c.streams[0].risk_multiplier = DatedValue{2.0};
  const auto r = run_customs_model(c, RandomStreams{8, 0}).run;
  REQUIRE(r[Sum::DutiesCollectedUsd] == Approx(350.0 * static_cast<double>(r[Count::Arrivals])));
  REQUIRE(r[Count::Items] == 3 * r[Count::Arrivals]);
  REQUIRE(std::fabs(r.ratio(Count::CarryingCounterfeit, Count::Arrivals) - 0.04) < tolerance(0.04, r[Count::Arrivals]));
}

TEST_CASE("CustomsModel: a global suspension ends de minimis at 00:00 of its day", "[model]") {
  auto c = base(50.0, 4000);
  c.horizon = Duration::days(3);
  c.policies.de_minimis_suspended_from = SimTime::start() + Duration::days(1);
  const auto r = run_customs_model(c, RandomStreams{9, 0});
  REQUIRE(r.daily[0][0][Count::Arrivals] > 0);
  REQUIRE(r.daily[0][0][Count::DeMinimis] == r.daily[0][0][Count::Arrivals]);  // every shipment before midnight
  for (std::size_t day : {1u, 2u}) {
    INFO("day " << day);
    REQUIRE(r.daily[day][0][Count::DeMinimis] == 0);  // none from midnight on
    REQUIRE(r.daily[day][0][Count::Informal] == r.daily[day][0][Count::Arrivals]);
    REQUIRE(r.daily[day][0][Sum::DutiesCollectedUsd] == Approx(5.0 * static_cast<double>(r.daily[day][0][Count::Arrivals])));
  }
}

TEST_CASE("CustomsModel: an origin excluded from de minimis loses it from its date, others keep it", "[model]") {
  auto c = base(50.0, 4000);
  c.horizon = Duration::days(2);
  c.policies.de_minimis_excluded_origins = {true, false};  // CN excluded, DE not
  c.policies.exclusions_from = SimTime::start() + Duration::days(1);
  const auto r = run_customs_model(c, RandomStreams{10, 0});
  REQUIRE(r.daily[0][0][Count::DeMinimis] == r.daily[0][0][Count::Arrivals]);
  const auto& d1 = r.daily[1][0];
  // Half the traffic is CN: it is now informal entry; the DE half keeps de minimis.
  REQUIRE(d1[Count::DeMinimis] + d1[Count::Informal] == d1[Count::Arrivals]);
  const double kept = static_cast<double>(d1[Count::DeMinimis]) / static_cast<double>(d1[Count::Arrivals]);
  REQUIRE(std::fabs(kept - 0.5) < tolerance(0.5, d1[Count::Arrivals]));
}

TEST_CASE("CustomsModel: postal items without de minimis pay the specific duty of their rate band per item", "[model]") {
  auto c = base(50.0, 2000);
  c.streams[0].items = Constant{2.0};
  c.policies.de_minimis_suspended_from = SimTime::start();
  c.policies.postal_specific_duty = {{0.16, 80.0}, {0.25, 160.0}, {1.0, 200.0}};  // goods at 10%: 80 USD an item
  const auto r = run_customs_model(c, RandomStreams{11, 0}).run;
  REQUIRE(r[Sum::DutiesCollectedUsd] == Approx(160.0 * static_cast<double>(r[Count::Arrivals])));
  auto express = c;
  express.streams[0].mode = Mode::Express;  // not postal: ad valorem, 10% of 50 USD
  const auto e = run_customs_model(express, RandomStreams{11, 0}).run;
  REQUIRE(e[Sum::DutiesCollectedUsd] == Approx(5.0 * static_cast<double>(e[Count::Arrivals])));
}

TEST_CASE("CustomsModel: lowering the threshold raises duties collected (paired, common random numbers)", "[model]") {
  auto high = base(50.0, 3000);
  high.categories[0].true_value_usd = LogNormal::from_mean_sd(150.0, 200.0);
  // Shipment-by-shipment common random numbers are a property of the per-shipment path: the
  // aggregated one draws its class counts from tables that the threshold itself changes.
  high.exact = true;
  auto low = high;
  low.policies.de_minimis_threshold_usd = 100.0;
  // Same named streams, so replication r of both has the same shipments: the difference is
  // the rule's effect alone. Margin: the 95% paired interval must lie above 0.
  std::vector<double> differences;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto a = run_customs_model(high, RandomStreams{12, rep}).run;
    const auto b = run_customs_model(low, RandomStreams{12, rep}).run;
    REQUIRE(a[Count::Arrivals] == b[Count::Arrivals]);
    differences.push_back(b[Sum::DutiesCollectedUsd] - a[Sum::DutiesCollectedUsd]);
  }
  const auto s = ReplicationSummary::of(differences);
  REQUIRE(*s.low() > 0.0);
}

TEST_CASE("CustomsModel: traffic falls with the landed cost when de minimis ends and demand is elastic", "[model]") {
  auto c = base(50.0, 20'000);
  c.horizon = Duration::days(2);
  c.streams[0].demand_elasticity = 1.0;
  c.policies.de_minimis_suspended_from = SimTime::start() + Duration::days(1);
  const auto r = run_customs_model(c, RandomStreams{13, 0});
  // Duty 10% on everything after midnight: traffic x (1.1)^-1. Poisson counts: 5 sd margin.
  const double before = static_cast<double>(r.daily[0][0][Count::Arrivals]);
  const double after = static_cast<double>(r.daily[1][0][Count::Arrivals]);
  const double expected = before / 1.1;
  REQUIRE(std::fabs(after - expected) < 5.0 * std::sqrt(expected) + 5.0 * std::sqrt(before) / 1.1);
}

TEST_CASE("CustomsModel: formal entry for high-risk origins whatever the value, with its own inspection rate and filing delay", "[model]") {
  auto c = base(50.0, 4000);
  c.policies.formal_entry.enabled = true;
  c.policies.formal_entry.origins = {true, false};  // CN high-risk
  c.policies.formal_entry.inspection_rate = 0.1;
  c.policies.formal_entry.filing_delay = Duration::hours(2);
  const auto r = run_customs_model(c, RandomStreams{14, 0}).run;
  // Half the traffic is CN: formal whatever its 50 USD value, the rest de minimis.
  REQUIRE(r[Count::Formal] == r[Count::FormalHighRisk]);
  REQUIRE(r[Count::Formal] + r[Count::DeMinimis] == r[Count::Arrivals]);
  REQUIRE(std::fabs(static_cast<double>(r[Count::Formal]) / static_cast<double>(r[Count::Arrivals]) - 0.5) < tolerance(0.5, r[Count::Arrivals]));
  REQUIRE(r[Sum::DutiesCollectedUsd] == Approx(5.0 * static_cast<double>(r[Count::Formal])));
  // 10% of the formal entries are inspected, after their 2-hour filing.
  REQUIRE(r[Count::SelectedTargeted] == 0);  // the rule's own reason, not targeting
  REQUIRE(std::fabs(static_cast<double>(r[Count::SelectedFormalEntryRule]) / static_cast<double>(r[Count::Formal]) - 0.1) < tolerance(0.1, r[Count::Formal]));
  REQUIRE(*r[Per::DwellHours].min() >= 2.0);
}

TEST_CASE("CustomsModel: a random audit takes its share of all arrivals and is examined first, whatever the line holds", "[model]") {
  // One officer and five places in the line for 20,000 shipments a day, half of them chosen
  // by the random sample: the line is full nearly all the time. The audit's 1% comes first.
  for (const bool exact : {true, false}) {
    INFO((exact ? "per-shipment path" : "aggregated path"));
    auto c = base(50.0, 20'000);
    c.categories[0].prevalence = {0.0, 0.08, 0.0, 0.0, 0.0};
    c.exact = exact;
    c.facilities[0].officers = ShiftSchedule::constant(1);
    c.facilities[0].waiting_limit = 5;
    c.policies.random_rate = 0.5;
    c.policies.audit_rate = 0.01;
    const auto result = run_customs_model(c, RandomStreams{21, 0});
    const CustomsTally& r = result.run;
    const CustomsTally& audit = result.selections[static_cast<std::size_t>(SelectionReason::Audit) - 1];
    const auto arrivals = r[Count::Arrivals];
    REQUIRE(std::fabs(static_cast<double>(r[Count::SelectedAudit]) / static_cast<double>(arrivals) - 0.01) < tolerance(0.01, arrivals));
    // Never refused by the full line, while most of the random sample is.
    REQUIRE(audit[Count::SelectedNotInspected] == 0);
    REQUIRE(r[Count::SelectedNotInspected] > r[Count::SelectedRandom] / 2);
    // What the audit finds is the true rate (8% undervalue; the sensitivity is 1 here), within
    // 5 standard errors; the random sample's few inspections are the same draw.
    const double found = static_cast<double>(audit[Count::FoundAny]) / static_cast<double>(audit[Count::Inspected]);
    REQUIRE(std::fabs(found - 0.08) < tolerance(0.08, audit[Count::Inspected]));
  }
}

namespace {
CustomsModelConfig marketplace(double shipments_per_day) {
  auto c = base(50.0, shipments_per_day);
  c.categories[0].prevalence = {0.04, 0.0, 0.0, 0.0, 0.0};
  SellerPopulation sellers;
  sellers.count = 2000;
  sellers.zipf_exponent = 1.0;
  sellers.propensity_a = 0.5;  // skewed: a few sellers carry most counterfeits
  sellers.propensity_b = 4.0;
  c.streams[0].sellers = sellers;
  c.facilities[0].officers = ShiftSchedule::constant(500);
  return c;
}
}  // namespace

TEST_CASE("CustomsModel: seller vetting lowers the true counterfeit prevalence", "[model]") {
  auto open = marketplace(5000);
  auto vetted = open;
  vetted.streams[0].sellers->vetting_share = 1.0;
  vetted.streams[0].sellers->vetting_above = 2.0;
  // Paired over replications (same streams); margin: the 95% interval of the drop above 0.
  std::vector<double> drops;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    drops.push_back(run_customs_model(open, RandomStreams{15, rep}).run.ratio(Count::CarryingCounterfeit, Count::Arrivals) -
                    run_customs_model(vetted, RandomStreams{15, rep}).run.ratio(Count::CarryingCounterfeit, Count::Arrivals));
  }
  REQUIRE(*ReplicationSummary::of(drops).low() > 0.0);
}

TEST_CASE("CustomsModel: notice-and-takedown lowers the true counterfeit prevalence over time", "[model]") {
  auto c = marketplace(20'000);
  c.horizon = Duration::days(20);
  c.policies.random_rate = 0.2;
  c.facilities[0].methods[0].sensitivity = {1, 1, 1, 1, 1};
  c.streams[0].sellers->takedown_latency = Duration::days(1);
  const auto r = run_customs_model(c, RandomStreams{16, 0});
  const auto& first = r.daily[0][0];
  const auto& last = r.daily[19][0];
  // Every finding delists its seller a day later, and buyers move to listed sellers, so the
  // risky sellers leave: the last day's prevalence is below the first's by far more than the
  // binomial noise of either day (5 standard errors of the first).
  INFO("first day " << first.ratio(Count::CarryingCounterfeit, Count::Arrivals) << ", last day " << last.ratio(Count::CarryingCounterfeit, Count::Arrivals));
  REQUIRE(last.ratio(Count::CarryingCounterfeit, Count::Arrivals) <
          first.ratio(Count::CarryingCounterfeit, Count::Arrivals) - tolerance(first.ratio(Count::CarryingCounterfeit, Count::Arrivals), first[Count::Arrivals]));
}

TEST_CASE("CustomsModel: repeat offenders are suspended at their k-th finding", "[model]") {
  auto c = marketplace(20'000);
  c.horizon = Duration::days(10);
  c.policies.random_rate = 0.2;
  c.facilities[0].methods[0].sensitivity = {1, 1, 1, 1, 1};
  auto suspended = c;
  suspended.streams[0].sellers->suspend_after_findings = 2;
  const auto a = run_customs_model(c, RandomStreams{17, 0});
  const auto b = run_customs_model(suspended, RandomStreams{17, 0});
  REQUIRE(b.daily[9][0].ratio(Count::CarryingCounterfeit, Count::Arrivals) < a.daily[9][0].ratio(Count::CarryingCounterfeit, Count::Arrivals));
}

TEST_CASE("CustomsModel: a CSP-1 plan per seller keeps clean sellers cleared while a bad seller stays screened", "[model]") {
  auto c = marketplace(20'000);
  c.horizon = Duration::days(6);
  c.warmup = Duration::days(2);  // every seller starts screened: let the plans settle
  c.streams[0].sellers->count = 200;
  c.streams[0].sellers->zipf_exponent = 0.0;  // equal volumes: 100 shipments a day each
  c.streams[0].release_program = ContinuousSamplingPlan{10, 0.05, false};
  auto per_seller = c;
  per_seller.streams[0].release_program->per_seller = true;
  // Per stream, a finding from any seller screens everyone's shipments; per seller, only
  // that seller's, so the inspections go where the violations are: a higher share of the
  // inspected shipments carry a counterfeit. Paired over replications; margin: the 95%
  // interval of the rise above 0.
  std::vector<double> rises;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto a = run_customs_model(c, RandomStreams{18, rep}).run;
    const auto b = run_customs_model(per_seller, RandomStreams{18, rep}).run;
    INFO("per stream " << a.ratio(Count::FoundCounterfeit, Count::Inspected) << " of " << a[Count::Inspected] << ", per seller " << b.ratio(Count::FoundCounterfeit, Count::Inspected) << " of " << b[Count::Inspected]);
    rises.push_back(b.ratio(Count::FoundCounterfeit, Count::Inspected) - a.ratio(Count::FoundCounterfeit, Count::Inspected));
  }
  REQUIRE(*ReplicationSummary::of(rises).low() > 0.0);
}
