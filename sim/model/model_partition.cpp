// SPDX-License-Identifier: MIT
// partition_model: connected groups of facilities and streams, by a union-find over facilities.
#include "cisim/model/model_partition.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

namespace cisim {
namespace {

// Union-find over facility indices; the smallest index of a group is its root, so the
// grouping does not depend on the order of the unions.
class FacilityGroups {
 public:
  explicit FacilityGroups(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
  std::size_t root(std::size_t f) {
    while (parent_[f] != f) f = parent_[f] = parent_[parent_[f]];
    return f;
  }
  void join(std::size_t a, std::size_t b) {
    a = root(a);
    b = root(b);
    if (a < b) parent_[b] = a;
    if (b < a) parent_[a] = b;
  }

 private:
  std::vector<std::size_t> parent_;
};

double expected_shipments_per_second(const CustomsStream& s) {
  return s.arrivals.rate_per_second() * s.arrivals.mean_batch_size();
}

}  // namespace

ModelPartition whole_model(const CustomsModelConfig& config) {
  ModelPartition whole;
  for (std::size_t f = 0; f < config.facilities.size(); ++f) whole.facilities.push_back(static_cast<std::uint32_t>(f));
  for (std::size_t s = 0; s < config.streams.size(); ++s) {
    whole.streams.push_back(static_cast<std::uint32_t>(s));
    whole.expected_shipments_per_second += expected_shipments_per_second(config.streams[s]);
  }
  whole.holds_blitzes = !config.blitzes.empty();
  return whole;
}

std::vector<ModelPartition> partition_model(const CustomsModelConfig& config) {
  const std::size_t nf = config.facilities.size();
  FacilityGroups groups{nf};
  for (const CustomsStream& s : config.streams) {
    if (s.fulfillment) groups.join(s.facility, s.fulfillment->center);
    // A stream's violators may move to its routes: they must be simulated together.
    if (s.displacement) {
      for (const std::uint32_t route : s.displacement->routes) groups.join(s.facility, config.streams[route].facility);
    }
  }
  // A foreign post's score counts its items at every facility: all postal streams together.
  if (config.policies.post_scoring.enabled) {
    std::optional<std::size_t> postal;
    for (const CustomsStream& s : config.streams) {
      if (s.mode != Mode::Postal) continue;
      if (postal) groups.join(*postal, s.facility);
      else postal = s.facility;
    }
  }
  // Facilities that no stream reaches (kept for their officers' figures) form one part
  // together, not one each: every part's run sets up tables of the whole model's streams and
  // facilities, so a part per idle facility made set-up grow with the square of their number.
  std::vector<char> reached(nf, 0);
  for (const CustomsStream& s : config.streams) {
    reached[s.facility] = 1;
    if (s.fulfillment) reached[s.fulfillment->center] = 1;
  }
  std::optional<std::size_t> idle;
  for (std::size_t f = 0; f < nf; ++f) {
    if (reached[f]) continue;
    if (idle) groups.join(*idle, f);
    else idle = f;
  }
  std::optional<std::size_t> blitzed;  // the first facility any blitz covers
  for (const Blitz& b : config.blitzes) {
    for (std::size_t f = 0; f < nf && f < b.facilities.size(); ++f) {
      if (!b.facilities[f]) continue;
      if (blitzed) groups.join(*blitzed, f);
      else blitzed = f;
    }
  }
  std::vector<ModelPartition> parts;
  std::vector<std::size_t> part_of_root(nf, nf);
  for (std::size_t f = 0; f < nf; ++f) {
    const std::size_t r = groups.root(f);
    if (part_of_root[r] == nf) {
      part_of_root[r] = parts.size();
      parts.emplace_back();
    }
    parts[part_of_root[r]].facilities.push_back(static_cast<std::uint32_t>(f));
  }
  if (blitzed) parts[part_of_root[groups.root(*blitzed)]].holds_blitzes = true;
  for (std::size_t s = 0; s < config.streams.size(); ++s) {
    const CustomsStream& stream = config.streams[s];
    ModelPartition& p = parts[part_of_root[groups.root(stream.facility)]];
    p.streams.push_back(static_cast<std::uint32_t>(s));
    p.expected_shipments_per_second += expected_shipments_per_second(stream);
  }
  std::stable_sort(parts.begin(), parts.end(), [](const ModelPartition& a, const ModelPartition& b) {
    return a.expected_shipments_per_second > b.expected_shipments_per_second;
  });
  return parts;
}

}  // namespace cisim
