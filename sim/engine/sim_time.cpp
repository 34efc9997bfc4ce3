// SPDX-License-Identifier: MIT
// Conversion of floating-point seconds to integer ticks.
#include "cisim/engine/sim_time.hpp"

#include <cmath>

#include "cisim/engine/assert.hpp"

namespace cisim {

Duration Duration::from_seconds(double seconds) {
  const double ticks = seconds * static_cast<double>(kTicksPerSecond);
  // 9.2e18 is the int64 range; beyond it the cast is undefined behaviour, so refuse loudly.
  CISIM_ASSERT(std::isfinite(ticks) && std::fabs(ticks) < 9.2e18, "duration out of range");
  return Duration{std::llround(ticks)};
}

}  // namespace cisim
