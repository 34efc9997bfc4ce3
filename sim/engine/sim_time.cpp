// SPDX-License-Identifier: MIT
// The cold path of time conversion: a duration that does not fit the clock.
#include "cisim/engine/sim_time.hpp"

#include <string>

#include "cisim/base/assert.hpp"

namespace cisim {

void Duration::out_of_range(double seconds) {
  const std::string message = "duration of " + std::to_string(seconds) + " s does not fit the 64-bit microsecond clock";
  detail::assertion_failed("finite |seconds| < 9.2e12", message.c_str(), __FILE__, __LINE__);
}

}  // namespace cisim
