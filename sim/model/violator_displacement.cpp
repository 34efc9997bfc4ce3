// SPDX-License-Identifier: MIT
// ViolatorDisplacement: observed interdiction rates, the lagged share that moves, and the move.
#include "cisim/model/violator_displacement.hpp"

#include <algorithm>
#include <cmath>

namespace cisim {

ViolatorDisplacement::ViolatorDisplacement(const CustomsModelConfig& config, const std::vector<std::uint32_t>& part_streams,
                                           const RandomStreams& streams, std::size_t days)
    : days_(days) {
  const std::size_t n = config.streams.size();
  state_.resize(n);
  for (const std::uint32_t s : part_streams) {
    const auto& rule = config.streams[s].displacement;
    if (!rule) continue;
    if (rules_.empty()) {
      rules_.assign(n, nullptr);
      tracked_.resize(n);
    }
    rules_[s] = &*rule;
    state_[s].draws.emplace(streams.stream("displacement/" + config.streams[s].name));
    // The stream and its routes are observed, each once however many rules name it.
    for (const std::uint32_t t : rule->routes) {
      if (!tracked_[t]) tracked_[t].emplace(days);
    }
    if (!tracked_[s]) tracked_[s].emplace(days);
  }
}

std::size_t ViolatorDisplacement::day_of(SimTime t) const {
  const auto day = static_cast<std::size_t>(std::max(0.0, t.since_start().to_seconds()) / 86400.0);
  return std::min(day, days_ - 1);
}

double ViolatorDisplacement::observed_rate(std::uint32_t s, int window_days, SimTime now) const {
  const Counts& c = *tracked_[s];
  const std::size_t last = day_of(now);
  const auto window = static_cast<std::size_t>(window_days);
  const std::size_t first = last + 1 >= window ? last + 1 - window : 0;
  std::uint64_t arrived = 0, interdicted = 0;
  for (std::size_t d = first; d <= last; ++d) {
    arrived += c.arrived[d];
    interdicted += c.interdicted[d];
  }
  return arrived == 0 ? 0.0 : static_cast<double>(interdicted) / static_cast<double>(arrived);
}

void ViolatorDisplacement::update(std::uint32_t s, SimTime now) {
  const DisplacementRule& rule = *rules_[s];
  State& state = state_[s];
  const double own = observed_rate(s, rule.window_days, now);
  // The safest route (the first of equals), where a moved shipment goes until the next update.
  state.route = rule.routes.front();
  double lowest = observed_rate(state.route, rule.window_days, now);
  for (std::size_t i = 1; i < rule.routes.size(); ++i) {
    const double rate = observed_rate(rule.routes[i], rule.window_days, now);
    if (rate < lowest) {
      lowest = rate;
      state.route = rule.routes[i];
    }
  }
  const double target = own > 0.0 ? rule.strength * std::max(0.0, 1.0 - lowest / own) : 0.0;
  const double elapsed = std::max(0.0, (now - state.updated).to_seconds());
  state.share += (target - state.share) * (1.0 - std::exp(-elapsed / rule.lag.to_seconds()));
  state.updated = now;
}

void ViolatorDisplacement::route(ShipmentRecord& r) {
  State& state = state_[r.stream];
  if (state.share <= 0.0 || state.draws->uniform01() >= state.share) return;
  const DisplacementRule& rule = *rules_[r.stream];
  r.stream = state.route;
  if (rule.declared_origin) r.origin = *rule.declared_origin;
}

}  // namespace cisim
