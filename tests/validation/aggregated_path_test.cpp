// SPDX-License-Identifier: MIT
// The aggregated path against the per-shipment reference: every run-scope metric's distribution
// over 30 replications, two-sample tests (docs/performance.md, "The aggregated path").
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/scenario/load.hpp"
#include "support/two_sample.hpp"

using namespace cisim;

namespace {

constexpr int kPathReplications = 30;
// The national scenario at a twentieth of its volume for two weeks: the same streams,
// sellers, targeting and officers, so the line is as full as at full volume's scale.
const std::vector<std::string> kNational{
    "horizon=14d", "replications=30",
    "streams.jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail.arrivals.rate=14865/d",
    "streams.cvg_dhl_express|mem_fedex_express|sdf_ups_express|ind_fedex_express|ont_ups_express|jfk_express_express."
    "arrivals.rate=18580/d"};

Report run_path(const std::vector<std::string>& sets, bool exact, const std::string& scenario = "common/us_fy2024_at_fy2019_enforcement.yaml") {
  std::vector<std::string> all = sets;
  all.push_back(exact ? "simulation=exact" : "simulation=aggregated");
  const auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/" + scenario, all);
  REQUIRE(loaded.scenario);
  RunOptions options;
  options.threads = 2;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

// Every metric of the run scope with a spread in either sample is tested twice, Welch's t
// on the means and Kolmogorov-Smirnov on the distributions; both paths use the same seeds'
// replications 0 to 29, but different draws, so they are independent samples. Tolerance:
// the family-wise error is held at 1% by Bonferroni over the tests of the case (about 100),
// so a correct aggregated path fails this by chance at most once in a hundred seeds; with 30
// replications a side, a mean shift of about 1.2 replication standard deviations is found
// with even odds, and larger ones almost surely.
void require_equivalent(const Report& exact, const Report& aggregated) {
  std::vector<const MetricSummary*> tested;
  for (const MetricSummary& m : exact.metrics) {
    if (m.scope != "run") continue;
    const MetricSummary* other = find_metric(aggregated, m.scope, m.scope_name, m.metric);
    REQUIRE(other != nullptr);
    REQUIRE(m.values.size() == static_cast<std::size_t>(kPathReplications));
    REQUIRE(other->values.size() == static_cast<std::size_t>(kPathReplications));
    tested.push_back(&m);
  }
  const double alpha = 0.01 / (2.0 * static_cast<double>(tested.size()));
  int with_spread = 0;
  for (const MetricSummary* m : tested) {
    const MetricSummary& other = *find_metric(aggregated, m->scope, m->scope_name, m->metric);
    const double welch = testing::welch_p_value(m->values, other.values);
    const double ks = testing::ks_p_value(m->values, other.values);
    INFO(m->metric << ": exact mean " << testing::sample_mean(m->values) << " sd " << std::sqrt(testing::sample_variance(m->values))
                   << ", aggregated mean " << testing::sample_mean(other.values) << " sd "
                   << std::sqrt(testing::sample_variance(other.values)) << "; Welch p " << welch << ", KS p " << ks
                   << ", alpha " << alpha);
    CHECK(welch >= alpha);
    CHECK(ks >= alpha);
    if (testing::sample_variance(m->values) > 0.0) ++with_spread;
  }
  REQUIRE(with_spread >= 30);  // the headline metrics vary: the tests have something to test
}

// A week of the national traffic at a twentieth with `levers` set, on both paths; the
// aggregated run must count at least `counted` of its shipments by class (else the test would
// compare the per-shipment path with itself).
void require_equivalent_week(const std::vector<std::string>& levers, double counted) {
  std::vector<std::string> sets = kNational;
  sets[0] = "horizon=7d";
  sets.insert(sets.end(), levers.begin(), levers.end());
  const Report exact = run_path(sets, true);
  const Report aggregated = run_path(sets, false);
  REQUIRE(aggregated.counted_by_class > counted);
  require_equivalent(exact, aggregated);
}

}  // namespace

TEST_CASE("Two-sample tests: equal samples pass, a shift of 2 standard deviations is found", "[validation]") {
  std::vector<double> a, b, c;
  for (int i = 0; i < 30; ++i) {
    const double x = std::sin(1.0 + i * 2.3);  // spread over [-1, 1], sd about 0.7
    a.push_back(x);
    b.push_back(std::sin(2.0 + i * 2.3));
    c.push_back(x + 1.4);
  }
  CHECK(testing::welch_p_value(a, a) == Approx(1.0));
  CHECK(testing::ks_p_value(a, a) == Approx(1.0));
  CHECK(testing::welch_p_value(a, b) > 0.05);
  CHECK(testing::ks_p_value(a, b) > 0.05);
  CHECK(testing::welch_p_value(a, c) < 1e-6);
  CHECK(testing::ks_p_value(a, c) < 1e-4);  // KS, on the whole distribution, has less power on a shift than t
}

TEST_CASE("Aggregated path: national traffic with the line full agrees with the per-shipment path over 30 replications",
          "[validation][slow]") {
  require_equivalent(run_path(kNational, true), run_path(kNational, false));
}

TEST_CASE("Aggregated path: a line with room, a random sample, deterrence and a low threshold agree over 30 replications",
          "[validation][slow]") {
  // Enough officers that the line mostly has room (every selected shipment is drawn one by
  // one), a 1% random sample, deterrence that lowers found sellers' multipliers, de minimis
  // at 100 USD (informal entries that file data for targeting), a week.
  std::vector<std::string> sets = kNational;
  sets[0] = "horizon=7d";
  sets.push_back("facilities.*.officers.count=120");
  sets.push_back("policies.random_rate=1%");
  sets.push_back("policies.de_minimis.threshold=100 USD");
  sets.push_back("streams.*.sellers.deterrence=30%");
  require_equivalent(run_path(sets, true), run_path(sets, false));
}

TEST_CASE("Aggregated path: postal specific duties after de minimis ends for two origins agree over 30 replications",
          "[validation][slow]") {
  // China and Hong Kong lose de minimis from the second day (a rule change the classes are
  // rebuilt for), and their postal items under the threshold then pay a duty per item by
  // rate band (2025's postal option): the duty sums of those classes are counts times the
  // band's duty, the rest ad valorem as before.
  require_equivalent_week({"policies.de_minimis.excluded_origins=[CN, HK]", "policies.de_minimis.exclusions_from=2023-10-02",
                           "policies.de_minimis.postal_specific_duty=[{up_to_rate: 16%, usd_per_item: 80 USD}, {usd_per_item: 200 USD}]"},
                          0.9);
}

TEST_CASE("Aggregated path: the formal-entry rule (score, category, filing delay, its own inspections) agrees over 30 replications",
          "[validation][slow]") {
  // The rule of formal_entry_high_risk.yaml on the national traffic at a twentieth: parcels
  // scoring 30% or more and health and beauty products enter formally, file full data, wait
  // a day to be presented (to the line as it is then), and 1% of them are inspected by the
  // rule; 40 officers a facility.
  require_equivalent_week({"policies.formal_entry.min_score=30%", "policies.formal_entry.categories=[health_beauty]",
                           "policies.formal_entry.filing_delay=1d", "policies.formal_entry.inspection_rate=1%",
                           "facilities.*.officers.count=40"},
                          0.5);
}

TEST_CASE("Aggregated path: the formal-entry rule without a filing delay, with a random sample, agrees over 30 replications",
          "[validation][slow]") {
  // Without a delay the rule's selections join the selected process that sleeps while the
  // line is full; its refused selections split between the random sample and the rule.
  require_equivalent_week({"policies.formal_entry.origins=[HK]", "policies.formal_entry.min_score=50%",
                           "policies.formal_entry.inspection_rate=5%", "policies.random_rate=1%"},
                          0.5);
}

TEST_CASE("Aggregated path: EO 13904's post scoring (prioritized, data required, improved, blocked) agrees over 30 replications",
          "[validation][slow]") {
  // eo13904_posts.yaml with weekly quarters and short fuses, eight weeks: both posts score
  // below the threshold, so their items are prioritized from week 2, those without data are
  // refused from week 4 (Hong Kong's post then files 95% and recovers), and China's post is
  // blocked from week 6. Each change of measures rebuilds the classes at a quarter's start.
  const std::vector<std::string> sets{"horizon=56d", "replications=30", "policies.post_scoring.quarter=7d",
                                      "policies.post_scoring.prioritize_after=1", "policies.post_scoring.request_data_after=3",
                                      "policies.post_scoring.block_after=5"};
  const Report exact = run_path(sets, true, "eo13904_posts.yaml");
  const Report aggregated = run_path(sets, false, "eo13904_posts.yaml");
  REQUIRE(aggregated.counted_by_class > 0.9);
  require_equivalent(exact, aggregated);
}

TEST_CASE("Aggregated path: a random audit beside a full line and a random sample agrees over 30 replications",
          "[validation][slow]") {
  // The national traffic at a twentieth with its line full: 0.5% of all arrivals audited,
  // first in line and never refused, beside a 1% random sample that the full line refuses.
  // The audit is a third Poisson process of the aggregated stream, drawn from every class.
  require_equivalent_week({"policies.audit.rate=0.5%", "policies.random_rate=1%"}, 0.9);
}

TEST_CASE("Aggregated path: seller turnover after a spin-up agrees over 30 replications", "[validation][slow]") {
  // Sellers stay 7 days on average (the shortest allowed), so that in a week most slots change
  // hands, some of them sellers with a history (the national targeting weighs it) or a
  // deterred propensity; a spin-up of 2 days runs first. Both paths replace the same sellers at
  // the same hours.
  require_equivalent_week({"streams.*.sellers.mean_tenure=7d", "streams.*.sellers.deterrence=30%", "spin_up=2d"}, 0.9);
}

TEST_CASE("Aggregated path: risk by entry channel (advance data) beside an audit agrees over 30 replications",
          "[validation][slow]") {
  // Every stream 60% with advance data; those carry 1.6 times the prevalences, the others 0.3
  // times (as Type 86 entries against releases from manifest); a 0.5% audit measures both.
  require_equivalent_week({"streams.*.advance_data=60%", "streams.*.risk_with_advance_data=1.6",
                           "streams.*.risk_without_advance_data=0.3", "policies.audit.rate=0.5%"},
                          0.9);
}

TEST_CASE("Aggregated path: dated volumes, officers, examination time, audit rate, threshold and advance data agree over 30 replications", "[validation][slow]") {
  // A week from 2023-10-01: mail volumes double on the 3rd, express halve on the 5th; the IPR
  // officers go from 2 to 4 on the 4th; a 0.5% audit starts on the 2nd and stops on the 6th.
  std::vector<std::string> sets = kNational;
  sets[0] = "horizon=7d";
  sets[2] = "streams.jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail.arrivals.rate="
            "{2023-10-01: 14865/d, 2023-10-03: 29730/d}";
  sets[3] = "streams.cvg_dhl_express|mem_fedex_express|sdf_ups_express|ind_fedex_express|ont_ups_express|jfk_express_express."
            "arrivals.rate={2023-10-01: 18580/d, 2023-10-05: 9290/d}";
  sets.push_back("facilities.*.officers.count={2023-10-01: 2, 2023-10-04: 4}");
  sets.push_back("policies.audit.rate={2023-10-01: 0%, 2023-10-02: 0.5%, 2023-10-06: 0%}");
  // The threshold rises on the 3rd; the mail's advance data goes from 60% to 90% on the 5th.
  sets.push_back("policies.targeting.threshold={2023-10-01: 4%, 2023-10-03: 10%}");
  // Examinations take 40% longer from the 4th.
  sets.push_back("facilities.*.methods.physical.duration_scale={2023-10-01: 1, 2023-10-04: 1.4}");
  sets.push_back("streams.jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail.advance_data={2023-10-01: 60%, 2023-10-05: 90%}");
  const Report exact = run_path(sets, true);
  const Report aggregated = run_path(sets, false);
  REQUIRE(aggregated.counted_by_class > 0.9);
  require_equivalent(exact, aggregated);
}

TEST_CASE("Aggregated path: a bounded risk-ranked line beside an audit agrees over 30 replications", "[validation][slow]") {
  // The national line is full: a selection enters only by scoring above its lowest waiting
  // one (the national targeting weighs the declared value, so classes split at the bar), the
  // audit first and never refused, and a 1% random sample that scores above any bar.
  require_equivalent_week({"policies.targeting.line_order=score", "policies.audit.rate=0.5%", "policies.random_rate=1%"}, 0.9);
}
