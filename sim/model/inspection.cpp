// SPDX-License-Identifier: MIT
// Inspection: method choice, durations and detection, with lot sampling.
#include "cisim/model/inspection.hpp"

#include <algorithm>
#include <cmath>

namespace cisim {
namespace {
constexpr double kLongerThanAnyRunSeconds = 2.0 * 3650.0 * 86400.0 + 86400.0;
}  // namespace

Inspection::Inspection(const CustomsModelConfig& config, const RandomStreams& streams) : config_(&config) {
  for (const Facility& facility : config.facilities) {
    std::vector<double> shares;
    for (const auto& m : facility.methods) shares.push_back(m.share);
    if (shares.empty()) shares.push_back(1.0);  // a fulfillment center without officers: never drawn
    method_choice_.emplace_back(shares);
    inspection_time_.push_back(streams.stream("inspection_time/" + facility.name));
    inspection_method_.push_back(streams.stream("inspection_method/" + facility.name));
    detection_.push_back(streams.stream("detection/" + facility.name));
  }
  for (const Blitz& blitz : config.blitzes) {
    std::vector<std::optional<std::size_t>> per_facility(config.facilities.size());
    if (blitz.method) {
      for (std::size_t f = 0; f < config.facilities.size(); ++f) {
        const auto& methods = config.facilities[f].methods;
        for (std::size_t i = 0; i < methods.size(); ++i) {
          if (methods[i].name == *blitz.method) per_facility[f] = i;
        }
      }
    }
    blitz_method_.push_back(std::move(per_facility));
  }
}

std::size_t Inspection::choose_method(std::size_t f, const ShipmentRecord& r) {
  const std::size_t drawn = config_->facilities[f].methods.size() == 1 ? 0 : method_choice_[f](inspection_method_[f]);
  if (r.blitz != kNoBlitz) {
    if (const auto& m = blitz_method_[static_cast<std::size_t>(r.blitz)][f]) return *m;
  }
  return drawn;
}

Duration Inspection::duration(std::size_t f, std::size_t m, const ShipmentRecord& r, SimTime now) {
  const InspectionMethod& method = config_->facilities[f].methods[m];
  double seconds = std::max(0.0, sample(method.duration_seconds, inspection_time_[f])) * method.duration_scale.at(now);
  if (const auto& plan = config_->streams[r.stream].lot_sampling) {
    seconds += plan->time_per_item.to_seconds() * static_cast<double>(items_opened(*plan, r));
  }
  // An inspection longer than any run (horizon and spin-up at most 10 years each) ends after
  // the run whatever its length: capped there, a year per item times a million items, or a
  // heavy-tailed draw, stays inside the clock's range and changes no result (decision 0008).
  return Duration::from_seconds(std::min(seconds, kLongerThanAnyRunSeconds));
}

Finding Inspection::detect(std::size_t f, const ShipmentRecord& r, Xoshiro256& g) {
  const InspectionMethod& method = config_->facilities[f].methods[r.method];
  const auto& sampling = config_->streams[r.stream].lot_sampling;
  Finding finding;
  if (sampling && r.items > 1) {
    // Lot sampling: the violating items (a share of a violating consignment) are found only
    // if the sample holds some, and each is then found with the method's sensitivity.
    finding.items_opened = items_opened(*sampling, r);
    const std::int64_t bad_in_sample = r.carried ? violating_in_sample(*sampling, r.items, finding.items_opened, g) : 0;
    for (int k = 0; k < kViolationKinds; ++k) {
      const auto kind = static_cast<ViolationKind>(k);
      const double miss_one = 1.0 - method.sensitivity[static_cast<std::size_t>(k)];
      if (contains(r.carried, kind) && bad_in_sample > 0 && g.uniform01() >= std::pow(miss_one, static_cast<double>(bad_in_sample))) {
        finding.found |= bit(kind);
      }
    }
    return finding;
  }
  for (int k = 0; k < kViolationKinds; ++k) {
    const auto kind = static_cast<ViolationKind>(k);
    if (contains(r.carried, kind) && g.uniform01() < method.sensitivity[static_cast<std::size_t>(k)]) finding.found |= bit(kind);
  }
  return finding;
}

std::int64_t Inspection::items_opened(const LotSampling& plan, const ShipmentRecord& r) {
  const auto [it, added] = sample_sizes_.try_emplace({r.stream, r.items}, 0);
  if (added) it->second = sample_size(plan, r.items);
  return it->second;
}

std::int64_t violating_in_sample(const LotSampling& plan, std::int64_t items, std::int64_t opened, Xoshiro256& g) {
  std::int64_t bad_left = std::clamp<std::int64_t>(std::llround(plan.contaminated_share * static_cast<double>(items)), 1, items);
  std::int64_t left = items;
  std::int64_t bad = 0;
  for (std::int64_t i = 0; i < opened && bad_left > 0; ++i, --left) {
    if (g.uniform01() * static_cast<double>(left) < static_cast<double>(bad_left)) {
      ++bad;
      --bad_left;
    }
  }
  return bad;
}

}  // namespace cisim
