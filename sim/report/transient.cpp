// SPDX-License-Identifier: MIT
// Transient detection: MSER-5, and the test that keeps its cut only when the days differ.
#include "cisim/report/transient.hpp"

#include <cmath>
#include <limits>
#include <numeric>

namespace cisim {
namespace {

constexpr std::size_t kBatch = 5;
constexpr double kStandardErrors = 3.0;

double mean_of(const double* from, const double* to) {
  return std::accumulate(from, to, 0.0) / static_cast<double>(to - from);
}

}  // namespace

std::optional<std::size_t> mser5_truncation(const std::vector<double>& series) {
  const std::size_t batches = series.size() / kBatch;
  if (batches < 2) return std::nullopt;
  std::vector<double> b(batches);
  for (std::size_t i = 0; i < batches; ++i) b[i] = mean_of(&series[i * kBatch], &series[i * kBatch] + kBatch);
  std::size_t best_d = 0;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t d = 0; d <= batches / 2; ++d) {
    const double m = mean_of(b.data() + d, b.data() + batches);
    double squares = 0.0;
    for (std::size_t i = d; i < batches; ++i) squares += (b[i] - m) * (b[i] - m);
    const auto kept = static_cast<double>(batches - d);
    const double statistic = squares / (kept * kept);
    if (statistic < best) {  // strictly: the earliest of equal cuts
      best = statistic;
      best_d = d;
    }
  }
  return best_d * kBatch;
}

TransientCheck check_transient(const std::string& metric, const std::vector<std::vector<double>>& values) {
  TransientCheck c;
  c.metric = metric;
  if (values.size() < 2 * kBatch) return c;  // MSER-5 needs two batches to compare
  const std::size_t days = values.size(), replications = values.front().size();
  std::vector<double> mean(days, 0.0), one(days);
  for (std::size_t d = 0; d < days; ++d) mean[d] = std::accumulate(values[d].begin(), values[d].end(), 0.0) / static_cast<double>(replications);
  for (std::size_t rep = 0; rep < replications; ++rep) {
    for (std::size_t d = 0; d < days; ++d) one[d] = values[d][rep];
    c.per_replication.push_back(mser5_truncation(one).value_or(0));
  }
  c.days = mser5_truncation(mean).value_or(0);
  if (c.days == 0) return c;
  c.early_mean = mean_of(mean.data(), mean.data() + c.days);
  c.late_mean = mean_of(mean.data() + c.days, mean.data() + days);
  double squares = 0.0;
  for (std::size_t d = c.days; d < days; ++d) squares += (mean[d] - c.late_mean) * (mean[d] - c.late_mean);
  const double sd = std::sqrt(squares / static_cast<double>(days - c.days - 1));
  const double se = sd * std::sqrt(1.0 / static_cast<double>(c.days) + 1.0 / static_cast<double>(days - c.days));
  c.detected = std::fabs(c.early_mean - c.late_mean) > kStandardErrors * se;
  return c;
}

}  // namespace cisim
