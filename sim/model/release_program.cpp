// SPDX-License-Identifier: MIT
// ReleaseProgram: CSP-1 state per plan unit.
#include "cisim/model/release_program.hpp"

namespace cisim {

ReleaseProgram::ReleaseProgram(const CustomsModelConfig& config, const std::vector<std::uint32_t>& streams)
    : plans_(config.streams.size()) {
  for (const std::uint32_t s : streams) {
    const CustomsStream& stream = config.streams[s];
    Plan& p = plans_[s];
    if (stream.release_program) {
      p.plan = &*stream.release_program;
      const bool per_seller = stream.release_program->per_seller && stream.sellers;
      const std::size_t units = per_seller ? static_cast<std::size_t>(stream.sellers->count) : 1;
      p.screening.assign(units, true);
      p.clean_run.assign(units, 0);
    }
  }
}

void ReleaseProgram::record(const ShipmentRecord& r, bool found, bool seller_stayed) {
  Plan& p = plans_[r.stream];
  if (p.plan == nullptr || (p.screening.size() > 1 && !seller_stayed)) return;
  const std::size_t u = unit(p, r);
  if (found) {
    p.screening[u] = true;
    p.clean_run[u] = 0;
  } else if (p.screening[u] && ++p.clean_run[u] >= p.plan->clearance) {
    p.screening[u] = false;
  }
}

void ReleaseProgram::replace_seller(std::uint32_t s, std::uint32_t seller) {
  Plan& p = plans_[s];
  if (p.plan == nullptr || p.screening.size() <= 1) return;
  p.screening[seller] = true;
  p.clean_run[seller] = 0;
}

}  // namespace cisim
