// SPDX-License-Identifier: MIT
// DrawnSource: an hour's arrival events, batches and shipments, each drawn and entered.
#include "model/drawn_source.hpp"

namespace cisim {

DrawnSource::DrawnSource(const CustomsModelConfig& config, std::uint32_t s, ShipmentDraws& draws, PerShipmentReason reason,
                         Fulfillment& fulfillment, ViolatorDisplacement& displacement, CustomsRecorder& recorder,
                         StreamHost& host)
    : config_(&config),
      stream_(s),
      draws_(&draws),
      reason_(reason),
      fulfillment_(&fulfillment),
      displacement_(&displacement),
      recorder_(&recorder),
      host_(&host) {}

void DrawnSource::draw(const StreamHour& hour, PerShipmentReason reason) {
  const CustomsStream& stream = config_->streams[stream_];
  const double seconds = (hour.to - hour.from).to_seconds();
  ShipmentDraws& d = *draws_;
  Xoshiro256& g = d.arrivals;
  const bool moves = displacement_->moves(stream_);
  std::uint64_t& drawn = drawn_[static_cast<std::size_t>(reason)];
  counting_ = &drawn;
  const std::int64_t events = Poisson{hour.expected_arrivals}(g);
  for (std::int64_t i = 0; i < events; ++i) {
    // Given their number, Poisson arrival times in the hour are independent and uniform.
    const SimTime at = hour.from + Duration::from_seconds(g.uniform01() * seconds);
    const std::int64_t shipments = stream.arrivals.batch(g);
    for (std::int64_t k = 0; k < shipments; ++k) {
      if (stream.fulfillment) {
        fulfillment_->order(stream_, at, d, *recorder_, *this);
      } else {
        bool has_data = true;
        ShipmentRecord r = draw_shipment(*config_, stream_, at, d, has_data);
        if (moves && r.carried) displacement_->route(r);
        ++drawn;
        host_->enter(r, has_data, Entry::Own);
      }
    }
  }
}

void DrawnSource::enter(ShipmentRecord& r, bool has_data, Entry entry) {
  ++*counting_;
  host_->enter(r, has_data, entry);
}

}  // namespace cisim
