// SPDX-License-Identifier: MIT
// The temporaries of atomic writes, removed when a signal the process can see ends it.
#pragma once

#include <string>

namespace cisim {

/// "HOST-PID": what names a temporary of this process (`out.csv.tmp-HOST-PID`), so that one
/// left by a process that is gone can be told from one of a live process on another node
/// sharing the directory.
std::string temporary_suffix();

/// While a temporary is registered, SIGINT, SIGTERM and SIGHUP, where their action is the
/// default (ending the process), unlink every registered temporary before the signal takes its
/// course, so a kill the process can see leaves no temporary behind. An ignored signal stays
/// ignored (nohup) and one with a handler of its own keeps it (Python's SIGINT): the process
/// goes on and removes its temporaries itself. At most 64 temporaries at once; more are
/// written but not registered. SIGKILL cannot be seen: remove_stale_temporaries() clears what
/// a killed process left.
void register_temporary(const std::string& path);
void unregister_temporary(const std::string& path);

/// Holds those signals while a set of files is renamed into place (RAII): one that arrives
/// meanwhile takes its course when the hold ends, after the last rename, so a kill the
/// process can see never leaves two runs' files mixed.
class SignalsHeld {
 public:
  SignalsHeld();
  ~SignalsHeld();
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;
};

/// Removes the temporaries beside `path` (`path` + `infix` + this host + `-` + PID, and that
/// with a `-wal`, `-shm` or `-journal` suffix) whose process is gone (killed by SIGKILL, or by
/// a power cut) before a new one is written. Another host's are left alone.
void remove_stale_temporaries(const std::string& path, const std::string& infix = ".tmp-");

}  // namespace cisim
