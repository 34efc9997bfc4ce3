// SPDX-License-Identifier: MIT
// Entries bring data: an informal or formal entry files classification, value and importer,
// so targeting sees what advance data would have shown (policies.entry_data).
#include <cmath>
#include <vector>

#include "cisim/model/customs_model.hpp"
#include "cisim/stats/replication_summary.hpp"
#include "support/customs_config.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {

// Parcels without advance data (like half of inbound mail), of a risky and a safe category,
// worth about 150 USD. Targeting scores the category: a risky parcel scores 2 (targeted at a
// threshold of 0.5, logit 0) when its category is seen, and the intercept -1 alone when it is
// not; the no-data flag carries no weight, so only what an entry files can change selection.
CustomsModelConfig unseen_parcels(double threshold_usd, bool entries_file_data) {
  std::vector<ProductCategory> categories{ProductCategory{"handbags", LogNormal::from_mean_sd(150.0, 120.0), 0.1, {}, 0.5},
                                          ProductCategory{"books", LogNormal::from_mean_sd(150.0, 120.0), 0.0, {}, 0.5}};
  categories[0].prevalence[static_cast<std::size_t>(ViolationKind::Counterfeit)] = 0.20;
  categories[1].prevalence[static_cast<std::size_t>(ViolationKind::Counterfeit)] = 0.01;
  auto c = testing::one_stream(categories, {.facility = "jfk_imf", .stream = "mail", .officers = 200, .inspection_seconds = 60.0,
                                            .shipments_per_day = 4000});
  c.streams[0].category_mix = {0.3, 0.7};
  c.streams[0].advance_data_share = 0.0;
  c.horizon = Duration::days(2);
  c.policies.de_minimis_threshold_usd = threshold_usd;
  c.policies.entries_file_data = entries_file_data;
  // The pairs below rely on the same shipments under both thresholds: the per-shipment path
  // (the aggregated one draws class counts from tables that the threshold changes).
  c.exact = true;
  auto& t = c.policies.targeting;
  t.enabled = true;
  t.threshold = 0.5;
  // Layout: intercept, origins (CN), categories (handbags, books), modes (4), log value, no data, history.
  t.weights = Eigen::VectorXd::Zero(1 + 1 + 2 + kModes + 3);
  t.weights[0] = -1.0;
  t.weights[2] = 3.0;
  return c;
}

// Paired differences (b - a) of one count over replications with common random numbers.
ReplicationSummary paired(const CustomsModelConfig& a, const CustomsModelConfig& b, Count count) {
  std::vector<double> differences;
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const auto x = run_customs_model(a, RandomStreams{21, rep}).run;
    const auto y = run_customs_model(b, RandomStreams{21, rep}).run;
    REQUIRE(x[Count::Arrivals] == y[Count::Arrivals]);  // the same shipments in both
    differences.push_back(static_cast<double>(y[count]) - static_cast<double>(x[count]));
  }
  return ReplicationSummary::of(differences);
}

}  // namespace

TEST_CASE("Entries bring data: lowering de minimis lets targeting see what entries file, and catch more", "[model]") {
  // At 800 USD nearly every parcel (mean 150 USD) is de minimis without data: targeting sees
  // only the intercept; it selects nothing on parcel data alone, and with filed data only the
  // few risky parcels over 800 USD (under 1% of arrivals).
  const auto at_800 = run_customs_model(unseen_parcels(800.0, true), RandomStreams{21, 0}).run;
  const auto at_800_blind = run_customs_model(unseen_parcels(800.0, false), RandomStreams{21, 0}).run;
  CHECK(at_800_blind[Count::SelectedTargeted] == 0);
  CHECK(at_800[Count::SelectedTargeted] > 0);
  CHECK(static_cast<double>(at_800[Count::SelectedTargeted]) < 0.01 * static_cast<double>(at_800[Count::Arrivals]));
  // With the threshold at 0 every parcel makes an entry. Filed data: the risky category is
  // seen and targeted, and more counterfeits are stopped (the paired 95% interval lies above
  // 0); parcel data only: the threshold changes nothing that targeting sees (as before this
  // rule: interdiction exactly unchanged at any threshold).
  const auto more = paired(unseen_parcels(800.0, true), unseen_parcels(0.0, true), Count::CounterfeitInterdicted);
  CHECK(*more.low() > 0.0);
  const auto targeted = paired(unseen_parcels(800.0, true), unseen_parcels(0.0, true), Count::SelectedTargeted);
  CHECK(*targeted.low() > 0.0);
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const auto x = run_customs_model(unseen_parcels(800.0, false), RandomStreams{21, rep}).run;
    const auto y = run_customs_model(unseen_parcels(0.0, false), RandomStreams{21, rep}).run;
    CHECK(x[Count::SelectedTargeted] == y[Count::SelectedTargeted]);
    CHECK(x[Count::CounterfeitInterdicted] == y[Count::CounterfeitInterdicted]);
  }
  // What is targeted at 0 is the risky category's parcels: about 30% of arrivals (5 binomial
  // standard errors).
  const auto at_0 = run_customs_model(unseen_parcels(0.0, true), RandomStreams{21, 0}).run;
  const double share = static_cast<double>(at_0[Count::SelectedTargeted]) / static_cast<double>(at_0[Count::Arrivals]);
  CHECK(std::fabs(share - 0.3) < 5.0 * std::sqrt(0.3 * 0.7 / static_cast<double>(at_0[Count::Arrivals])));
}
