// SPDX-License-Identifier: MIT
// Registered temporaries live in fixed slots so that the signal handler touches no heap and
// calls only async-signal-safe functions (unlink, sigaction, raise).
#include "temporary_files.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string_view>

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

namespace cisim {

namespace {

constexpr std::size_t kTemporarySlots = 64;
constexpr std::size_t kTemporaryPathBytes = 4096;
constexpr std::array<int, 3> kCleanupSignals{SIGINT, SIGTERM, SIGHUP};

struct TemporarySlot {
  std::atomic<bool> used{false};
  char path[kTemporaryPathBytes]{};
};
std::array<TemporarySlot, kTemporarySlots> temporary_slots;
std::mutex temporary_registry;  // register, unregister and the handlers' installation; never the handler
int temporaries_registered = 0;  // under `temporary_registry`
// Per signal: whether on_signal is installed, and the action it replaced (under the mutex; the
// handler reads them only while they are installed, and they change only while it is not).
std::array<bool, kCleanupSignals.size()> cleanup_installed{};
std::array<struct sigaction, kCleanupSignals.size()> handlers_before{};
std::atomic<int> signals_held{0};    // SignalsHeld nesting
std::atomic<int> signal_pending{0};  // a signal that arrived while held

void unlink_registered() {
  for (TemporarySlot& s : temporary_slots) {
    if (s.used.load()) ::unlink(s.path);
  }
}

// Puts back the actions on_signal replaced (only those: a signal left alone stays as it was).
void restore_handlers() {
  for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) {
    if (!cleanup_installed[i]) continue;
    ::sigaction(kCleanupSignals[i], &handlers_before[i], nullptr);
    cleanup_installed[i] = false;
  }
}

// The signal's course after the temporaries are gone: the default action, which ends the process.
void take_course(int signal) {
  unlink_registered();
  restore_handlers();
  ::raise(signal);
}

void on_signal(int signal) {
  if (signals_held.load() > 0) {
    signal_pending.store(signal);
    return;
  }
  const int saved = errno;
  take_course(signal);
  errno = saved;
}

// Only a signal whose action is the default (ending the process) is taken over: one that is
// ignored (nohup, a shell's background job) stays ignored, and one with a handler of its own
// (Python's SIGINT) keeps it, since the process goes on and removes its temporaries itself.
void install_handlers() {
  for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) {
    if (cleanup_installed[i]) continue;
    struct sigaction current {};
    if (::sigaction(kCleanupSignals[i], nullptr, &current) != 0) continue;
    if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) continue;
    struct sigaction action {};
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESTART;
    ::sigemptyset(&action.sa_mask);
    if (::sigaction(kCleanupSignals[i], &action, &handlers_before[i]) == 0) cleanup_installed[i] = true;
  }
}

}  // namespace

std::string temporary_suffix() {
  static const std::string suffix = [] {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::strcpy(host, "host");
    for (char* c = host; *c; ++c) {
      if (*c == '/' || *c == '-') *c = '_';  // the host is one field of the name; the pid the last
    }
    return fmt::format("{}-{}", host, ::getpid());
  }();
  return suffix;
}

void register_temporary(const std::string& path) {
  if (path.size() >= kTemporaryPathBytes) return;
  std::lock_guard lock(temporary_registry);
  for (TemporarySlot& s : temporary_slots) {
    if (s.used.load()) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.used.store(true);
    ++temporaries_registered;
    install_handlers();
    return;
  }
}

void unregister_temporary(const std::string& path) {
  std::lock_guard lock(temporary_registry);
  for (TemporarySlot& s : temporary_slots) {
    if (!s.used.load() || std::string_view(s.path) != path) continue;
    s.used.store(false);
    if (--temporaries_registered == 0 && signals_held.load() == 0) restore_handlers();
    return;
  }
}

SignalsHeld::SignalsHeld() { signals_held.fetch_add(1); }

SignalsHeld::~SignalsHeld() {
  if (signals_held.fetch_sub(1) != 1) return;
  const int signal = signal_pending.exchange(0);
  if (signal != 0) take_course(signal);
  std::lock_guard lock(temporary_registry);
  if (temporaries_registered == 0) restore_handlers();
}

void remove_stale_temporaries(const std::string& path, const std::string& infix) {
  namespace fs = std::filesystem;
  const fs::path p{path};
  // Only this host's: a pid names a process here, not on another node sharing the directory.
  const std::string host = temporary_suffix().substr(0, temporary_suffix().rfind('-') + 1);
  const std::string prefix = p.filename().string() + infix + host;
  std::error_code ec;
  const fs::path dir = p.parent_path().empty() ? fs::path{"."} : p.parent_path();
  for (fs::directory_iterator it{dir, ec}, end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    std::string digits = name.substr(prefix.size());
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      const std::string_view sv{suffix};
      if (digits.size() > sv.size() && digits.compare(digits.size() - sv.size(), sv.size(), sv) == 0) digits.resize(digits.size() - sv.size());
    }
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    fs::remove(it->path(), ec);
    ec.clear();
  }
}

}  // namespace cisim
