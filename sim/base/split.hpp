// SPDX-License-Identifier: MIT
// split: a string cut at each separator, empty parts kept ("a||b" -> "a", "", "b").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cisim {

/// The parts of `s` between separators, in order, empty ones included: n separators give
/// n + 1 parts, so a caller can say which part is empty.
inline std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  for (std::size_t from = 0;;) {
    const std::size_t at = s.find(sep, from);
    out.emplace_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

}  // namespace cisim
