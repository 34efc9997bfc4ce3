#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reads a cisim sweep database with the standard library only and prints, for every point,
the varied values and the mean over replications of one metric of one scope.

    python3 docs/examples/read_sweep.py sweep.db [scope scope_name metric]
    python3 docs/examples/read_sweep.py sweep.db facility station wait_hours_mean
"""
import csv
import sqlite3
import sys


def main() -> int:
    if len(sys.argv) not in (2, 5):
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    scope, name, metric = sys.argv[2:5] if len(sys.argv) == 5 else ("run", "all", "inspected")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    keys = dict(db.execute("SELECT key, value FROM meta"))["varied_keys"].split("\t")
    columns = ", ".join('p."' + k.replace('"', '""') + '"' for k in keys)
    rows = db.execute(
        f"SELECT p.point, {columns}, avg(m.value), count(m.value) FROM points p JOIN metrics m ON m.point = p.point "
        "WHERE m.scope = ? AND m.scope_name = ? AND m.metric = ? GROUP BY p.point ORDER BY p.point",
        (scope, name, metric),
    ).fetchall()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["point", *keys, f"{metric} (mean)", "replications"])
    for row in rows:
        out.writerow(row)
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
