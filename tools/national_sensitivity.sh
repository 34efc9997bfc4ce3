#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How the FY2024 answer of scenarios/us_fy2024.yaml (the share of counterfeit parcels
# interdicted) moves with each fixed assumption (scenarios/README.md, "Assumptions of the
# national history"). An assumption the history's fit also rests on (prevalence, targeting
# threshold) is moved in the whole run, and FY2023's IPR capacity, which FY2024 carries, is
# fitted again to FY2023's published seizures with it: seizures are inversely proportional to
# the officer time per examination while every facility's selections outrun its officers, so
# the scale is corrected by simulated / target, twice (the row gives the scale it reached).
# The earlier years keep their fitted scales. An
# assumption about FY2024 alone (mail share, capacity) moves only FY2024. The first row runs the
# scenarios as written.
# Every run is at a 50th of the volume (tools/national_fiftieth.sh), 4 replications: the seizures
# do not depend on the volume (docs/validation.md), so the share interdicted at full volume is a
# 50th of the share at a 50th. Usage: tools/national_sensitivity.sh [BUILD_DIR]   (about 10 min on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
cisim="${1:-build}/cisim"
source tools/national_fiftieth.sh
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# FY2023's published IPR seizures in mail and express: 92.5% of 19,522 (as fitted).
target_fy2023=18058
fy2023_scale() { sed -n 's/.*duration_scale: .*2022-10-01: \([0-9.]*\)}.*/\1/p' scenarios/us_history_fy2019_2023.yaml | head -1; }

# metric JSON SCOPE NAME METRIC: the mean over replications.
metric() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(next(x["mean"] for x in d["metrics"] if (x["scope"], x["scope_name"], x["metric"]) == tuple(sys.argv[2:5])))' "$@"
}

# refit SET...: FY2023's capacity scale fitted again with the assumption moved; prints the scale.
refit() {
  local sets=() scale
  scale="$(fy2023_scale)"
  for s in "$@"; do sets+=(--set "$s"); done
  for _ in 1 2; do
    "$cisim" run scenarios/us_history_fy2019_2023.yaml -r 4 -t 2 -q --format json "${history_fiftieth[@]}" "${sets[@]}" \
      --set "$national_scale.2022-10-01=$scale" > "$tmp/history.json"
    scale="$(python3 -c 'import sys; print("%.4g" % (float(sys.argv[1]) * float(sys.argv[2]) / float(sys.argv[3])))' \
      "$scale" "$(metric "$tmp/history.json" fiscal_year FY2023 ipr_seizures)" "$target_fy2023")"
  done
  echo "$scale"
}

# answer LABEL SET...: one table row from us_fy2024.yaml at a 50th of the volume.
answer() {
  local label="$1" sets=()
  shift
  for s in "$@"; do sets+=(--set "$s"); done
  echo "running: $label" >&2
  "$cisim" run scenarios/us_fy2024.yaml -r 4 -t 2 -q --format json "${fy2024_fiftieth[@]}" "${sets[@]}" > "$tmp/run.json"
  python3 - "$tmp/run.json" "$label" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = {(x["scope"], x["scope_name"], x["metric"]): x for x in d["metrics"]}
def est(metric, scale=1.0, pct=False):
    x = m[("run", "all", metric)]
    lo, hi = x["ci95"]
    if pct:
        return "%.3f%% (%.3f to %.3f%%)" % (100 * scale * x["mean"], 100 * scale * lo, 100 * scale * hi)
    return "{:,.0f} ({:,.0f} to {:,.0f})".format(scale * x["mean"], scale * lo, scale * hi)
print("| %s | %s | %s | %s |" % (sys.argv[2], est("counterfeit_interdiction_rate", 1 / 50, pct=True),
                                 est("ipr_seizures"), est("true_counterfeit_prevalence", pct=True)), flush=True)
PY
}

# moved LABEL SET...: an assumption of the whole history, with FY2023's capacity refitted.
moved() {
  local label="$1" scale
  shift
  echo "refitting: $label" >&2
  scale="$(refit "$@")"
  answer "$label (FY2023's capacity refitted: scale $scale)" "$@" "$national_scale.2022-10-01=$scale"
}

written="$(fy2023_scale)"
echo "| assumption moved | counterfeit parcels interdicted in FY2024 (at full volume) | IPR seizures in FY2024 | true counterfeit prevalence |"
echo "|---|---|---|---|"
answer "none (the scenarios as written)"
moved "counterfeit prevalence x 0.9" "prevalence_scale.counterfeit=0.9"
moved "counterfeit prevalence x 1.1" "prevalence_scale.counterfeit=1.1"
moved "targeting threshold 3%, not 4%" "policies.targeting.threshold=3%"
moved "targeting threshold 5%, not 4%" "policies.targeting.threshold=5%"
mail8=(
  "streams.$national_mail_s.arrivals.rate={2018-10-01: 5074/d, 2019-10-01: 4448/d, 2020-10-01: 3550/d, 2021-10-01: 1874/d, 2022-10-01: 942.4/d, 2023-10-01: 1189/d}"
  "streams.$national_manifest_s.arrivals.rate={2018-10-01: 1315/d, 2019-10-01: 2030/d, 2020-10-01: 2712/d, 2021-10-01: 1853.8/d, 2022-10-01: 3296/d, 2023-10-01: 4182/d}"
  "streams.$national_type86_s.arrivals.rate={2018-10-01: 0/d, 2019-10-01: 546.4/d, 2020-10-01: 1369.8/d, 2021-10-01: 2840/d, 2022-10-01: 5690/d, 2023-10-01: 7213/d}")
answer "FY2024 by mail 8% (FY2023's), not 5%" "${mail8[@]}"
answer "FY2024 IPR capacity 1.5 x FY2023's" "$national_scale.2023-10-01=$(python3 -c "print('%.4g' % ($written / 1.5))")"
answer "FY2024 IPR capacity back to FY2019's" "$national_scale.2023-10-01=1"
