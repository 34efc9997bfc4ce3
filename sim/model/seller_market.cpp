// SPDX-License-Identifier: MIT
// SellerMarket: drawing the population, vetting, and delisting after findings.
#include "cisim/model/seller_market.hpp"

#include <cmath>

#include "cisim/base/assert.hpp"

namespace cisim {

SellerMarket::SellerMarket(const CustomsStream& stream, const RandomStreams& streams) {
  if (!stream.sellers) return;
  const SellerPopulation& p = *stream.sellers;
  population_ = &p;
  may_exclude_ = p.takedown_latency || p.suspend_after_findings || !p.restricted_categories.empty();
  Xoshiro256 g = streams.stream("sellers/" + stream.name);
  std::vector<double> weights(static_cast<std::size_t>(p.count));
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = std::pow(static_cast<double>(i + 1), -p.zipf_exponent);
  const Beta propensity{p.propensity_a, p.propensity_b};
  const double mean = propensity.mean();
  risk_multiplier_.resize(weights.size());
  for (double& m : risk_multiplier_) m = propensity(g) / mean;
  // Vetting: the platform refuses this share of its high-propensity applicants; they never
  // sell, and their buyers buy elsewhere (their volume weight goes to zero).
  if (p.vetting_share > 0.0) {
    Xoshiro256 v = streams.stream("vetting/" + stream.name);
    bool any_left = false;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (risk_multiplier_[i] >= p.vetting_above && v.uniform01() < p.vetting_share) weights[i] = 0.0;
      any_left = any_left || weights[i] > 0.0;
    }
    CISIM_ASSERT(any_left, "vetting refused every seller");
  }
  volume_ = Categorical{weights};
  history_.assign(weights.size(), false);
  findings_.assign(weights.size(), 0);
  delisted_at_.assign(weights.size(), SimTime::max());
  if (p.mean_tenure) {
    turnover_ = streams.stream("turnover/" + stream.name);
    entered_at_.assign(weights.size(), SimTime::start());
    next_exit_ = SimTime::start() + exit_gap();
  }
}

Duration SellerMarket::exit_gap() {
  const double per_second = static_cast<double>(size()) / population_->mean_tenure->to_seconds();
  return Duration::from_seconds(Exponential{1.0 / per_second}(turnover_));
}

double SellerMarket::vetted_multiplier(Xoshiro256& g) const {
  const SellerPopulation& p = *population_;
  const Beta propensity{p.propensity_a, p.propensity_b};
  double m = propensity(g) / propensity.mean();
  // The platform refuses a high-propensity applicant with the vetting share; the next applies.
  for (int tries = 1; tries < 64 && p.vetting_share > 0.0 && m >= p.vetting_above && g.uniform01() < p.vetting_share; ++tries) {
    m = propensity(g) / propensity.mean();
  }
  return m;
}

void SellerMarket::enter(std::uint32_t seller, SimTime now) {
  entered_at_[seller] = now;
  risk_multiplier_[seller] = vetted_multiplier(turnover_);
  history_[seller] = false;
  findings_[seller] = 0;
  delisted_at_[seller] = SimTime::max();
  ++replacements_;
}

// A delisted seller's buyers go to another seller, and so do a high-propensity seller's in
// a category the platform limits: draw again.
std::uint32_t SellerMarket::draw_again(SimTime at, std::optional<std::uint16_t> category, Xoshiro256& g) const {
  auto seller = static_cast<std::uint32_t>(volume_(g));
  for (int tries = 1; tries < 64 && excluded(seller, at, category); ++tries) seller = static_cast<std::uint32_t>(volume_(g));
  return seller;
}

void SellerMarket::record_finding(std::uint32_t seller, SimTime now) {
  history_[seller] = true;
  ++findings_[seller];
  SimTime delist = SimTime::max();
  if (population_->takedown_latency) delist = now + *population_->takedown_latency;
  if (population_->suspend_after_findings && findings_[seller] >= *population_->suspend_after_findings) delist = now;
  if (delist < delisted_at_[seller]) delisted_at_[seller] = delist;
}

}  // namespace cisim
