// SPDX-License-Identifier: MIT
// ReplicationSummary: the Student t interval.
#include "cisim/stats/replication_summary.hpp"

#include <cmath>

#include "cisim/base/assert.hpp"
#include "cisim/stats/student_t.hpp"
#include "cisim/stats/tally.hpp"

namespace cisim {

ReplicationSummary ReplicationSummary::of(std::span<const double> values, double confidence) {
  CISIM_ASSERT(confidence > 0.0 && confidence < 1.0, "confidence must be in (0, 1)");
  Tally tally;
  for (double v : values) tally.add(v);
  ReplicationSummary s;
  s.n = values.size();
  s.mean = tally.mean();
  s.sd = tally.sd();
  s.confidence = confidence;
  if (s.n >= 2) {
    const double t = student_t_quantile(0.5 + 0.5 * confidence, static_cast<double>(s.n - 1));
    s.half_width = t * s.sd / std::sqrt(static_cast<double>(s.n));
  }
  return s;
}

}  // namespace cisim
