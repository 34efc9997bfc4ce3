// SPDX-License-Identifier: MIT
// Output files that appear whole or not at all.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace cisim {

/// Writes `contents` to `path` through a temporary file in the same directory, flushed and
/// then renamed over `path`, so a reader never sees a partial file and a crash leaves the
/// old file (or none). A symlink is followed: its target is replaced and the link stays. A
/// character device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written into as it
/// is, never renamed over. Throws std::runtime_error with the path and the system's reason.
void write_file_atomically(const std::string& path, const std::string& contents);

/// The same for a file too large to hold as one string: `next` appends the next part to its
/// argument (cleared before each call) and returns false when there is no more.
void write_file_atomically(const std::string& path, const std::function<bool(std::string&)>& next);

/// Writes several files as one set (decision 0004): every file is written to a temporary
/// name and flushed first, and only when all are on disk are they renamed into place, so a
/// failure while writing leaves the previous set whole. Each file of a run carries its
/// run_id, so a set mixed by a crash between two renames can be told apart.
void write_files_as_a_set(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace cisim
