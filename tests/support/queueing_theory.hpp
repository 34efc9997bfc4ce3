// SPDX-License-Identifier: MIT
// Closed-form results of queueing theory that the validation tests compare simulations with.
#pragma once

#include <cmath>

namespace cisim::testing {

// Rates per unit time: lambda arrivals, mu services per officer; a = lambda / mu offered load.

/// M/M/1 mean wait in queue: Wq = rho / (mu - lambda).
inline double mm1_wait_in_queue(double lambda, double mu) { return (lambda / mu) / (mu - lambda); }

/// M/M/1 mean number in system: L = rho / (1 - rho).
inline double mm1_number_in_system(double lambda, double mu) {
  const double rho = lambda / mu;
  return rho / (1.0 - rho);
}

/// Erlang C: probability that an arrival waits in M/M/c,
/// C(c, a) = [a^c / c! * c / (c - a)] / [sum_{k<c} a^k / k! + a^c / c! * c / (c - a)].
inline double erlang_c(int c, double a) {
  double term = 1.0;  // a^k / k!
  double sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double tail = term * c / (c - a);  // term is now a^c / c!
  return tail / (sum + tail);
}

/// M/M/c mean wait in queue: Wq = C(c, a) / (c mu - lambda).
inline double mmc_wait_in_queue(int c, double lambda, double mu) {
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

/// M/D/1 mean wait in queue (Pollaczek-Khinchine with zero service variance):
/// Wq = rho / (2 mu (1 - rho)).
inline double md1_wait_in_queue(double lambda, double mu) {
  const double rho = lambda / mu;
  return rho / (2.0 * mu * (1.0 - rho));
}

/// M/M/c/K blocking probability: p_K with p_n proportional to a^n / n! for n <= c and to
/// a^n / (c! c^(n - c)) for c < n <= K.
inline double mmck_blocking(int c, int capacity_k, double a) {
  double total = 0.0;
  double p_n = 1.0;
  double p_k = 0.0;
  for (int n = 0; n <= capacity_k; ++n) {
    if (n > 0) p_n *= a / (n <= c ? n : c);
    total += p_n;
    if (n == capacity_k) p_k = p_n;
  }
  return p_k / total;
}

}  // namespace cisim::testing
