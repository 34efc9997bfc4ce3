// SPDX-License-Identifier: MIT
// The temporaries of atomic writes, removed when a signal the process can see ends it.
#pragma once

#include <string>

namespace cisim {

/// While a temporary is registered, SIGINT, SIGTERM and SIGHUP unlink every registered
/// temporary before the signal takes its course (the handler that was there before, or the
/// default: the process ends with the signal), so a kill it can see leaves no `*.tmp-PID`
/// file behind. At most 64 temporaries at once; more are written but not registered.
/// SIGKILL cannot be seen: remove_stale_temporaries() clears what a killed process left.
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

/// Removes the temporaries beside `path` (`path` + `infix` + PID, and that with a `-wal`,
/// `-shm` or `-journal` suffix) whose process is gone (killed by SIGKILL, or by a power cut)
/// before a new one is written.
void remove_stale_temporaries(const std::string& path, const std::string& infix = ".tmp-");

}  // namespace cisim
