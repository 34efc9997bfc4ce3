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
  return static_cast<std::int64_t>(t.arrivals) - static_cast<std::int64_t>(t.released + t.seized + t.abandoned);
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
    REQUIRE(r.arrivals > 0);
    const std::string kind = r.de_minimis == r.arrivals ? "de minimis" : r.informal == r.arrivals ? "informal" : r.formal == r.arrivals ? "formal" : "mixed";
    REQUIRE(kind == row.expected);
  }
}

TEST_CASE("CustomsModel: duty collected on dutiable entries, forgone under de minimis", "[model]") {
  const auto dutiable = run_customs_model(base(1000.0, 2000), RandomStreams{1, 0}).run;
  REQUIRE(dutiable.duties_collected_usd == Approx(100.0 * static_cast<double>(dutiable.arrivals)));
  REQUIRE(dutiable.duties_forgone_usd == 0.0);
  const auto de_minimis = run_customs_model(base(500.0, 2000), RandomStreams{1, 0}).run;
  REQUIRE(de_minimis.duties_forgone_usd == Approx(50.0 * static_cast<double>(de_minimis.arrivals)));
  REQUIRE(de_minimis.duties_collected_usd == 0.0);
}

TEST_CASE("CustomsModel: undervaluation declares a shipment under the threshold", "[model]") {
  auto c = base(1000.0, 2000);
  c.categories[0].prevalence[static_cast<std::size_t>(ViolationKind::Undervaluation)] = 1.0;  // every seller undervalues
  const auto r = run_customs_model(c, RandomStreams{1, 0}).run;
  REQUIRE(r.de_minimis == r.arrivals);  // declared 500 USD
  REQUIRE(r.carrying[1] == r.arrivals);
}

TEST_CASE("CustomsModel: without selection nothing is inspected and every violation leaks", "[model]") {
  auto c = base(50.0);
  c.categories[0].prevalence = {0.05, 0.03, 0.0, 0.0, 0.0};
  const auto r = run_customs_model(c, RandomStreams{2, 0}).run;
  REQUIRE(r.inspected == 0);
  REQUIRE(r.discrepancy_rate() == 0.0);
  REQUIRE(r.leakage == r.carrying_any);
  REQUIRE(in_system(r) == 0);
  // True prevalence: 5% counterfeit, and any of two independent kinds 1 - 0.95 x 0.97.
  REQUIRE(std::fabs(r.true_counterfeit_prevalence() - 0.05) < tolerance(0.05, r.arrivals));
  REQUIRE(std::fabs(r.true_discrepancy_prevalence() - 0.0785) < tolerance(0.0785, r.arrivals));
}

TEST_CASE("CustomsModel: measured rate = true prevalence x sensitivity under random inspection", "[model]") {
  auto c = base(50.0, 5000);
  c.categories[0].prevalence = {0.06, 0.0, 0.0, 0.0, 0.0};
  c.facilities[0].methods[0].sensitivity = {0.5, 0.0, 0.0, 0.0, 0.0};
  c.policies.random_rate = 1.0;
  const auto r = run_customs_model(c, RandomStreams{3, 0}).run;
  REQUIRE(r.inspected + static_cast<std::uint64_t>(in_system(r)) == r.arrivals);
  REQUIRE(std::fabs(r.counterfeit_rate() - 0.03) < tolerance(0.03, r.inspected));
  // Seized counterfeits are interdicted; the half that inspectors miss is released (leakage).
  REQUIRE(r.counterfeit_interdicted == r.seized);
  // Every counterfeit is interdicted, leaked, or still in the system at the end.
  REQUIRE(r.leakage + r.counterfeit_interdicted <= r.carrying[0]);
  REQUIRE(static_cast<std::int64_t>(r.carrying[0] - r.leakage - r.counterfeit_interdicted) <= in_system(r));
  REQUIRE(std::fabs(r.counterfeit_interdiction_rate() - 0.5) < tolerance(0.5, r.carrying[0]));
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
  REQUIRE(r.run.selected_targeted > 0);
  // Half the traffic is CN: the targeted share is a binomial proportion around 0.5.
  const double share = static_cast<double>(r.run.selected_targeted) / static_cast<double>(r.run.arrivals);
  REQUIRE(std::fabs(share - 0.5) < tolerance(0.5, r.run.arrivals));
  REQUIRE(r.run.selected_random == 0);
}

TEST_CASE("CustomsModel: a full waiting line releases selections uninspected", "[model]") {
  auto c = base(50.0, 2000);
  c.policies.random_rate = 1.0;
  c.facilities[0].officers = ShiftSchedule::constant(1);
  c.facilities[0].methods[0].duration_seconds = Constant{600.0};  // 6 an hour against 83 arriving
  c.facilities[0].waiting_limit = 5;
  const auto r = run_customs_model(c, RandomStreams{5, 0}).run;
  REQUIRE(r.selected_not_inspected > 0);
  REQUIRE(r.selected_random == r.arrivals);
  REQUIRE(r.inspected + r.selected_not_inspected + static_cast<std::uint64_t>(in_system(r)) == r.arrivals);
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
  REQUIRE(r.blitzes[0].selected_blitz == 3 * 120);
  REQUIRE(r.run.selected_blitz == 3 * 120);
  REQUIRE(r.daily[0][0].selected_blitz == 0);
  REQUIRE(r.daily[2][0].selected_blitz == 120);
  REQUIRE(r.daily[4][0].selected_blitz == 0);
  REQUIRE(r.queues[0].on_duty_officers_mean == Approx(50.0 + 10.0 * 3.0 / 5.0));
}

TEST_CASE("CustomsModel: same seed, same results; another stream leaves this one's shipments alone", "[model]") {
  auto c = base(50.0, 5000);
  c.categories[0].prevalence = {0.05, 0.02, 0.01, 0.0, 0.0};
  c.policies.random_rate = 0.2;
  const auto a = run_customs_model(c, RandomStreams{7, 0});
  const auto b = run_customs_model(c, RandomStreams{7, 0});
  REQUIRE(a.run.arrivals == b.run.arrivals);
  REQUIRE(a.run.found_any == b.run.found_any);
  REQUIRE(a.queues[0].wait_mean_hours == b.queues[0].wait_mean_hours);
  auto more = c;
  CustomsStream express = c.streams[0];
  express.name = "express";
  more.streams.push_back(express);
  const auto m = run_customs_model(more, RandomStreams{7, 0});
  // Named streams: the mail stream's arrivals and violations are unchanged (common random numbers).
  REQUIRE(m.streams[0].arrivals == a.streams[0].arrivals);
  REQUIRE(m.streams[0].carrying_any == a.streams[0].carrying_any);
  REQUIRE(m.streams[0].selected_random == a.streams[0].selected_random);
}

TEST_CASE("CustomsModel: origin duty adds to the category's; items are counted; stream risk scales prevalence", "[model]") {
  auto c = base(1000.0, 2000);
  c.origins[0].additional_duty_rate = 0.25;  // CN goods pay 10% + 25%
  c.streams[0].origin_mix = {1.0, 0.0};
  c.streams[0].items = Constant{3.0};
  c.categories[0].prevalence = {0.02, 0.0, 0.0, 0.0, 0.0};
  c.streams[0].risk_multiplier = 2.0;
  const auto r = run_customs_model(c, RandomStreams{8, 0}).run;
  REQUIRE(r.duties_collected_usd == Approx(350.0 * static_cast<double>(r.arrivals)));
  REQUIRE(r.items == 3 * r.arrivals);
  REQUIRE(std::fabs(r.true_counterfeit_prevalence() - 0.04) < tolerance(0.04, r.arrivals));
}

TEST_CASE("CustomsModel: a global suspension ends de minimis at 00:00 of its day", "[model]") {
  auto c = base(50.0, 4000);
  c.horizon = Duration::days(3);
  c.policies.de_minimis_suspended_from = SimTime::start() + Duration::days(1);
  const auto r = run_customs_model(c, RandomStreams{9, 0});
  REQUIRE(r.daily[0][0].arrivals > 0);
  REQUIRE(r.daily[0][0].de_minimis == r.daily[0][0].arrivals);  // every shipment before midnight
  for (std::size_t day : {1u, 2u}) {
    INFO("day " << day);
    REQUIRE(r.daily[day][0].de_minimis == 0);  // none from midnight on
    REQUIRE(r.daily[day][0].informal == r.daily[day][0].arrivals);
    REQUIRE(r.daily[day][0].duties_collected_usd == Approx(5.0 * static_cast<double>(r.daily[day][0].arrivals)));
  }
}

TEST_CASE("CustomsModel: an origin excluded from de minimis loses it from its date, others keep it", "[model]") {
  auto c = base(50.0, 4000);
  c.horizon = Duration::days(2);
  c.policies.de_minimis_excluded_origins = {true, false};  // CN excluded, DE not
  c.policies.exclusions_from = SimTime::start() + Duration::days(1);
  const auto r = run_customs_model(c, RandomStreams{10, 0});
  REQUIRE(r.daily[0][0].de_minimis == r.daily[0][0].arrivals);
  const auto& d1 = r.daily[1][0];
  // Half the traffic is CN: it is now informal entry; the DE half keeps de minimis.
  REQUIRE(d1.de_minimis + d1.informal == d1.arrivals);
  const double kept = static_cast<double>(d1.de_minimis) / static_cast<double>(d1.arrivals);
  REQUIRE(std::fabs(kept - 0.5) < tolerance(0.5, d1.arrivals));
}

TEST_CASE("CustomsModel: postal items without de minimis pay the specific duty of their rate band per item", "[model]") {
  auto c = base(50.0, 2000);
  c.streams[0].items = Constant{2.0};
  c.policies.de_minimis_suspended_from = SimTime::start();
  c.policies.postal_specific_duty = {{0.16, 80.0}, {0.25, 160.0}, {1.0, 200.0}};  // goods at 10%: 80 USD an item
  const auto r = run_customs_model(c, RandomStreams{11, 0}).run;
  REQUIRE(r.duties_collected_usd == Approx(160.0 * static_cast<double>(r.arrivals)));
  auto express = c;
  express.streams[0].mode = Mode::Express;  // not postal: ad valorem, 10% of 50 USD
  const auto e = run_customs_model(express, RandomStreams{11, 0}).run;
  REQUIRE(e.duties_collected_usd == Approx(5.0 * static_cast<double>(e.arrivals)));
}

TEST_CASE("CustomsModel: lowering the threshold raises duties collected (paired, common random numbers)", "[model]") {
  auto high = base(50.0, 3000);
  high.categories[0].true_value_usd = LogNormal::from_mean_sd(150.0, 200.0);
  auto low = high;
  low.policies.de_minimis_threshold_usd = 100.0;
  // Same named streams, so replication r of both has the same shipments: the difference is
  // the rule's effect alone. Margin: the 95% paired interval must lie above 0.
  std::vector<double> differences;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto a = run_customs_model(high, RandomStreams{12, rep}).run;
    const auto b = run_customs_model(low, RandomStreams{12, rep}).run;
    REQUIRE(a.arrivals == b.arrivals);
    differences.push_back(b.duties_collected_usd - a.duties_collected_usd);
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
  const double before = static_cast<double>(r.daily[0][0].arrivals);
  const double after = static_cast<double>(r.daily[1][0].arrivals);
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
  REQUIRE(r.formal == r.formal_high_risk);
  REQUIRE(r.formal + r.de_minimis == r.arrivals);
  REQUIRE(std::fabs(static_cast<double>(r.formal) / static_cast<double>(r.arrivals) - 0.5) < tolerance(0.5, r.arrivals));
  REQUIRE(r.duties_collected_usd == Approx(5.0 * static_cast<double>(r.formal)));
  // 10% of the formal entries are inspected, after their 2-hour filing.
  REQUIRE(std::fabs(static_cast<double>(r.selected_targeted) / static_cast<double>(r.formal) - 0.1) < tolerance(0.1, r.formal));
  REQUIRE(*r.dwell_hours.min() >= 2.0);
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
    drops.push_back(run_customs_model(open, RandomStreams{15, rep}).run.true_counterfeit_prevalence() -
                    run_customs_model(vetted, RandomStreams{15, rep}).run.true_counterfeit_prevalence());
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
  INFO("first day " << first.true_counterfeit_prevalence() << ", last day " << last.true_counterfeit_prevalence());
  REQUIRE(last.true_counterfeit_prevalence() <
          first.true_counterfeit_prevalence() - tolerance(first.true_counterfeit_prevalence(), first.arrivals));
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
  REQUIRE(b.daily[9][0].true_counterfeit_prevalence() < a.daily[9][0].true_counterfeit_prevalence());
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
    INFO("per stream " << a.counterfeit_rate() << " of " << a.inspected << ", per seller " << b.counterfeit_rate() << " of " << b.inspected);
    rises.push_back(b.counterfeit_rate() - a.counterfeit_rate());
  }
  REQUIRE(*ReplicationSummary::of(rises).low() > 0.0);
}
