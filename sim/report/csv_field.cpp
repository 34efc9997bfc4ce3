// SPDX-License-Identifier: MIT
// csv_field: RFC 4180 quoting, shared by every CSV cisim writes.
#include "report/csv_field.hpp"

namespace cisim {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace cisim
