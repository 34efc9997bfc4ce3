// SPDX-License-Identifier: MIT
// csv_field: one CSV field, quoted only when it must be (RFC 4180).
#pragma once

#include <string>

namespace cisim {

/// `text` as a CSV field: as is, or in double quotes (inner quotes doubled) when it holds a
/// comma, a quote or a line break.
std::string csv_field(const std::string& text);

}  // namespace cisim
