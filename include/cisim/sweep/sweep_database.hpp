// SPDX-License-Identifier: MIT
// SweepDatabase: the SQLite file a sweep writes, resumes, merges and exports.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "cisim/report/report.hpp"
#include "cisim/sweep/sweep_design.hpp"

struct sqlite3;

namespace cisim {

/// An error of the database (cannot open, locked, read-only, different scenario...), with a
/// message that names the file and says what to do.
class SweepDatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Tables (docs/decisions/0005-sweep-database.md):
///   meta(key PRIMARY KEY, value): cisim_version, scenario_path, scenario_text, scenario_hash,
///        design, varied_keys (tab-separated), replications, seed
///   points(point INTEGER PRIMARY KEY, status, seed, replications, seconds, "<key>"...): one row
///        per finished point, with the value of every varied key as written
///   metrics(point, replication, scope, scope_name, metric, value), indexed by point
///   varied(point, key, text, value, unit): each varied value as written and as a number in
///        its key's canonical unit (seconds, per second, USD, fraction, the key's own unit)
///   summaries(point, scope, scope_name, metric, unit, mean, sd, ci95_low, ci95_high, n)
///   plot: a view of summaries beside each varied value, one SELECT for a plot's data
/// The file is in WAL mode and each finished point is one transaction, so a killed sweep
/// keeps every point it finished and loses the one in progress whole.
class SweepDatabase {
 public:
  /// How a database is opened: a sweep's own file is written (and created if needed); an
  /// input of merge or export is only read, and never changed (no WAL switch).
  enum class Access { ReadWrite, ReadOnly };
  /// Opens `path`. Throws SweepDatabaseError.
  explicit SweepDatabase(const std::string& path, Access access = Access::ReadWrite);
  ~SweepDatabase();
  SweepDatabase(const SweepDatabase&) = delete;
  SweepDatabase& operator=(const SweepDatabase&) = delete;

  /// The meta table, empty for a new file.
  std::map<std::string, std::string> meta() const;
  /// Creates the tables and writes the meta rows (a new sweep).
  void initialise(const std::map<std::string, std::string>& meta, const std::vector<std::string>& varied_keys);
  /// Points already finished.
  std::set<std::size_t> finished_points() const;
  /// The varied values (as written) of every stored point, by point number.
  std::map<std::size_t, std::vector<std::string>> stored_values(const std::vector<std::string>& varied_keys) const;
  /// Replications stored for each finished point.
  std::map<std::size_t, int> point_replications() const;
  /// Grows a finished point: stores replications `first` to `first` + n - 1 (the report's
  /// values) beside those it has, and recomputes its summaries from all of them, in one
  /// transaction, so the point equals one run with every replication from the start.
  void add_replications(std::size_t point, int first, const Report& report);
  /// Sets one meta value (a grown sweep's replications).
  void set_meta(const std::string& key, const std::string& value);
  /// Records one finished point and all its metrics in one transaction.
  void write_point(const SweepPoint& point, std::uint64_t seed, int replications, double seconds, const Report& report);
  /// Copies every point of `other` (opened read-only) into this database: the same sweep
  /// (scenario, varied keys and values, --set, design, replications, seed, version);
  /// a point present in both must have identical metrics, or SweepDatabaseError says which.
  void merge_from(const std::string& other_path);
  /// The tidy table: point, every varied key, replication, scope, scope_name, metric, value.
  std::string export_csv() const;
  /// A whole copy of the database (its log included) in a new file at `path`.
  void copy_to(const std::string& path) const;
  /// What a full disk's message advises (a sweep keeps its finished points and resumes; a
  /// merge leaves its output as it was).
  void set_full_disk_advice(std::string advice) { full_disk_advice_ = std::move(advice); }

  const std::string& path() const { return path_; }

 private:
  using Failer = std::function<void(const std::string&)>;
  /// Reports an SQLite failure inside a transaction: reads the error, rolls back, throws.
  Failer rollback_failer() const;
  void create_summary_tables() const;
  void insert_metrics(std::size_t point, int first, const Report& report, const Failer& failer) const;
  void insert_summaries(std::size_t point, const std::vector<MetricSummary>& metrics, const Failer& failer) const;
  void exec(const std::string& sql) const;
  [[noreturn]] void fail(const std::string& what) const;
  [[noreturn]] void fail_with(const std::string& what, int code, const std::string& message) const;
  sqlite3* db_ = nullptr;
  std::string path_;
  bool immutable_ = false;  // a read-only input opened as immutable (its directory cannot hold a log's shared memory)
  std::string full_disk_advice_ = "finished points are kept: free space and resume";
};

}  // namespace cisim
