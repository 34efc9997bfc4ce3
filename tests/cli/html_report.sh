#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTML reports in a real browser: the flagship as `tools/setup.sh` runs it, and a
# comparison, each loaded in headless Chromium (tests/report/browser_check.py): no console
# error, no network request, every chart drawn; screenshots in OUT_DIR. Also the report's
# companions: --format markdown and the --out file set.
# Usage: html_report.sh CISIM SOURCE_DIR OUT_DIR
set -u
cisim="$(realpath "$1")"
cd "$2"
out_dir="$3"
source tests/cli/lib.sh
# The page test needs Debian's chromium and python3-websocket (tools/deps.sh, group browser);
# without them this test fails with the reason, it never skips.
if ! command -v chromium >/dev/null; then
  echo "FAIL chromium is not installed: run tools/test.sh (it installs the browser group), or apt-get install chromium"
  exit 1
fi
if ! /usr/bin/python3 -c "import websocket" 2>/dev/null; then
  echo "FAIL Debian's python3-websocket is not installed: apt-get install python3-websocket"
  exit 1
fi
mkdir -p "$out_dir"
rm -f "$out_dir"/*.html "$out_dir"/*.png
# The flagship is the real thing (20 replications): more than the 20 s the quick checks get.
time_limit=300
check "flagship report" 0 "report written to" \
  "$cisim" run scenarios/mega_flex_2019.yaml --report "$out_dir/mega_flex_2019.html" --format json
check "comparison report" 0 "report written to" \
  "$cisim" compare scenarios/mega_flex_2019.yaml scenarios/mega_flex_2019.yaml -r 5 \
  --set-alt 'blitzes.*.daily_count=300' --report "$out_dir/mega_flex_more_blitz.html"
time_limit=20
mmc=scenarios/queue_mmc.yaml
check "report into a missing directory fails before the run" 2 "--report $out_dir/no/such/r.html: the directory '$out_dir/no/such' does not exist" \
  "$cisim" run "$mmc" -r 2 --report "$out_dir/no/such/r.html"
check "report onto a directory" 2 "expected a file name" "$cisim" run "$mmc" -r 2 --report "$out_dir"
check "markdown table" 0 '^\| Shipments arrived \| ' "$cisim" run "$mmc" -r 2 --set horizon=2d --format markdown
check "markdown comparison" 0 '^\|---\|' "$cisim" compare "$mmc" "$mmc" -r 2 --set horizon=2d --format markdown
check "compare --out" 0 "" "$cisim" compare "$mmc" "$mmc" -r 2 --set horizon=2d --set-alt facilities.station.officers.count=11 \
  --out "$out_dir/compare" -q
for f in base_summary.csv alt_summary.csv differences.csv comparison.json; do
  if [ -s "$out_dir/compare/$f" ]; then pass; else fail "compare --out: $f missing"; fi
done
if /usr/bin/python3 tests/report/browser_check.py "$out_dir" "$out_dir/mega_flex_2019.html" "$out_dir/mega_flex_more_blitz.html"; then
  pass
else
  fail "browser check (above)"
fi
finish
