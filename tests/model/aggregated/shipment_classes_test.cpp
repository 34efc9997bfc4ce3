// SPDX-License-Identifier: MIT
#include "model/aggregated/shipment_classes.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cisim/model/seller_market.hpp"
#include "cisim/model/shipment_draws.hpp"
#include "cisim/scenario/load.hpp"

using namespace cisim;

TEST_CASE("ShipmentClasses: class chances add up to 1 and the selected share is what the per-shipment draws select",
          "[model]") {
  auto loaded = load_scenario(CISIM_SOURCE_DIR "/scenarios/common/us_fy2024_at_fy2019_enforcement.yaml",
                             {"policies.random_rate=2%", "streams.*.risk_without_advance_data=0.3", "streams.*.risk_with_advance_data=1.5"});
  REQUIRE(loaded.scenario);
  const CustomsModelConfig& config = loaded.scenario->model;
  const Targeting targeting{config};
  const EntryRules rules{config};
  const RandomStreams streams{5, 0};
  for (const std::uint32_t s : {0u, 5u}) {  // a mail stream (half without data) and an express one
    ShipmentDraws draws{config.streams[s], streams};
    // A few sellers with a history, as after findings: targeting sees them with advance data.
    for (std::uint32_t j = 0; j < 5; ++j) draws.sellers.record_finding(j, SimTime::start());
    ShipmentClasses classes{config, s, targeting, rules};
    double a_max = 0.0;
    for (std::uint16_t o = 0; o < config.origins.size(); ++o) {
      for (std::uint16_t c = 0; c < config.categories.size(); ++c) {
        for (const bool data : {false, true}) {
          for (const double a : classes.kind_chances(o, c, data)) a_max = std::max(a_max, a);
        }
      }
    }
    SellerMoments moments{1.0 / a_max};
    for (std::uint32_t j = 0; j < draws.sellers.size(); ++j) {
      moments.add(j, draws.sellers.volume_share(j), draws.sellers.risk_multiplier(j));
      if (draws.sellers.has_history(j)) moments.gain_history(j, draws.sellers.volume_share(j), draws.sellers.risk_multiplier(j));
    }
    classes.build(SimTime::start(), moments);
    double all = 0.0;
    for (std::size_t i = 0; i < classes.size(); ++i) all += classes.selected_chance(i) + classes.not_selected_chance(i);
    REQUIRE(all == Approx(1.0).epsilon(1e-9));
    REQUIRE(classes.candidate_chance_selected() > 0.0);
    // The per-shipment path on 400,000 shipments: what targeting and the random sample select.
    const int n = 400'000;
    int selected = 0, dm = 0, carried = 0;
    Xoshiro256 selection{9};
    for (int i = 0; i < n; ++i) {
      bool has_data = false;
      ShipmentRecord r = draw_shipment(config, s, SimTime::start(), draws, has_data);
      const EntryDecision d = rules.classify(r, config.streams[s].mode, false, Entry::Own);
      if (!d.de_minimis && config.policies.entries_file_data) has_data = true;
      const bool history = has_data && draws.sellers.has_history(r.seller);
      const bool targeted = targeting.targets(r, config.streams[s].mode, has_data, history);
      if (targeted || selection.uniform01() < config.policies.random_rate) ++selected;
      if (d.de_minimis) ++dm;
      if (r.carried) ++carried;
    }
    const double de_minimis = static_cast<double>(dm) / n;
    const double carrying = static_cast<double>(carried) / n;
    double class_de_minimis = 0.0, class_carrying = 0.0;
    // Chances by class: fixed x group chance, from the moments as the tables were built.
    std::vector<double> group(config.origins.size() * config.categories.size() * 128, 0.0);
    for (std::size_t o = 0; o < config.origins.size(); ++o) {
      for (std::size_t c = 0; c < config.categories.size(); ++c) {
        for (const bool data : {false, true}) {
          const PerViolation& a = classes.kind_chances(static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(c), data);
          for (const bool h : {false, true}) {
            for (unsigned v = 0; v < 32; ++v) {
              const auto set = static_cast<ViolationSet>(v);
              group[(((o * config.categories.size() + c) * 2 + (data ? 1 : 0)) * 2 + (h ? 1 : 0)) * 32 + v] =
                  moments.chance(h, SellerMoments::polynomial(a, set), a, set);
            }
          }
        }
      }
    }
    for (std::size_t i = 0; i < classes.size(); ++i) {
      const ShipmentClass& k = classes[i];
      const double chance = k.fixed_chance * group[k.group];
      if (k.de_minimis) class_de_minimis += chance;
      if (k.carried) class_carrying += chance;
    }
    // Binomial proportions of 400,000: 5 standard errors.
    const auto close = [&](double sample, double exact) { return std::fabs(sample - exact) < 5.0 * std::sqrt(exact * (1.0 - exact) / n) + 1e-9; };
    INFO("stream " << s << ": selected " << static_cast<double>(selected) / n << " against " << classes.candidate_chance_selected()
                   << "; de minimis " << de_minimis << " against " << class_de_minimis << "; carrying " << carrying << " against "
                   << class_carrying);
    REQUIRE(close(static_cast<double>(selected) / n, classes.candidate_chance_selected()));
    REQUIRE(close(de_minimis, class_de_minimis));
    REQUIRE(close(carrying, class_carrying));
  }
}
