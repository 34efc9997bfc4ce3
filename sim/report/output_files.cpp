// SPDX-License-Identifier: MIT
// Atomic file replacement: write a temporary, flush it to disk, rename.
#include "cisim/report/output_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>

namespace cisim {

namespace {

std::string temporary_of(const std::string& path) { return fmt::format("{}.tmp-{}", path, ::getpid()); }

// Writes what `next` gives to the temporary name of `path` and flushes it to disk.
void write_temporary(const std::string& path, const std::function<bool(std::string&)>& next) {
  const std::string temporary = temporary_of(path);
  auto fail = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw std::runtime_error(fmt::format("{}: cannot {}: {}", path, what, reason));
  };
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    const std::string reason = std::strerror(errno);
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path, reason));
  }
  std::string contents;
  bool more = true;
  while (more) {
    contents.clear();
    try {
      more = next(contents);
    } catch (...) {
      ::close(fd);
      ::unlink(temporary.c_str());
      throw;
    }
    std::size_t written = 0;
    while (written < contents.size()) {
      const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        ::close(fd);
        fail("write");
      }
      written += static_cast<std::size_t>(n);
    }
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("flush to disk");
  }
  if (::close(fd) != 0) fail("close");
}

void write_temporary(const std::string& path, const std::string& contents) {
  write_temporary(path, [&contents](std::string& part) {
    part = contents;
    return false;
  });
}

void rename_into_place(const std::string& path) {
  const std::string temporary = temporary_of(path);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw std::runtime_error(fmt::format("{}: cannot rename into place: {}", path, reason));
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& contents) {
  write_temporary(path, contents);
  rename_into_place(path);
}

void write_file_atomically(const std::string& path, const std::function<bool(std::string&)>& next) {
  write_temporary(path, next);
  rename_into_place(path);
}

void write_files_as_a_set(const std::vector<std::pair<std::string, std::string>>& files) {
  std::size_t written = 0;
  try {
    for (const auto& [path, contents] : files) {
      write_temporary(path, contents);
      ++written;
    }
  } catch (...) {
    for (std::size_t i = 0; i < written; ++i) ::unlink(temporary_of(files[i].first).c_str());
    throw;
  }
  for (const auto& [path, contents] : files) rename_into_place(path);
}

}  // namespace cisim
