// SPDX-License-Identifier: MIT
// ShipmentDraws: one stream's random draws of shipments: origin, category, seller, value, items, violations.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <variant>

#include "cisim/model/customs_config.hpp"
#include "cisim/model/seller_market.hpp"
#include "cisim/model/shipment_record.hpp"
#include "cisim/model/violation_draw.hpp"
#include "cisim/random/distributions.hpp"
#include "cisim/random/random_streams.hpp"

namespace cisim {

/// The random streams and tables one stream draws its shipments from, and its sellers.
/// Streams: "arrivals/<s>" (counts and times), "shipments/<s>" (attributes), "violations/<s>",
/// "selection/<s>" (random sample, blitz rates, release program), "sellers/<s>".
struct ShipmentDraws {
  ShipmentDraws(const CustomsStream& stream, const RandomStreams& streams)
      : arrivals(streams.stream("arrivals/" + stream.name)),
        attributes(streams.stream("shipments/" + stream.name)),
        violations(streams.stream("violations/" + stream.name)),
        selection(streams.stream("selection/" + stream.name)),
        origin(stream.origin_mix),
        category(stream.category_mix),
        sellers(stream, streams) {
    const auto* constant_items = std::get_if<Constant>(&stream.items);
    single_item = constant_items != nullptr && constant_items->value == 1.0;
  }

  /// Items in one shipment or order: no draw when the stream always has one, and at least
  /// one (a draw of 0, from a Poisson count, counts as 1).
  std::int64_t items(const CustomsStream& stream, Xoshiro256& g) const {
    return single_item ? 1 : std::max<std::int64_t>(1, sample_count(stream.items, g));
  }

  Xoshiro256 arrivals, attributes, violations, selection;
  Categorical origin, category;
  SellerMarket sellers;
  bool single_item = true;
};

/// A shipment of stream `s` arriving at `at` (docs/model.md, "A shipment's life"): its
/// origin, category, seller, true value, advance data, violations and declared value.
/// Inline: the per-shipment hot path.
inline ShipmentRecord draw_shipment(const CustomsModelConfig& config, std::uint32_t s, SimTime at, ShipmentDraws& d,
                                    bool& has_data) {
  const CustomsStream& stream = config.streams[s];
  // The shipment's attributes from a generator of its own, seeded by one number of the
  // stream's: however many draws its seller or value take (a delisted seller redrawn, say),
  // the next shipment's are the same (common random numbers; decision 0016).
  Xoshiro256 g{d.attributes()};
  ShipmentRecord r;
  r.arrived = at;
  r.stream = s;
  r.drawn_stream = s;
  r.origin = static_cast<std::uint16_t>(d.origin(g));
  r.category = static_cast<std::uint16_t>(d.category(g));
  const ProductCategory& category = config.categories[r.category];
  double risk = config.origins[r.origin].risk_multiplier * stream.risk_multiplier.at(at);
  if (d.sellers.present()) {
    r.seller = d.sellers.draw(at, r.category, g);
    risk *= d.sellers.risk_multiplier(r.seller);
  }
  // Lognormal values (the common case) are drawn inline, without the variant's dispatch.
  const auto* lognormal = std::get_if<LogNormal>(&category.true_value_usd);
  r.true_value_usd = std::max(0.0, lognormal ? (*lognormal)(g) : sample(category.true_value_usd, g));
  has_data = g.uniform01() < stream.advance_data_share.at(at);
  r.items = static_cast<std::uint32_t>(d.items(stream, g));
  r.carried = draw_violations(category, risk * stream.data_risk[has_data ? 1 : 0], d.violations);
  r.declared_value_usd = declared_value_usd(category, r.true_value_usd, r.carried);
  return r;
}

}  // namespace cisim
