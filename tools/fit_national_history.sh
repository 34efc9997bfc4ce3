#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fits the enforcement of scenarios/us_history_fy2019_2023.yaml that the record does not give
# (docs/validation.md, "National history"), year by year, each on the history from its start to
# the end of that year (warm as the whole history runs: the seizures of a year depend on the
# sellers' histories the years before built), at a 50th of the volume (every facility's
# selections outrun its officers, so the seizures do not depend on the volume):
#   1. the entry channels' risk in FY2023 (express manifests, Type 86) to the 2023-24 random
#      audit by channel, on FY2023 with the audit at 1% of its second half (the audit's rates depend on
#      the traffic alone, not on the officers, so a larger audit only narrows them);
#   2. the officer time per IPR examination by mode to FY2019's IPR seizures by mode (FY2019
#      alone: the scopes by mode span a whole run);
#   3. one scale of it for all facilities from FY2020, FY2021 and FY2023 to each year's seizures.
# FY2022 is not fitted: its scale is the geometric mean of FY2021's and FY2023's, and its seizures
# are predicted. Prints each fitted value; write them into the scenario. About 20 min on 2 cores.
# Usage: tools/fit_national_history.sh [BUILD_DIR] [STEP...]   (steps: channels fy2019 fy2020 fy2021 fy2023)
set -euo pipefail
cd "$(dirname "$0")/.."
cisim="${1:-build}/cisim"
shift || true
steps=("$@")
[ "${#steps[@]}" -gt 0 ] || steps=(channels fy2019 fy2020 fy2021 fy2023)
scenario=scenarios/us_history_fy2019_2023.yaml
source tools/national_fiftieth.sh
mail_f="$national_mail_f" express_f="$national_express_f" manifest_s="$national_manifest_s" type86_s="$national_type86_s"
fiftieth=("${history_fiftieth[@]}")
scale="$national_scale"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# fit NAME START HORIZON CALIBRATE-ARGS...: one fiscal year's calibration; prints KEY=VALUE lines.
fit() {
  local name="$1" start="$2" horizon="$3"
  shift 3
  echo "fitting $name ..." >&2
  "$cisim" calibrate "$scenario" -r 4 --key-tolerance 0.01 -q --format json "${fiftieth[@]}" \
    --set "start_date=$start" --set "horizon=$horizon" "$@" > "$tmp/$name.json" || {
    echo "the $name fit missed a target: see $tmp/$name.json" >&2
    cp "$tmp/$name.json" "/tmp/fit-$name.json"
    exit 1
  }
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k, v in d["fitted"].items(): print(k + "=" + v["text"])
for t in d["targets"]: print("#  ", t["text"], "simulated", t["simulated"]["mean"])' "$tmp/$name.json"
}

for step in "${steps[@]}"; do
  case "$step" in
    channels)
      fit channels 2022-10-01 365d --set spin_up=0d --set "policies.audit.rate={2018-10-01: 0%, 2023-04-01: 1%}" \
        --vary "streams.$manifest_s.risk_multiplier.2022-10-01=0.05:3:log" --vary "streams.$type86_s.risk_multiplier=0.05:3:log" \
        --target 'discrepancy_rate@audit_channel:de_minimis=2%±0.2%' --target 'discrepancy_rate@audit_channel:type86=12%±0.3%' ;;
    fy2019)
      # 27,599 IPR seizures (H) split as in FY2018 (28.5% mail, 64.0% express; M), each within 5% of all.
      fit fy2019 2018-10-01 365d \
        --vary "facilities.$mail_f.methods.physical.duration.mean=1min:240min:log" \
        --vary "facilities.$express_f.methods.physical.duration.mean=1min:240min:log" \
        --target 'ipr_seizures@mode:postal=7866±1380' --target 'ipr_seizures@mode:express=17663±1380' ;;
    # Later years: all seizures in mail and express, 92.5% of the published count (FY2018's share,
    # M), each within 4% of it (the 10% of the check, less the noise of 4 replications).
    fy2020) fit fy2020 2018-10-01 731d --vary "$scale.2019-10-01=0.2:5:log" --target 'ipr_seizures@fiscal_year:FY2020=24515±980' ;;
    fy2021) fit fy2021 2018-10-01 1096d --vary "$scale.2020-10-01=0.2:5:log" --target 'ipr_seizures@fiscal_year:FY2021=25081±1000' ;;
    fy2023) fit fy2023 2018-10-01 1826d --vary "$scale.2022-10-01=0.2:5:log" --target 'ipr_seizures@fiscal_year:FY2023=18058±720' ;;
    *) echo "unknown step '$step' (channels fy2019 fy2020 fy2021 fy2023)" >&2; exit 2 ;;
  esac
done
