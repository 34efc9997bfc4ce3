// SPDX-License-Identifier: MIT
// CSP-1 (Dodge 1943) against its closed forms. With defect rate p (q = 1 - p), clearance
// number i and sampling fraction f, and perfect detection:
//   average fraction inspected  AFI = f / (f + (1 - f) q^i)
//   average outgoing quality    AOQ = p (1 - AFI)   (violating shipments released per shipment)
// Each check runs 10 replications and passes when the 99% Student t interval of the
// replication means contains the closed form, as the queueing validations do.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "cisim/model/customs_model.hpp"
#include "cisim/stats/replication_summary.hpp"
#include "support/customs_config.hpp"

using namespace cisim;

namespace {

CustomsModelConfig csp1(double p, int clearance, double fraction) {
  // Instant, perfect inspection (the default of one_stream): each outcome is known before
  // the next shipment arrives, as the closed forms assume.
  auto c = testing::one_stream({ProductCategory{"goods", Constant{50.0}, 0.0, {p, 0, 0, 0, 0}, 0.5}},
                               {.stream = "consignments", .shipments_per_day = 200'000.0});
  c.streams[0].release_program = ContinuousSamplingPlan{clearance, fraction};
  return c;
}

struct Measured {
  ReplicationSummary afi;
  ReplicationSummary aoq;
};

Measured run_plan(const CustomsModelConfig& c) {
  std::vector<double> afi;
  std::vector<double> aoq;
  for (std::uint64_t r = 0; r < 10; ++r) {
    const auto t = run_customs_model(c, RandomStreams{1943, r}).run;
    afi.push_back(static_cast<double>(t[Count::Inspected]) / static_cast<double>(t[Count::Arrivals]));
    aoq.push_back(static_cast<double>(t[Count::Leakage]) / static_cast<double>(t[Count::Arrivals]));
  }
  return {ReplicationSummary::of(afi, 0.99), ReplicationSummary::of(aoq, 0.99)};
}

// Runs the plan and requires both 99% intervals to contain Dodge's closed forms.
void require_dodge(double p, int clearance, double fraction, bool per_seller = false) {
  const double qi = std::pow(1.0 - p, clearance);
  const double afi = fraction / (fraction + (1.0 - fraction) * qi);
  const double aoq = p * (1.0 - afi);
  auto c = csp1(p, clearance, fraction);
  if (per_seller) {
    // 20 sellers of equal volume and (practically) equal risk, each with a plan of its own:
    // every seller's shipments follow CSP-1, so the closed forms hold for the whole stream.
    SellerPopulation sellers;
    sellers.count = 20;
    sellers.zipf_exponent = 0.0;
    sellers.propensity_a = 1e6;
    sellers.propensity_b = 1e6;
    c.streams[0].sellers = sellers;
    c.streams[0].release_program->per_seller = true;
  }
  const auto m = run_plan(c);
  INFO("AFI theory " << afi << ", simulated " << m.afi.mean << " +- " << *m.afi.half_width);
  INFO("AOQ theory " << aoq << ", simulated " << m.aoq.mean << " +- " << *m.aoq.half_width);
  REQUIRE(m.afi.contains(afi));
  REQUIRE(m.aoq.contains(aoq));
}

}  // namespace

TEST_CASE("Validation: CSP-1 with p = 2%, i = 20, f = 10%: fraction inspected and outgoing quality match Dodge", "[validation][slow]") {
  require_dodge(0.02, 20, 0.10);
}

TEST_CASE("Validation: CSP-1 with p = 0.5%, i = 50, f = 5%: fraction inspected and outgoing quality match Dodge", "[validation][slow]") {
  require_dodge(0.005, 50, 0.05);
}

TEST_CASE("Validation: CSP-1 per seller (20 sellers, p = 2%, i = 20, f = 10%) matches Dodge for each seller's plan", "[validation][slow]") {
  require_dodge(0.02, 20, 0.10, true);
}
