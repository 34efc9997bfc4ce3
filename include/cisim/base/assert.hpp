// SPDX-License-Identifier: MIT
// CISIM_ASSERT: cheap invariant checks that stay on in every build type.
#pragma once

namespace cisim::detail {
[[noreturn]] void assertion_failed(const char* condition, const char* message, const char* file, int line);
}  // namespace cisim::detail

/// Aborts with file, line and message when `cond` is false. For broken invariants only
/// (a bug in cisim), never for bad user input, which gets a Diagnostic instead.
#define CISIM_ASSERT(cond, msg)                                                \
  do {                                                                          \
    if (!(cond)) [[unlikely]] {                                                 \
      ::cisim::detail::assertion_failed(#cond, (msg), __FILE__, __LINE__);      \
    }                                                                           \
  } while (false)
