// SPDX-License-Identifier: MIT
// ReplicationSummary: the Student t interval.
#include "cisim/stats/replication_summary.hpp"

#include <cmath>
#include <limits>

#include "cisim/base/assert.hpp"
#include "cisim/stats/student_t.hpp"
#include "cisim/stats/tally.hpp"

namespace cisim {

ReplicationSummary ReplicationSummary::of(std::span<const double> values, double confidence) {
  CISIM_ASSERT(confidence > 0.0 && confidence < 1.0, "confidence must be in (0, 1)");
  // An undefined value (NaN: a rate over no shipments in that replication) is left out, so n
  // counts the replications in which the metric is defined; with none, the mean is undefined.
  Tally tally;
  for (double v : values) {
    if (!std::isnan(v)) tally.add(v);
  }
  ReplicationSummary s;
  s.n = tally.count();
  s.mean = s.n > 0 ? tally.mean() : std::numeric_limits<double>::quiet_NaN();
  s.sd = s.n > 0 ? tally.sd() : std::numeric_limits<double>::quiet_NaN();
  s.confidence = confidence;
  if (s.n >= 2) {
    const double t = student_t_quantile(0.5 + 0.5 * confidence, static_cast<double>(s.n - 1));
    s.half_width = t * s.sd / std::sqrt(static_cast<double>(s.n));
  }
  return s;
}

std::optional<int> ReplicationSummary::replications_for(double wanted) const {
  if (n < 2 || !(wanted > 0.0) || std::isnan(sd)) return std::nullopt;
  const double p = 0.5 + 0.5 * confidence;
  // t(N - 1) sd / sqrt(N) falls as N grows: the first N at or under `wanted`, by bisection
  // (about 17 quantiles, whatever N is).
  const auto fits = [&](int count) {
    const double c = static_cast<double>(count);
    return student_t_quantile(p, c - 1.0) * sd / std::sqrt(c) <= wanted;
  };
  constexpr int kMost = 100000;
  int low = static_cast<int>(n) + 1;
  if (!fits(kMost)) return std::nullopt;
  if (fits(low)) return low;
  int high = kMost;  // fits(high), !fits(low)
  while (high - low > 1) {
    const int middle = low + (high - low) / 2;
    (fits(middle) ? high : low) = middle;
  }
  return high;
}

}  // namespace cisim
