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

#include <signal.h>
#include <unistd.h>

namespace cisim {

namespace {

constexpr std::size_t kSlots = 64;
constexpr std::size_t kPathBytes = 4096;
constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};

struct Slot {
  std::atomic<bool> used{false};
  char path[kPathBytes]{};
};
std::array<Slot, kSlots> slots;
std::mutex registry;                 // register and unregister, never the handler
int registered = 0;                  // under `registry`
std::array<struct sigaction, kSignals.size()> before{};  // the handlers in place at install
std::atomic<int> held{0};            // SignalsHeld nesting
std::atomic<int> pending{0};         // a signal that arrived while held

void unlink_registered() {
  for (Slot& s : slots) {
    if (s.used.load()) ::unlink(s.path);
  }
}

void restore_handlers() {
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &before[i], nullptr);
}

// The signal's course after the temporaries are gone: the handler that was there, or the default.
void take_course(int signal) {
  unlink_registered();
  restore_handlers();
  ::raise(signal);
}

void on_signal(int signal) {
  if (held.load() > 0) {
    pending.store(signal);
    return;
  }
  const int saved = errno;
  take_course(signal);
  errno = saved;
}

void install_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  ::sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &action, &before[i]);
}

}  // namespace

void register_temporary(const std::string& path) {
  if (path.size() >= kPathBytes) return;
  std::lock_guard lock(registry);
  for (Slot& s : slots) {
    if (s.used.load()) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.used.store(true);
    if (registered++ == 0) install_handlers();
    return;
  }
}

void unregister_temporary(const std::string& path) {
  std::lock_guard lock(registry);
  for (Slot& s : slots) {
    if (!s.used.load() || std::string_view(s.path) != path) continue;
    s.used.store(false);
    if (--registered == 0 && held.load() == 0) restore_handlers();
    return;
  }
}

SignalsHeld::SignalsHeld() { held.fetch_add(1); }

SignalsHeld::~SignalsHeld() {
  if (held.fetch_sub(1) != 1) return;
  const int signal = pending.exchange(0);
  if (signal != 0) take_course(signal);
  std::lock_guard lock(registry);
  if (registered == 0) restore_handlers();
}

void remove_stale_temporaries(const std::string& path, const std::string& infix) {
  namespace fs = std::filesystem;
  const fs::path p{path};
  const std::string prefix = p.filename().string() + infix;
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
