// SPDX-License-Identifier: MIT
// Output files that appear whole or not at all.
#pragma once

#include <string>

namespace cisim {

/// Writes `contents` to `path` through a temporary file in the same directory, flushed and
/// then renamed over `path`, so a reader never sees a partial file and a crash leaves the
/// old file (or none). Throws std::runtime_error with the path and the system's reason.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace cisim
