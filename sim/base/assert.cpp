// SPDX-License-Identifier: MIT
// Reports a broken invariant and aborts.
#include "cisim/base/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace cisim::detail {

void assertion_failed(const char* condition, const char* message, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: cisim internal error: %s (assertion '%s' failed)\n", file, line, message, condition);
  std::abort();
}

}  // namespace cisim::detail
