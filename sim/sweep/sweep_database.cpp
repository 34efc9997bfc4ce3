// SPDX-License-Identifier: MIT
// SweepDatabase: SQLite through its C API, with every failure turned into a clear message.
#include "cisim/sweep/sweep_database.hpp"

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>

#include <sqlite3.h>

#include <fmt/core.h>

#include "report/csv_field.hpp"
#include "cisim/scenario/key_value.hpp"

namespace cisim {
namespace {

// A text as the inside of an SQL string literal (quotes doubled).
std::string sql_string(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string{"''"} : std::string{c};
  return out;
}

std::string quoted(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) out += c == '"' ? std::string{"\"\""} : std::string{c};
  return out + "\"";
}


std::vector<std::string> split_tabs(const std::string& s) {
  std::vector<std::string> out;
  std::string part;
  for (char c : s) {
    if (c == '\t') {
      out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) out.push_back(part);
  return out;
}

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql, const std::function<void(const std::string&)>& fail) : fail_(fail) {
    // The message names what failed in words; SQLite's own message says why (no SQL text).
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail_("cannot read its tables");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail_("cannot write");
    return false;
  }
  void reset() { sqlite3_reset(stmt_); }  // every parameter is bound again before the next step
  std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? reinterpret_cast<const char*>(p) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  std::function<void(const std::string&)> fail_;
};

void bind_text(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
// For strings that outlive the statement's step (the report's own): no copy.
void bind_static(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_STATIC); }
// An undefined value (NaN: a rate over no shipments, decision 0015) is stored as NULL and read back as NaN.
void bind_real(sqlite3_stmt* s, int i, double v) {
  if (std::isnan(v)) {
    sqlite3_bind_null(s, i);
  } else {
    sqlite3_bind_double(s, i, v);
  }
}
// An SQLite file URI of `path` (its '%', '?' and '#' escaped), to which query parameters are added.
std::string file_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else uri += c;
  }
  return uri;
}

double column_real(sqlite3_stmt* s, int i) {
  return sqlite3_column_type(s, i) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(s, i);
}

}  // namespace

SweepDatabase::SweepDatabase(const std::string& path, Access access) : path_(path) {
  const bool read_only = access == Access::ReadOnly;
  const int flags = SQLITE_OPEN_URI | (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SweepDatabaseError(fmt::format("{}: cannot open the sweep database: {}{}", path, reason,
                                         read_only ? "" : " (is the directory writable?)"));
  }
  // Another process holding the write lock is waited for briefly, then reported.
  sqlite3_busy_timeout(db_, 3000);
  if (read_only) {
    // An input is only read: a full disk (SQLite writes its log's shared memory beside it) leaves
    // it as it was, and there is nothing to resume.
    full_disk_advice_ = "it is left as it was: free space and run the command again";
    // An input is read as it is: no journal switch, nothing written. A database in write-ahead
    // log mode cannot be read where its shared-memory file cannot be created (a read-only
    // directory or medium, which the docs allow for inputs): opened as immutable, it can, as
    // long as no log holds rows that the file does not (then the error says what to do).
    if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK) return;
    // Anything but "cannot create the shared memory" (a writer's lock, a file that is not a
    // database) is reported as it is: immutable would read past a writer.
    const int code = sqlite3_errcode(db_) & 0xff;
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_close(db_);  // a constructor that throws runs no destructor
    db_ = nullptr;
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) fail_with("cannot read its tables", code, message);
    std::error_code ec;
    const auto log = std::filesystem::file_size(path + "-wal", ec);
    if (!ec && log > 0) {
      throw SweepDatabaseError(fmt::format("{}: cannot read it here: its write-ahead log ({}-wal) holds rows that only a writable "
                                           "directory lets SQLite read; copy both files to a writable directory",
                                           path, path));
    }
    immutable_ = true;
    if (sqlite3_open_v2((file_uri(path) + "?immutable=1").c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw SweepDatabaseError(fmt::format("{}: cannot open the sweep database: {}", path, reason));
    }
    return;
  }
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
}

SweepDatabase::~SweepDatabase() { sqlite3_close(db_); }

void SweepDatabase::fail(const std::string& what) const { fail_with(what, sqlite3_errcode(db_), sqlite3_errmsg(db_)); }

void SweepDatabase::fail_with(const std::string& what, int code, const std::string& message) const {
  std::string hint;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) hint = " (another process is writing this database; wait for it or use another file)";
  if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) hint = " (the file or its directory is not writable)";
  if (code == SQLITE_FULL || code == SQLITE_IOERR) hint = fmt::format(" (is the disk full? {})", full_disk_advice_);
  throw SweepDatabaseError(fmt::format("{}: {}: {}{}", path_, what, message, hint));
}

void SweepDatabase::exec(const std::string& sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);  // sqlite3_errmsg() gives the same text to fail()
    fail("cannot update it");
  }
}

std::map<std::string, std::string> SweepDatabase::meta() const {
  std::map<std::string, std::string> out;
  auto failer = [this](const std::string& w) { fail(w); };
  Statement exists{db_, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'", failer};
  exists.step();
  if (sqlite3_column_int(exists.get(), 0) == 0) return out;
  Statement rows{db_, "SELECT key, value FROM meta", failer};
  while (rows.step()) out[rows.text(0)] = rows.text(1);
  return out;
}

void SweepDatabase::create_summary_tables() const {
  // Varied values as numbers in their key's canonical unit, beside the text as written.
  exec("CREATE TABLE IF NOT EXISTS varied(point INTEGER NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, value REAL, "
       "unit TEXT NOT NULL, PRIMARY KEY(point, key))");
  // Each point's metrics summarised over its replications, as summary.csv has them.
  exec("CREATE TABLE IF NOT EXISTS summaries(point INTEGER NOT NULL, scope TEXT NOT NULL, scope_name TEXT NOT NULL, "
       "metric TEXT NOT NULL, unit TEXT NOT NULL, mean REAL, sd REAL, ci95_low REAL, ci95_high REAL, "
       "n INTEGER NOT NULL)");
  // No index over the text columns, for the reason given at `metrics`: reading a plot's rows
  // scans once; a user who queries one large sweep often can add one.
  // A plot's data in one SELECT: every summarised metric beside each varied value.
  exec("CREATE VIEW IF NOT EXISTS plot AS SELECT v.point AS point, v.key AS key, v.value AS value, v.unit AS value_unit, "
       "v.text AS value_text, s.scope AS scope, s.scope_name AS scope_name, s.metric AS metric, s.unit AS unit, s.mean AS mean, "
       "s.sd AS sd, s.ci95_low AS ci95_low, s.ci95_high AS ci95_high, s.n AS n FROM summaries s JOIN varied v ON v.point = s.point");
}

void SweepDatabase::initialise(const std::map<std::string, std::string>& meta, const std::vector<std::string>& varied_keys) {
  std::string point_columns;
  for (const auto& k : varied_keys) point_columns += ", " + quoted(k) + " TEXT NOT NULL";
  exec("BEGIN IMMEDIATE");
  exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  exec("CREATE TABLE points(point INTEGER PRIMARY KEY, status TEXT NOT NULL, seed INTEGER NOT NULL, "
       "replications INTEGER NOT NULL, seconds REAL NOT NULL" + point_columns + ")");
  // No key over the text columns: a point's rows are written once, in one transaction, and a
  // composite text index would cost more than the simulation of a small point. Reads go by
  // point, which the index below serves.
  exec("CREATE TABLE metrics(point INTEGER NOT NULL, replication INTEGER NOT NULL, scope TEXT NOT NULL, "
       "scope_name TEXT NOT NULL, metric TEXT NOT NULL, value REAL)");  // NULL: undefined
  exec("CREATE INDEX metrics_by_point ON metrics(point)");
  create_summary_tables();
  auto failer = [this](const std::string& w) { fail(w); };
  Statement insert{db_, "INSERT INTO meta(key, value) VALUES(?, ?)", failer};
  for (const auto& [key, value] : meta) {
    insert.reset();
    bind_text(insert.get(), 1, key);
    bind_text(insert.get(), 2, value);
    insert.step();
  }
  exec("COMMIT");
}

std::set<std::size_t> SweepDatabase::finished_points() const {
  std::set<std::size_t> out;
  auto failer = [this](const std::string& w) { fail(w); };
  Statement rows{db_, "SELECT point FROM points WHERE status = 'done'", failer};
  while (rows.step()) out.insert(static_cast<std::size_t>(sqlite3_column_int64(rows.get(), 0)));
  return out;
}

void SweepDatabase::write_point(const SweepPoint& point, std::uint64_t seed, int replications, double seconds, const Report& report) {
  const Failer failer = rollback_failer();
  exec("BEGIN IMMEDIATE");
  create_summary_tables();  // a sweep begun by an earlier cisim gains them on --resume
  std::string columns = "point, status, seed, replications, seconds";
  std::string marks = "?, 'done', ?, ?, ?";
  for (const auto& [key, value] : point.values) {
    columns += ", " + quoted(key);
    marks += ", ?";
  }
  {
    Statement insert{db_, "INSERT INTO points(" + columns + ") VALUES(" + marks + ")", failer};
    sqlite3_bind_int64(insert.get(), 1, static_cast<sqlite3_int64>(point.index));
    sqlite3_bind_int64(insert.get(), 2, static_cast<sqlite3_int64>(seed));
    sqlite3_bind_int(insert.get(), 3, replications);
    sqlite3_bind_double(insert.get(), 4, seconds);
    int i = 5;
    for (const auto& kv : point.values) bind_text(insert.get(), i++, kv.second);
    insert.step();
    Statement varied{db_, "INSERT INTO varied(point, key, text, value, unit) VALUES(?, ?, ?, ?, ?)", failer};
    for (const auto& [key, text] : point.values) {
      const auto number = canonical_value(key, text);
      varied.reset();
      sqlite3_bind_int64(varied.get(), 1, static_cast<sqlite3_int64>(point.index));
      bind_text(varied.get(), 2, key);
      bind_text(varied.get(), 3, text);
      if (number) sqlite3_bind_double(varied.get(), 4, number->value);
      else sqlite3_bind_null(varied.get(), 4);
      bind_text(varied.get(), 5, number ? number->unit : std::string{});
      varied.step();
    }
    insert_summaries(point.index, report.metrics, failer);
    insert_metrics(point.index, 0, report, failer);
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) failer("cannot commit point");
}

SweepDatabase::Failer SweepDatabase::rollback_failer() const {
  // The error is read before the rollback, which would replace it with its own.
  return [this](const std::string& w) {
    const int code = sqlite3_errcode(db_);
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    fail_with(w, code, message);
  };
}

void SweepDatabase::insert_metrics(std::size_t point, int first, const Report& report, const Failer& failer) const {
  Statement metric{db_, "INSERT INTO metrics(point, replication, scope, scope_name, metric, value) VALUES(?, ?, ?, ?, ?, ?)", failer};
  for (const auto& m : report.metrics) {
    for (std::size_t r = 0; r < m.values.size(); ++r) {
      metric.reset();
      sqlite3_bind_int64(metric.get(), 1, static_cast<sqlite3_int64>(point));
      sqlite3_bind_int64(metric.get(), 2, static_cast<sqlite3_int64>(first) + static_cast<sqlite3_int64>(r));
      bind_static(metric.get(), 3, m.scope);
      bind_static(metric.get(), 4, m.scope_name);
      bind_static(metric.get(), 5, m.metric);
      bind_real(metric.get(), 6, m.values[r]);
      metric.step();
    }
  }
}

void SweepDatabase::insert_summaries(std::size_t point, const std::vector<MetricSummary>& metrics, const Failer& failer) const {
  Statement summary{db_, "INSERT INTO summaries(point, scope, scope_name, metric, unit, mean, sd, ci95_low, ci95_high, n) "
                         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", failer};
  for (const auto& m : metrics) {
    summary.reset();
    sqlite3_bind_int64(summary.get(), 1, static_cast<sqlite3_int64>(point));
    bind_static(summary.get(), 2, m.scope);
    bind_static(summary.get(), 3, m.scope_name);
    bind_static(summary.get(), 4, m.metric);
    bind_static(summary.get(), 5, m.unit);
    bind_real(summary.get(), 6, m.summary.mean);
    bind_real(summary.get(), 7, m.summary.sd);
    if (m.summary.half_width) {
      sqlite3_bind_double(summary.get(), 8, *m.summary.low());
      sqlite3_bind_double(summary.get(), 9, *m.summary.high());
    } else {
      sqlite3_bind_null(summary.get(), 8);
      sqlite3_bind_null(summary.get(), 9);
    }
    sqlite3_bind_int64(summary.get(), 10, static_cast<sqlite3_int64>(m.summary.n));
    summary.step();
  }
}

std::map<std::size_t, std::vector<std::string>> SweepDatabase::stored_values(const std::vector<std::string>& varied_keys) const {
  std::string select = "SELECT point";
  for (const auto& k : varied_keys) select += ", " + quoted(k);
  select += " FROM points";
  std::map<std::size_t, std::vector<std::string>> out;
  auto failer = [this](const std::string& w) { fail(w); };
  Statement rows{db_, select, failer};
  while (rows.step()) {
    std::vector<std::string> values;
    for (std::size_t i = 0; i < varied_keys.size(); ++i) values.push_back(rows.text(static_cast<int>(i) + 1));
    out[static_cast<std::size_t>(sqlite3_column_int64(rows.get(), 0))] = std::move(values);
  }
  return out;
}

std::map<std::size_t, int> SweepDatabase::point_replications() const {
  std::map<std::size_t, int> out;
  auto failer = [this](const std::string& w) { fail(w); };
  Statement rows{db_, "SELECT point, replications FROM points WHERE status = 'done'", failer};
  while (rows.step()) out[static_cast<std::size_t>(sqlite3_column_int64(rows.get(), 0))] = sqlite3_column_int(rows.get(), 1);
  return out;
}

void SweepDatabase::add_replications(std::size_t point, int first, const Report& report) {
  const Failer failer = rollback_failer();
  exec("BEGIN IMMEDIATE");
  create_summary_tables();
  insert_metrics(point, first, report, failer);
  // Every replication of the point, in replication order, metric by metric: summarised as one
  // run of them all would be.
  std::vector<MetricSummary> all = report.metrics;
  {
    Statement values{db_, "SELECT value FROM metrics WHERE point = ? AND scope = ? AND scope_name = ? AND metric = ? ORDER BY replication",
                     failer};
    for (auto& m : all) {
      m.values.clear();
      values.reset();
      sqlite3_bind_int64(values.get(), 1, static_cast<sqlite3_int64>(point));
      bind_static(values.get(), 2, m.scope);
      bind_static(values.get(), 3, m.scope_name);
      bind_static(values.get(), 4, m.metric);
      while (values.step()) m.values.push_back(column_real(values.get(), 0));
      m.summary = ReplicationSummary::of(m.values, 0.95);
    }
  }
  {
    Statement clear{db_, "DELETE FROM summaries WHERE point = ?", failer};
    sqlite3_bind_int64(clear.get(), 1, static_cast<sqlite3_int64>(point));
    clear.step();
    insert_summaries(point, all, failer);
    Statement update{db_, "UPDATE points SET replications = ? WHERE point = ?", failer};
    const int total = all.empty() ? first : static_cast<int>(all.front().values.size());
    sqlite3_bind_int(update.get(), 1, total);
    sqlite3_bind_int64(update.get(), 2, static_cast<sqlite3_int64>(point));
    update.step();
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) failer("cannot commit point");
}

void SweepDatabase::set_meta(const std::string& key, const std::string& value) {
  auto failer = [this](const std::string& w) { fail(w); };
  Statement update{db_, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", failer};
  bind_text(update.get(), 1, key);
  bind_text(update.get(), 2, value);
  update.step();
}

void SweepDatabase::copy_to(const std::string& path) const {
  Statement vacuum{db_, "VACUUM INTO ?", [this](const std::string& what) { fail(what); }};
  bind_text(vacuum.get(), 1, path);
  vacuum.step();
}

void SweepDatabase::merge_from(const std::string& other_path) {
  std::error_code ec;
  if (std::filesystem::equivalent(other_path, path_, ec)) {
    throw SweepDatabaseError(fmt::format("{}: is the output of the merge too; name the output first, then other files", other_path));
  }
  SweepDatabase other{other_path, Access::ReadOnly};
  const auto theirs = other.meta();
  if (theirs.empty()) throw SweepDatabaseError(fmt::format("{}: not a sweep database (no meta table)", other_path));
  if (!theirs.contains("varied_keys")) {
    throw SweepDatabaseError(fmt::format("{}: not a sweep database of this cisim (its meta table has no 'varied_keys')", other_path));
  }
  const auto mine = meta();
  if (mine.empty()) {
    initialise(theirs, split_tabs(theirs.at("varied_keys")));
  } else {
    // The same sweep: shards run with other --set or --vary values must not be mixed.
    for (const char* key : {"scenario_hash", "varied_keys", "vary", "set", "design", "replications", "seed", "cisim_version"}) {
      const auto a = mine.find(key);
      const auto b = theirs.find(key);
      if (a == mine.end() || b == theirs.end() || a->second != b->second) {
        throw SweepDatabaseError(fmt::format("{}: cannot merge into {}: different {} ('{}' and '{}')", other_path, path_, key,
                                             b == theirs.end() ? "" : b->second, a == mine.end() ? "" : a->second));
      }
    }
  }
  const Failer failer = rollback_failer();
  // Read-only, through a URI, so the input is neither changed nor switched to WAL (immutable
  // where its write-ahead log's shared memory cannot be created, as it was opened above).
  const std::string uri = file_uri(std::filesystem::absolute(other_path).string()) + (other.immutable_ ? "?immutable=1" : "?mode=ro");
  Statement attach{db_, "ATTACH DATABASE ? AS src", failer};
  bind_text(attach.get(), 1, uri);
  attach.step();
  exec("BEGIN IMMEDIATE");
  {
    // Points in both must agree exactly on every metric.
    Statement conflicts{db_,
                        "SELECT point FROM (SELECT point, replication, scope, scope_name, metric, value FROM src.metrics "
                        "WHERE point IN (SELECT point FROM main.points) EXCEPT SELECT point, replication, scope, scope_name, "
                        "metric, value FROM main.metrics) LIMIT 1",
                        failer};
    if (conflicts.step()) {
      const auto p = sqlite3_column_int64(conflicts.get(), 0);
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_exec(db_, "DETACH DATABASE src", nullptr, nullptr, nullptr);
      throw SweepDatabaseError(fmt::format("{}: point {} is also in {} with different results; refusing to merge", other_path, p, path_));
    }
  }
  {
    Statement has{db_, "SELECT count(*) FROM src.sqlite_master WHERE type = 'table' AND name IN ('varied', 'summaries')", failer};
    has.step();
    if (sqlite3_column_int(has.get(), 0) != 2) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_exec(db_, "DETACH DATABASE src", nullptr, nullptr, nullptr);
      throw SweepDatabaseError(fmt::format("{}: made by an earlier cisim (no 'varied' and 'summaries' tables); run its points again", other_path));
    }
  }
  create_summary_tables();
  exec("INSERT INTO main.varied SELECT * FROM src.varied WHERE point NOT IN (SELECT point FROM main.points)");
  exec("INSERT INTO main.summaries SELECT * FROM src.summaries WHERE point NOT IN (SELECT point FROM main.points)");
  exec("INSERT INTO main.metrics SELECT * FROM src.metrics WHERE point NOT IN (SELECT point FROM main.points)");
  exec("INSERT INTO main.points SELECT * FROM src.points WHERE point NOT IN (SELECT point FROM main.points)");
  exec("COMMIT");
  exec("DETACH DATABASE src");
}

std::string SweepDatabase::export_csv() const {
  const auto m = meta();
  if (m.empty()) throw SweepDatabaseError(fmt::format("{}: not a sweep database (no meta table)", path_));
  if (!m.contains("varied_keys")) {
    throw SweepDatabaseError(fmt::format("{}: not a sweep database of this cisim (its meta table has no 'varied_keys')", path_));
  }
  const auto keys = split_tabs(m.at("varied_keys"));
  auto failer = [this](const std::string& w) { fail(w); };
  // A key written with a unit (6min, 8/min, 800 USD, 2%) gets a column of its number in the
  // canonical unit beside its text ("KEY [s]"), so the CSV plots without parsing units.
  std::vector<std::string> numeric_unit(keys.size());
  {
    Statement units{db_, "SELECT DISTINCT unit FROM varied WHERE key = ? AND value IS NOT NULL", failer};
    for (std::size_t i = 0; i < keys.size(); ++i) {
      bind_text(units.get(), 1, keys[i]);
      std::vector<std::string> found;
      while (units.step()) found.push_back(units.text(0));
      units.reset();
      if (found.size() == 1 && (found[0] == "s" || found[0] == "1/s" || found[0] == "USD" || found[0] == "fraction")) numeric_unit[i] = found[0];
    }
  }
  std::string select = "SELECT p.point";
  std::string header = "point";
  std::string joins;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    select += ", p." + quoted(keys[i]);
    header += ',' + csv_field(keys[i]);
    if (numeric_unit[i].empty()) continue;
    const std::string alias = fmt::format("v{}", i);
    select += ", " + alias + ".value";
    header += ',' + csv_field(fmt::format("{} [{}]", keys[i], numeric_unit[i]));
    joins += fmt::format(" LEFT JOIN varied {0} ON {0}.point = p.point AND {0}.key = '{1}'", alias, sql_string(keys[i]));
  }
  select += ", m.replication, m.scope, m.scope_name, m.metric, m.value FROM metrics m JOIN points p ON p.point = m.point" + joins +
            " ORDER BY m.point, m.replication, m.rowid";
  header += ",replication,scope,scope_name,metric,value\n";
  std::string out = header;
  Statement rows{db_, select, failer};
  int n = 0;  // the columns before the metric's
  for (const auto& u : numeric_unit) n += u.empty() ? 1 : 2;
  while (rows.step()) {
    out += std::to_string(sqlite3_column_int64(rows.get(), 0));
    for (int i = 0; i < n; ++i) {
      out += ',';
      if (sqlite3_column_type(rows.get(), 1 + i) == SQLITE_FLOAT) {
        out += fmt::format("{}", sqlite3_column_double(rows.get(), 1 + i));  // the shortest text that reads back
      } else {
        out += csv_field(rows.text(1 + i));
      }
    }
    // An undefined value (NULL) is an empty field, as in summary.csv.
    const double value = column_real(rows.get(), 5 + n);
    out += fmt::format(",{},{},{},{},{}\n", sqlite3_column_int64(rows.get(), 1 + n), rows.text(2 + n), csv_field(rows.text(3 + n)),
                       rows.text(4 + n), std::isnan(value) ? std::string{} : fmt::format("{:.17g}", value));
  }
  return out;
}

}  // namespace cisim
