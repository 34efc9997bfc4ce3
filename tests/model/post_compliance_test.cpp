// SPDX-License-Identifier: MIT
#include "cisim/model/post_compliance.hpp"

#include <string>

#include "cisim/report/report.hpp"
#include "cisim/run.hpp"
#include "cisim/scenario/load.hpp"

#include <cmath>

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

CustomsModelConfig two_posts() {
  CustomsModelConfig c;
  c.origins = {Origin{"CN", 1.0, 0.0}, Origin{"HK", 1.0, 0.0}, Origin{"unspecified", 1.0, 0.0}};
  PostScoring& p = c.policies.post_scoring;
  p.enabled = true;
  p.posts = {true, true, false};
  p.quarter = Duration::days(91);
  p.weight_data = 0.5;
  p.threshold = 0.7;
  p.prioritize_after = 2;
  p.request_data_after = 6;
  p.block_after = 8;
  p.improves = {std::nullopt, 0.95, std::nullopt};
  return c;
}

// One quarter of a post: 1000 items, `with_data` of them with advance data, 100 inspected of
// which `findings` had a finding; then the measure at the start of the next quarter.
PostMeasure quarter(PostCompliance& posts, std::uint16_t origin, int q, int with_data, int findings, double share = 0.4) {
  const SimTime from = SimTime::start() + Duration::days(91 * q);
  const PostMeasure m = posts.measure(origin, from);
  for (int i = 0; i < 1000; ++i) posts.arrive(origin, m, i < with_data, share);
  for (int i = 0; i < 100; ++i) posts.inspected(origin, i < findings, from + Duration::days(1));
  return posts.measure(origin, from + Duration::days(91));
}

}  // namespace

TEST_CASE("EO 13904: a post's quarterly score and the measures its consecutive misses bring", "[model]") {
  const CustomsModelConfig config = two_posts();
  PostCompliance posts{config, RandomStreams{1, 0}};
  CHECK(posts.scores(Mode::Postal, 0));
  CHECK_FALSE(posts.scores(Mode::Postal, 2));
  CHECK_FALSE(posts.scores(Mode::Express, 0));
  // 40% data, 10% findings: 0.5 x 0.4 + 0.5 x 0.9 = 0.65 < 0.7, a miss each quarter.
  CHECK(quarter(posts, 0, 0, 400, 10) == PostMeasure::None);
  CHECK(posts.last_score(0) == Approx(0.65));
  CHECK(posts.consecutive(0) == 1);
  CHECK(quarter(posts, 0, 1, 400, 10) == PostMeasure::Prioritized);  // 2 consecutive
  for (int q = 2; q < 5; ++q) CHECK(quarter(posts, 0, q, 400, 10) == PostMeasure::Prioritized);
  CHECK(quarter(posts, 0, 5, 400, 10) == PostMeasure::DataRequired);  // 6
  CHECK(quarter(posts, 0, 6, 400, 10) == PostMeasure::DataRequired);
  CHECK(quarter(posts, 0, 7, 400, 10) == PostMeasure::Blocked);  // 8
  // Blocked, its items are not scored: the count stays and so does the block.
  CHECK(quarter(posts, 0, 8, 400, 10) == PostMeasure::Blocked);
  CHECK(posts.consecutive(0) == 8);
  // A compliant quarter resets the count: 0.5 x 0.9 + 0.5 x 0.9 = 0.9.
  PostCompliance fresh{config, RandomStreams{1, 0}};
  CHECK(quarter(fresh, 0, 0, 400, 10) == PostMeasure::None);
  CHECK(quarter(fresh, 0, 1, 900, 10) == PostMeasure::None);
  CHECK(fresh.consecutive(0) == 0);
}

TEST_CASE("EO 13904: asked for data, an improving post files it for its improved share from then on", "[model]") {
  const CustomsModelConfig config = two_posts();
  PostCompliance posts{config, RandomStreams{2, 0}};
  for (int q = 0; q < 6; ++q) quarter(posts, 1, q, 400, 10);
  const SimTime later = SimTime::start() + Duration::days(91 * 6 + 1);
  REQUIRE(posts.measure(1, later) == PostMeasure::DataRequired);
  // Items the stream left without data (share 40%) get it with chance (0.95 - 0.4) / 0.6:
  // 95% of all items then have data (5 binomial standard errors over 20,000 items).
  int with_data = 0;
  for (int i = 0; i < 20000; ++i) with_data += posts.arrive(1, PostMeasure::DataRequired, i % 5 < 2, 0.4) ? 1 : 0;
  CHECK(std::abs(with_data / 20000.0 - 0.95) < 5.0 * std::sqrt(0.95 * 0.05 / 20000.0));
  // The quarter closes compliant (0.5 x 0.95 + 0.5 x 0.9 > 0.7): the measures lift, the data stays.
  CHECK(posts.measure(1, SimTime::start() + Duration::days(91 * 7)) == PostMeasure::None);
  int kept = 0;
  for (int i = 0; i < 1000; ++i) kept += posts.arrive(1, PostMeasure::None, false, 0.4) ? 1 : 0;
  CHECK(kept > 850);
  // CN does not improve: its items keep the stream's data.
  PostCompliance stays{config, RandomStreams{2, 0}};
  for (int q = 0; q < 6; ++q) quarter(stays, 0, q, 400, 10);
  CHECK_FALSE(stays.arrive(0, stays.measure(0, later), false, 0.4));
}

TEST_CASE("EO 13904 in the model: a non-compliant post's items are prioritized, held, then blocked; fewer violations leak",
          "[model]") {
  const std::string base = R"(format_version: 1
name: one_post
description: "one foreign post, scored weekly"
seed: 3
replications: 3
start_date: 2020-04-01
horizon: 35d
categories:
  goods:
    value: {dist: lognormal, mean: 40 USD, sd: 30 USD}
    prevalence: {counterfeit: 6%, undervaluation: 6%}
origins:
  CN: {}
facilities:
  imf:
    kind: international_mail
    officers: {count: 20}
    methods: {physical: {duration: {dist: constant, value: 2min}, sensitivity: {counterfeit: 90%, undervaluation: 70%}}}
streams:
  post:
    facility: imf
    mode: postal
    arrivals: {rate: 4000/d}
    origin_mix: {CN: 100%}
    category_mix: {goods: 100%}
    advance_data: 40%
policies:
  random_rate: 1%
)";
  const std::string scored = base + R"(  post_scoring: {posts: [CN], quarter: 7d, threshold: 70%, prioritize_after: 1, request_data_after: 2, block_after: 3}
)";
  auto run = [](const std::string& text) {
    const auto loaded = load_scenario_text(text, "one_post.yaml");
    REQUIRE(loaded.scenario);
    RunOptions options;
    options.threads = 1;
    return make_report(loaded, run_scenario(*loaded.scenario, options));
  };
  const Report with = run(scored);
  // The same shipments with and without the rule: the per-shipment path for both (a stream
  // whose posts are scored takes it anyway; without scoring it would be aggregated).
  const Report without = run(base + "simulation: exact\n");
  auto mean = [](const Report& r, const char* metric) { return find_metric(r, "run", "all", metric)->summary.mean; };
  // Week 1 misses (0.5 x 40% + 0.5 x about 90% clean), so week 2 is prioritized, week 3 holds
  // the 60% without data, weeks 4 and 5 are blocked: about 0.6 x 4000 x 7 + 4000 x 14 refused.
  CHECK(mean(without, "post_refused") == 0.0);
  CHECK(mean(with, "post_refused") == Approx(0.6 * 4000 * 7 + 4000 * 14).epsilon(0.05));
  CHECK(mean(with, "selected_targeted") > 1000.0);
  CHECK(mean(with, "leakage") < 0.5 * mean(without, "leakage"));
  CHECK(mean(with, "arrivals") == mean(without, "arrivals"));
}

TEST_CASE("EO 13904: quarters count from start_date, so a spin-up's last quarter ends where the measured run begins", "[model]") {
  CustomsModelConfig config = two_posts();
  const auto first_end = [&](int spin_up_days) {
    config.policies.post_scoring.quarters_from = SimTime::start() + Duration::days(spin_up_days);
    return (PostCompliance{config, RandomStreams{1, 0}}.quarter_end() - SimTime::start()).to_days();
  };
  CHECK(first_end(0) == 91.0);     // no spin-up: a quarter from the clock's start
  CHECK(first_end(45) == 45.0);    // a part quarter of the spin-up ends at start_date
  CHECK(first_end(91) == 91.0);
  CHECK(first_end(200) == 18.0);   // 200 = 2 x 91 + 18
  // Through the loader: a spin-up of 100 days puts start_date on the clock's day 100.
  const auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/eo13904_posts.yaml", {"spin_up=100d"});
  REQUIRE(loaded.scenario);
  CHECK((loaded.scenario->model.policies.post_scoring.quarters_from - SimTime::start()).to_days() == 100.0);
}
