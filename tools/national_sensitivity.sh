#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How the FY2024 answer (share of counterfeit parcels interdicted) moves with each fixed
# assumption of the national scenarios (scenarios/README.md, "National baseline"). An
# assumption the FY2019 fit also rests on (prevalence, targeting threshold) is moved in both:
# the enforcement is fitted again with it (as docs/validation.md fits it), then FY2024 runs with
# the refitted capacity. An assumption about FY2024 alone (mode split, capacity since 2019) moves
# only the FY2024 run. The first row and the FY2024-only rows run the scenarios as written.
# Every run is the whole fiscal year at a tenth of the volume, 4 replications (about 40 s): the
# seizures do not depend on the volume (docs/validation.md), so the share of counterfeit parcels
# interdicted at full volume is a tenth of the share at a tenth. Each refit (as docs/validation.md
# fits) takes about a minute. Usage: tools/national_sensitivity.sh [BUILD_DIR]   (about 7 min on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
cisim="${1:-build}/cisim"
mail_f='jfk_imf|ord_imf|lax_imf|mia_imf|sfo_imf'
express_f='cvg_dhl|mem_fedex|sdf_ups|ind_fedex|ont_ups|jfk_express'
mail_s='jfk_imf_mail|ord_imf_mail|lax_imf_mail|mia_imf_mail|sfo_imf_mail'
express_s='cvg_dhl_express|mem_fedex_express|sdf_ups_express|ind_fedex_express|ont_ups_express|jfk_express_express'
key_m="facilities.$mail_f.methods.physical.duration.mean"
key_e="facilities.$express_f.methods.physical.duration.mean"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# refit EXTRA_SET...: prints the two fitted --set arguments (mail, express), one per line.
refit() {
  local sets=()
  for s in "$@"; do sets+=(--set "$s"); done
  "$cisim" calibrate scenarios/us_fy2019_baseline.yaml -r 4 --key-tolerance 0.01 -q --format json \
    --vary "$key_m=5min:240min:log" --vary "$key_e=5min:240min:log" --start "$key_m=12min" --start "$key_e=12min" \
    --target 'ipr_seizures@mode:postal=7866±1380' --target 'ipr_seizures@mode:express=17663±1380' \
    --set "streams.$mail_s.arrivals.rate=5074/d" --set "streams.$express_s.arrivals.rate=1315/d" "${sets[@]}" > "$tmp/fit.json" || {
    echo "refit with ${*:-no change} missed a target: see $tmp/fit.json" >&2
    exit 1
  }
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k, v in d["fitted"].items(): print(k + "=" + v["text"])' "$tmp/fit.json"
}

# answer LABEL MAIL_PER_DAY EXPRESS_PER_DAY SET...: one table row from FY2024 at a tenth of the
# volume (the rates given per facility at full volume).
answer() {
  local label="$1" mail="$2" express="$3"
  shift 3
  local sets=(--set "streams.$mail_s.arrivals.rate=$((mail / 10))/d" --set "streams.$express_s.arrivals.rate=$((express / 10))/d")
  for s in "$@"; do sets+=(--set "$s"); done
  "$cisim" run scenarios/us_fy2024.yaml -r 4 -t 2 -q --format json "${sets[@]}" > "$tmp/run.json"
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
print("| %s | %s | %s | %s |" % (sys.argv[2], est("counterfeit_interdiction_rate", 0.1, pct=True),
                                 est("ipr_seizures"), est("true_counterfeit_prevalence", pct=True)))
PY
}

echo "| assumption moved | counterfeit parcels interdicted (at full volume) | IPR seizures a year | true counterfeit prevalence |"
echo "|---|---|---|---|"
answer "none (the scenarios as written)" 297300 371600
for p in 0.9 1.1; do
  mapfile -t fit < <(refit "prevalence_scale.counterfeit=$p")
  answer "counterfeit prevalence x $p (refitted)" 297300 371600 "prevalence_scale.counterfeit=$p" "${fit[@]}"
done
for t in 3% 5%; do
  mapfile -t fit < <(refit "policies.targeting.threshold=$t")
  answer "targeting threshold $t, not 4% (refitted)" 297300 371600 "policies.targeting.threshold=$t" "${fit[@]}"
done
answer "FY2024 by mail 60%, not 40%" 445900 247700
answer "FY2024 IPR capacity 1.5 x FY2019's (3 officers, not 2)" 297300 371600 "facilities.*.officers.count=3"
