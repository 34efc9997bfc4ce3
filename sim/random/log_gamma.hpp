// SPDX-License-Identifier: MIT
// log_gamma: ln |Gamma(x)| without the global state of std::lgamma, for worker threads.
#pragma once

#include <math.h>  // lgamma_r (POSIX / glibc; std::lgamma writes the global signgam)

namespace cisim {

/// ln |Gamma(x)|. std::lgamma stores the sign in the global `signgam`, a data race when
/// replications run on several threads; lgamma_r returns it through a local instead.
inline double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

}  // namespace cisim
