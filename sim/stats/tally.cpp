// SPDX-License-Identifier: MIT
// Tally: the parts that need <cmath>.
#include "cisim/stats/tally.hpp"

#include <cmath>

namespace cisim {

double Tally::sd() const { return std::sqrt(variance()); }

}  // namespace cisim
