// SPDX-License-Identifier: MIT
// Runs one benchmark case in a child process, so that its peak memory is its own.
#pragma once

#include <functional>
#include <stdexcept>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cisim::bench {

struct ChildMeasurement {
  double seconds = 0.0;
  double shipments = 0.0;
  double peak_mib = 0.0;
};

/// Forks; the child runs `work`, which returns {seconds, shipments}, and sends them back;
/// the parent adds the child's peak resident memory. Throws if the child fails.
inline ChildMeasurement measure_in_child(const std::function<std::pair<double, double>()>& work) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    const auto [seconds, shipments] = work();
    const double out[2] = {seconds, shipments};
    if (::write(fds[1], out, sizeof out) != sizeof out) _exit(3);
    _exit(0);
  }
  ::close(fds[1]);
  double in[2] = {0, 0};
  const auto got = ::read(fds[0], in, sizeof in);
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  if (got != sizeof in || !WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("benchmark child failed");
  return {in[0], in[1], static_cast<double>(usage.ru_maxrss) / 1024.0};
}

}  // namespace cisim::bench
