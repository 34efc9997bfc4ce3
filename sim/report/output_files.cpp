// SPDX-License-Identifier: MIT
// Atomic file replacement: write a temporary, flush it to disk, rename; through symlinks, and
// straight into devices and pipes.
#include "cisim/report/output_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <fmt/core.h>

#include "temporary_files.hpp"

namespace cisim {

namespace {

std::string temporary_of(const std::string& path) { return fmt::format("{}.tmp-{}", path, temporary_suffix()); }

// Where the bytes for `path` go. A symlink is followed to its target, so the link stays and
// the target is replaced atomically in its own directory; a character device, a pipe or a
// socket (/dev/null, /dev/stdout, a FIFO) is written into as it is, since renaming a file over
// it would replace the device node itself (as root: /dev/full became a regular file).
struct OutputTarget {
  std::string path;
  bool stream = false;
  int descriptor = -1;  // an alias of this process's descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N)
};

// The descriptor a path is an alias of, if it is one: /dev/stdin, /dev/stdout, /dev/stderr,
// /dev/fd/N, /proc/self/fd/N (and /proc/PID/fd/N of this process).
int descriptor_alias(const std::string& path) {
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  std::string_view rest;
  if (path.starts_with("/dev/fd/")) {
    rest = std::string_view(path).substr(8);
  } else if (path.starts_with("/proc/self/fd/")) {
    rest = std::string_view(path).substr(14);
  } else if (const std::string own = fmt::format("/proc/{}/fd/", ::getpid()); path.starts_with(own)) {
    rest = std::string_view(path).substr(own.size());
  } else {
    return -1;
  }
  if (rest.empty() || rest.size() > 9 || rest.find_first_not_of("0123456789") != std::string_view::npos) return -1;
  return std::stoi(std::string(rest));
}

OutputTarget output_target(const std::string& path) {
  // A descriptor's alias is written through the descriptor, at its offset (appended to what the
  // process wrote there, as `--report /dev/stdout >> log` means), never reopened or renamed.
  if (const int fd = descriptor_alias(path); fd >= 0) return {path, true, fd};
  // What the path names in the end, as the kernel resolves it: a device, pipe or socket is
  // written through the path itself.
  struct stat named {};
  if (::stat(path.c_str(), &named) == 0 && (S_ISCHR(named.st_mode) || S_ISFIFO(named.st_mode) || S_ISSOCK(named.st_mode))) {
    return {path, true};
  }
  std::error_code ec;
  std::filesystem::path p{path};
  // Follow a chain of links to what they name (at most 40, as the kernel does); a link to a
  // descriptor's alias is written through that descriptor.
  for (int hops = 0; hops < 40 && std::filesystem::is_symlink(p, ec); ++hops) {
    if (const int fd = descriptor_alias(p.string()); fd >= 0) return {path, true, fd};
    const std::filesystem::path to = std::filesystem::read_symlink(p, ec);
    if (ec) break;
    p = to.is_absolute() ? to : p.parent_path() / to;
  }
  if (const int fd = descriptor_alias(p.string()); fd >= 0) return {path, true, fd};
  struct stat st {};
  if (::stat(p.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw std::runtime_error(fmt::format("{}: cannot write: it is a directory", path));
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) return {p.string(), true};
  }
  return {p.string(), false};
}

// Every part `next` gives (into its argument, cleared before each call), written to `fd`;
// false, with errno set, when a write fails. What `next` throws passes through.
bool write_parts(int fd, const std::function<bool(std::string&)>& next) {
  std::string contents;
  bool more = true;
  while (more) {
    contents.clear();
    more = next(contents);
    for (std::size_t written = 0; written < contents.size();) {
      const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return false;
      written += static_cast<std::size_t>(n);
    }
  }
  return true;
}

// Writes what `next` gives straight into a device or pipe, or a descriptor of this process
// (after what its stdio buffers hold, so that the two keep their order).
void write_stream(const OutputTarget& target, const std::string& shown, const std::function<bool(std::string&)>& next) {
  if (target.descriptor >= 0) {
    std::fflush(stdout);
    std::fflush(stderr);
  }
  const std::string& path = target.path;
  const int fd = target.descriptor >= 0 ? ::fcntl(target.descriptor, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string reason = std::strerror(errno);
    throw std::runtime_error(fmt::format("{}: cannot write: {}", shown, reason));
  }
  bool written = false;
  try {
    written = write_parts(fd, next);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (!written) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error(fmt::format("{}: cannot write: {}", shown, reason));
  }
  if (::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    throw std::runtime_error(fmt::format("{}: cannot close: {}", shown, reason));
  }
}

// Writes what `next` gives to the temporary name of `path` and flushes it to disk.
void write_temporary(const std::string& path, const std::function<bool(std::string&)>& next) {
  const std::string temporary = temporary_of(path);
  remove_stale_temporaries(path);
  auto fail = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    unregister_temporary(temporary);
    throw std::runtime_error(fmt::format("{}: cannot {}: {}", path, what, reason));
  };
  register_temporary(temporary);  // before it exists: a kill between the two leaves nothing
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    const std::string reason = std::strerror(errno);
    unregister_temporary(temporary);
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path, reason));
  }
  bool written = false;
  try {
    written = write_parts(fd, next);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    unregister_temporary(temporary);
    throw;
  }
  if (!written) {
    const int error = errno;  // close() may change it
    ::close(fd);
    errno = error;
    fail("write");
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("flush to disk");
  }
  if (::close(fd) != 0) fail("close");
}

// `contents` as the one part of a writer's `next`.
std::function<bool(std::string&)> all_of(const std::string& contents) {
  return [&contents](std::string& part) {
    part = contents;
    return false;
  };
}

void rename_into_place(const std::string& path) {
  const std::string temporary = temporary_of(path);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    unregister_temporary(temporary);
    throw std::runtime_error(fmt::format("{}: cannot rename into place: {}", path, reason));
  }
  unregister_temporary(temporary);
}

// Fault injection for tests/cli/durability.sh: CISIM_TEST_RENAME_PAUSE_MS (milliseconds) holds
// a set of files with its temporaries written, and again between its renames, so that a kill
// lands in each window on purpose instead of by luck (each lasts about a millisecond).
void pause_for_a_test() {
  static const long ms = [] {
    const char* text = std::getenv("CISIM_TEST_RENAME_PAUSE_MS");
    return text ? std::strtol(text, nullptr, 10) : 0L;
  }();
  if (ms > 0 && ms <= 10000) ::usleep(static_cast<useconds_t>(ms) * 1000);
}

// Removes the temporaries of the set's files written so far.
void remove_temporaries(const std::vector<OutputTarget>& targets, const std::vector<std::size_t>& written) {
  for (const std::size_t i : written) {
    const std::string temporary = temporary_of(targets[i].path);
    ::unlink(temporary.c_str());
    unregister_temporary(temporary);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& contents) {
  write_file_atomically(path, all_of(contents));
}

void write_file_atomically(const std::string& path, const std::function<bool(std::string&)>& next) {
  const OutputTarget target = output_target(path);
  if (target.stream) return write_stream(target, path, next);
  write_temporary(target.path, next);
  rename_into_place(target.path);
}

void write_files_as_a_set(const std::vector<std::pair<std::string, std::string>>& files) {
  // Files (through their links) first to temporaries, then renamed; devices and pipes last,
  // once every file is in place.
  std::vector<OutputTarget> targets;
  for (const auto& file : files) targets.push_back(output_target(file.first));
  std::vector<std::size_t> written;
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (targets[i].stream) continue;
      write_temporary(targets[i].path, all_of(files[i].second));
      written.push_back(i);
    }
  } catch (...) {
    remove_temporaries(targets, written);
    throw;
  }
  pause_for_a_test();
  {
    // A kill the process can see waits for the last rename: never two runs' files mixed.
    const SignalsHeld hold;
    for (std::size_t k = 0; k < written.size(); ++k) {
      if (k > 0) pause_for_a_test();
      try {
        rename_into_place(targets[written[k]].path);
      } catch (...) {
        remove_temporaries(targets, std::vector<std::size_t>(written.begin() + static_cast<std::ptrdiff_t>(k) + 1, written.end()));
        throw;
      }
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (targets[i].stream) write_stream(targets[i], files[i].first, all_of(files[i].second));
  }
}

}  // namespace cisim
