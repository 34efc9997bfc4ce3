#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The commands as a user meets them: help, exit codes, did-you-mean, --set, output files.
# Usage: cli_behaviour.sh CISIM SOURCE_DIR
set -u
cisim="$(realpath "$1")"
source "$(dirname "$(realpath "$0")")/lib.sh"
cd "$2"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
mmc=scenarios/queue_mmc.yaml
check "no command" 2 "usage: cisim" "$cisim"
check "help" 0 "run SCENARIO" "$cisim" --help
check "run --help shows options with units" 0 "--replications" "$cisim" run --help
check "unknown command" 2 "unknown command 'rnu'; did you mean 'run'\\?" "$cisim" rnu
check "unknown option" 2 "unknown option '--seeed'; did you mean '--seed'\\?" "$cisim" run "$mmc" --seeed 3
check "unknown format" 2 "unknown format 'jsn'; did you mean 'json'\\?" "$cisim" run "$mmc" --format jsn
check "missing scenario" 2 "missing SCENARIO" "$cisim" run
check "bad replications" 2 "--replications must be at least 1" "$cisim" run "$mmc" --replications 0
check "check ok" 0 "queue_mmc.yaml: ok" "$cisim" check "$mmc"
check "check json" 2 '"severity": "error"' "$cisim" check --format json tests/invalid/unknown_key.yaml
check "set error names --set" 2 "^--set:1:[0-9]+: error: facilities.station.officers.count: expected a whole number, found 'x'" \
  "$cisim" check "$mmc" --set facilities.station.officers.count=x
check "set unknown key" 2 "^--set:1:1: error: facilities.station.oficers: unknown key; did you mean 'officers'\\?" \
  "$cisim" check "$mmc" --set facilities.station.oficers.count=3
check "warning exits 0" 0 "warning: facilities.station: offered load needs 12.00 officers" \
  "$cisim" check "$mmc" --set streams.poisson.arrivals.rate=12/min
check "schema metrics" 0 "^\\| \`seizures\` \\| Seizures \\| shipments" "$cisim" schema metrics
check "schema unknown subject" 2 "unknown subject 'metrix'; did you mean 'metrics'\\?" "$cisim" schema metrix
check "overload warning on stderr beside json" 0 "cisim: warning: facility .*\('station'\): selections outran inspection capacity" \
  "$cisim" run "$mmc" --replications 2 --set horizon=2d --set streams.poisson.arrivals.rate=12/min --format json
check "solve reads a selection-reason scope" 0 "answer:" "$cisim" solve "$mmc" --vary facilities.station.officers.count=8:14 \
  --target 'wait_hours_mean<0.05' --scope selection:random --replications 2 --set horizon=2d
mf=scenarios/mega_flex_2019.yaml
check "set unknown id" 2 "^--set:1:1: error: origins.CHN.risk_multiplier: no 'CHN' in origins \\(new ids are written in the scenario file, not set from the command line\\); did you mean 'CN'\\?" \
  "$cisim" check "$mf" --set origins.CHN.risk_multiplier=3
check "set unknown blitz id" 2 "no 'jully' in blitzes .*did you mean 'july'\\?" "$cisim" check "$mf" --set blitzes.jully.daily_count=252
check "compare: an error in --set-alt points at --set-alt" 2 "^--set-alt:1:1: error: facilities.station.oficers: unknown key; did you mean 'officers'\\?" \
  "$cisim" compare "$mmc" "$mmc" --set horizon=2d --set-alt facilities.station.oficers.count=11
check "sweep: an error in --vary points at --vary" 2 "^--vary:1:1: error: facilities.station.oficers: unknown key" \
  "$cisim" sweep "$mmc" --set horizon=2d --vary facilities.station.oficers.count=10:13:4 --db "$work/vary_typo.db"
check "set wildcard over ids" 0 "mega_flex_2019.yaml: ok" \
  "$cisim" check "$mf" --set 'blitzes.*.daily_count=252' --set 'facilities.*.officers.count=3'
check "set wildcard reaches every id" 2 "blitzes.september.daily_count: expected a whole number" \
  "$cisim" check "$mf" --set 'blitzes.*.daily_count=x'

check "set wildcard on fixed keys" 2 "'\\*' stands for every id of a map of ids" "$cisim" check "$mmc" --set 'facilities.station.*=3'
check "seed -1 refused" 2 "--seed must be a whole number from 0 to 18446744073709551615 \\(got '-1'\\)" "$cisim" run "$mmc" --seed -1
check "replications above the schema cap" 2 "--replications must be at most 100000" "$cisim" run "$mmc" -r 100001
check "quiet keeps asked-for output" 0 '"cisim_version"' "$cisim" run "$mmc" -r 2 --set horizon=2d -q --format json
check "a run too large for memory is refused up front" 2 "this run would keep [0-9.]+ GiB in memory \\(100000 replications of 365 days at 11 facilities with 440000 sellers" \
  "$cisim" run scenarios/common/us_fy2024_at_fy2019_enforcement.yaml -r 100000 --set horizon=365d -t 2
check "unused category and origin warn" 0 "warning: categories.goods: no stream's category_mix gives this category a share" \
  "$cisim" check "$mmc" --set 'categories={goods: {value: {dist: constant, value: 5 USD}}}' --set 'origins={CN: {risk_multiplier: 1}}'
check "duty rates above 100% (2025 tariffs)" 0 "de_minimis_2025.yaml: ok" "$cisim" check scenarios/de_minimis_2025.yaml --set 'origins.CN.additional_duty_rate=145%'
check "a facility written as a scalar: one located error, no follow-ons" 2 "^--set:1:20: error: facilities.jfk_imf: expected a map" \
  "$cisim" check "$mf" --set 'facilities.jfk_imf=3'
if [ "$("$cisim" check "$mf" --set 'facilities.jfk_imf=3' 2>&1 | wc -l)" -eq 1 ]; then pass; else fail "follow-on errors after a scalar facility"; fi
if ! "$cisim" check "$mf" --set 'streams.jfk_imf_mail.origin_mix=[]' 2>&1 | grep -q "^: "; then pass; else fail "an error without a location"; fi
check "run echoes overrides" 0 "overrides: facilities.station.officers.count=11" \
  "$cisim" run "$mmc" --replications 2 --set facilities.station.officers.count=11 --set horizon=2d
check "run json" 0 '"metric": "wait_hours_mean"' "$cisim" run "$mmc" --replications 2 --set horizon=2d --format json
check "run csv" 0 "^run_id,scope,scope_name,metric,label,unit,mean,sd,ci95_low,ci95_high,n,description" \
  "$cisim" run "$mmc" --replications 2 --set horizon=2d --format csv
check "run --out writes files" 0 "" "$cisim" run "$mmc" --replications 2 --set horizon=2d --out "$work/out" --quiet
if [ -s "$work/out/summary.json" ] && head -1 "$work/out/metrics.csv" | grep -q "^run_id,replication,scope,scope_name,metric,unit,value$" \
  && ! ls "$work/out" | grep -q tmp; then
  pass
else
  fail "--out: summary.json or metrics.csv missing, or a temporary file left"
fi
"$cisim" run "$mmc" --replications 2 --set horizon=2d --format json > "$work/stdout.json"
if cmp -s "$work/stdout.json" "$work/out/summary.json"; then pass; else fail "--format json differs from summary.json"; fi
# Byte-identical output whatever the thread count (issue 7).
"$cisim" run "$mmc" --replications 4 --set horizon=2d --threads 1 --out "$work/t1" --quiet
"$cisim" run "$mmc" --replications 4 --set horizon=2d --threads 2 --out "$work/t2" --quiet
if cmp -s "$work/t1/summary.json" "$work/t2/summary.json" && cmp -s "$work/t1/metrics.csv" "$work/t2/metrics.csv"; then pass; else
  fail "--threads 1 and 2 give different summary.json or metrics.csv"; fi
check "bad threads" 2 "--threads must be at least 1" "$cisim" run "$mmc" --threads 0
check "compare" 0 "Arrival to release, inspected, mean \\(h\\) .*\\*" "$cisim" compare "$mmc" "$mmc" --replications 4 --set horizon=2d \
  --set-alt facilities.station.officers.count=12
check "compare needs two files" 2 "compare needs two scenario files" "$cisim" compare "$mmc"
check "compare csv" 0 "^base_run_id,alt_run_id,scope,scope_name,metric,unit,base_mean,alt_mean,difference" "$cisim" compare "$mmc" "$mmc" \
  --replications 2 --set horizon=2d --format csv
# Every policy lever of issue 6 can be switched on from the command line (here on the
# break-bulk scenario, shortened): the metric each one drives becomes non-zero.
bb="scenarios/breakbulk_mx_ca.yaml"
short=(--replications 1 --format csv --set horizon=3d --set warmup=1d)
check "set ultimate consignee" 0 ",run,all,bulk_entries,[^,]*,shipments,[1-9]" \
  "$cisim" run "$bb" "${short[@]}" --set policies.ultimate_consignee.from=2019-07-01
check "set lot sampling" 0 ",run,all,items_sampled,[^,]*,items,[1-9]" \
  "$cisim" run "$bb" "${short[@]}" --set streams.mx_orders.lot_sampling.size=fixed --set streams.mx_orders.lot_sampling.count=2
check "set destruction of identical goods" 0 ",run,all,lots_destroyed,[^,]*,lots,[1-9]" \
  "$cisim" run "$bb" "${short[@]}" --set policies.destroy_identical_share=100% --set policies.random_rate=20%
check "set no order splitting" 0 ",stream,ca_orders,split_orders,[^,]*,orders,0," \
  "$cisim" run "$bb" "${short[@]}" --set streams.ca_orders.fulfillment.split_orders=false
check "set category limits" 0 ",run,all,arrivals," \
  "$cisim" run "$bb" "${short[@]}" --set 'streams.mx_orders.sellers.restricted_categories=[electronics]'
check "set release program per seller" 0 ",run,all,selected_release_program,[^,]*,shipments,[1-9]" \
  "$cisim" run "$bb" "${short[@]}" --set streams.ca_orders.release_program.clearance=10 \
  --set streams.ca_orders.release_program.fraction=5% --set streams.ca_orders.release_program.per=seller
# solve: the fewest officers for a mean wait under 0.001 h at 9 arrivals a minute and 1 minute
# of service. Erlang C gives 0.00148 h with 12 officers and 0.00066 h with 13: the answer is 13.
check "solve finds the Erlang C answer" 0 "^answer: facilities.station.officers.count = 13 meets" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10:20 --target 'wait_hours_mean<0.001' \
  --scope facility:station --replications 5
check "solve: an evaluation whose CI contains the bound is judged by its mean" 0 \
  "officers.count = 10 +wait_hours_mean = .*misses it by the mean \(its CI contains the bound; about [0-9]+ replications would tell\)" \
  "$cisim" solve "$mmc" --set horizon=2d --set warmup=0s -r 3 --vary facilities.station.officers.count=10:14 --target 'wait_hours_mean<0.01'
check "solve unknown metric" 2 "no metric 'wait_hour_mean' in scope facility:station; did you mean 'wait_hours_mean'" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10:20 --target 'wait_hour_mean<0.001' \
  --scope facility:station --replications 2 --set horizon=2d
check "solve unknown scope name" 2 "no facility 'statoin'; did you mean 'station'" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10:20 --target 'wait_hours_mean<0.001' \
  --scope facility:statoin --replications 2 --set horizon=2d
check "solve bad target" 2 "--target expects METRIC<VALUE or METRIC>VALUE" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10:20 --target 'wait_hours_mean=0.001'
check "solve needs a range" 2 "solve needs a range LO:HI, not a list" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10,20 --target 'wait_hours_mean<0.001'
check "solve with no crossing says so" 0 "^answer: none in the range: wait_hours_mean misses wait_hours_mean<0.000001 at both bounds \\(facilities.station.officers.count = 10 and 11\\)" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10:11 --target 'wait_hours_mean<0.000001' \
  --scope facility:station --replications 2 --set horizon=2d
touch "$work/a_file"
check "output path is a file: refused before the run" 2 "--out .*a_file: cannot create the output directory: Not a directory" \
  "$cisim" run "$mmc" --replications 2 --set horizon=2d --out "$work/a_file"
mkdir "$work/readonly" && chmod a-w "$work/readonly"
# Root writes anywhere, so as root this case runs as the ordinary user nobody, on copies of the
# binary and the scenario in the (world-searchable) work directory: the checkout may not be
# readable by nobody.
as_user=() ro_cisim="$cisim" ro_mmc="$mmc"
if [ "$(id -u)" -eq 0 ]; then
  chmod o+x "$work"
  cp "$cisim" "$work/cisim" && cp "$mmc" "$work/mmc.yaml" && chmod o+rx "$work/cisim" && chmod o+r "$work/mmc.yaml"
  as_user=(runuser -u nobody --) ro_cisim="$work/cisim" ro_mmc="$work/mmc.yaml"
fi
check "read-only output directory: refused before the run" 2 "--out .*readonly: cannot write into the directory" \
  "${as_user[@]}" "$ro_cisim" run "$ro_mmc" --replications 2 --set horizon=2d --out "$work/readonly"
# solve: targets in the metric's unit, JSON, and real keys searched as reals whatever the bounds.
check "solve target with a unit" 0 "^answer: facilities.station.officers.count = 11 meets wait_hours_mean<30s" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=9:14 --target 'wait_hours_mean<30s' --set horizon=3d -r 3
check "solve target unit mismatch" 2 "'30 parsecs' is not a duration \\(such as 6min or 1.5h\\) for wait_hours_mean" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=9:14 --target 'wait_hours_mean<30 parsecs'
check "solve json" 0 '"ci_straddles_target": (true|false)' \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=9:14 --target 'wait_hours_mean<30s' --set horizon=3d -r 3 --format json
check "real key, whole bounds" 0 "" "$cisim" sweep "$mmc" --vary facilities.station.officers.scale=1:2:3 --set horizon=2d -r 2 --db "$work/real.db" -q
if [ "$(sqlite3 "$work/real.db" "select group_concat(text, ' ') from varied order by point")" = "1 1.5 2" ]; then pass; else
  fail "a real key with whole bounds: $(sqlite3 "$work/real.db" "select group_concat(text, ' ') from varied")"; fi

# --trace: per-shipment records, bounded, checked before the run.
check "trace" 0 "trace of [0-9]+ shipments written" "$cisim" run "$mmc" -r 2 --set horizon=2d --trace "$work/trace.csv" --format json
if head -1 "$work/trace.csv" | grep -q "^run_id,replication,record,time,hours,arrived,facility,stream,mode,origin,category,seller,lot,items,declared_value_usd,true_value_usd,entry,selection_reason,blitz,waited_hours,method,violations_carried,violations_found,outcome,duty_usd,penalty_usd$" \
  && [ "$(grep -c ',inspected,' "$work/trace.csv")" -gt 1000 ] && ! ls "$work" | grep -q tmp; then
  pass
else
  fail "trace: header or rows wrong, or a temporary file left"
fi
check "trace limit" 0 "the trace holds the first 5 records of each replication; .* more did not fit within --trace-limit 10" "$cisim" run "$mmc" -r 2 --set horizon=2d --trace "$work/t.csv" --trace-limit 10
if [ "$(wc -l <"$work/t.csv")" -eq 11 ]; then pass; else fail "trace limit: $(wc -l <"$work/t.csv") lines, expected 11"; fi
check "trace share out of range" 2 "--trace-released '150%': fraction '150%' must be between 0 and 1" \
  "$cisim" run "$mmc" --trace "$work/t.csv" --trace-released 150%
# An output that names the scenario file would overwrite what the user wrote.
cp "$mmc" "$work/own.yaml"
check "trace refuses to write over the scenario" 2 "--trace $work/own.yaml: that is the input '$work/own.yaml', which writing would destroy" \
  "$cisim" run "$work/own.yaml" --trace "$work/own.yaml"
check "report refuses to write over the scenario" 2 "--report $work/own.yaml: that is the input" "$cisim" run "$work/own.yaml" --report "$work/own.yaml"
check "calibrate refuses to write over the scenario" 2 "--out $work/own.yaml: that is the input" \
  "$cisim" calibrate "$work/own.yaml" --vary random_rate=0.5:1 --target "inspected=1000±100" --out "$work/own.yaml"
cmp -s "$mmc" "$work/own.yaml" && pass || fail "the scenario was changed by a refused output"
# A weekly profile of subnormal entries is flat once scaled to mean 1 (its scale overflowed).
check "a profile of subnormal entries runs" 0 "Shipments arrived" "$cisim" run "$mmc" -r 1 --set horizon=2d \
  --set 'streams.poisson.arrivals.weekly_profile=[1e-320,1e-320,1e-320,1e-320,1e-320,1e-320,1e-320]'
tiny="$("$cisim" run "$mmc" -r 1 --set horizon=2d --set 'streams.poisson.arrivals.weekly_profile=[1e-320,1e-320,1e-320,1e-320,1e-320,1e-320,1e-320]' | grep "Shipments arrived")"
flat="$("$cisim" run "$mmc" -r 1 --set horizon=2d | grep "Shipments arrived")"
[ -n "$flat" ] && [ "$tiny" = "$flat" ] && pass || fail "subnormal profile: '$tiny' against the flat '$flat'"
check "trace limit out of range" 2 "--trace-limit 0: expected 1 to 10000000 records" "$cisim" run "$mmc" --trace "$work/t.csv" --trace-limit 0
check "trace options without --trace" 2 "need --trace FILE.csv" "$cisim" run "$mmc" --trace-released 1%
check "trace into a missing directory fails before the run" 2 "--trace $work/no/t.csv: the directory '$work/no' does not exist" \
  "$cisim" run "$mmc" --trace "$work/no/t.csv"

# calibrate: two keys of the M/M/c station to a throughput and a utilization target; the
# fitted file runs and gives the numbers the fit reported; mistakes are usage errors.
cal=(--set horizon=2d --set warmup=0s -r 3 --vary streams.poisson.arrivals.rate=3/min:15/min
     --vary facilities.station.methods.xray.duration.mean=0.3min:2min --start streams.poisson.arrivals.rate=4/min
     --target 'throughput_per_hour@facility:station=480±10' --target 'officer_utilization@facility:station=60%+-2%')
check "calibrate meets both targets" 0 "officer_utilization@facility:station +60%\+-2% +[0-9.]+% ± [0-9.]+ pp +yes" \
  "$cisim" calibrate "$mmc" "${cal[@]}" --out "$work/fitted.yaml"
fitted_util="$("$cisim" calibrate "$mmc" "${cal[@]}" --format json | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["targets"][1]["simulated"]["mean"], j["all_met"])')"
run_util="$("$cisim" run "$work/fitted.yaml" --format json | python3 -c 'import json,sys; j=json.load(sys.stdin); print(next(m["mean"] for m in j["metrics"] if m["scope"]=="facility" and m["metric"]=="officer_utilization"), True)')"
# The include is relative to the fitted file when the scenario is near it, else absolute: either
# way it names the scenario.
included="$(sed -n 's/^include: //p' "$work/fitted.yaml")"
if [ -n "$fitted_util" ] && [ "$fitted_util" = "$run_util" ] && [ "$(cd "$work" && realpath "$included")" = "$(realpath "$mmc")" ] \
  && grep -q "^name: queue_mmc_calibrated$" "$work/fitted.yaml" && grep -q "^replications: 3$" "$work/fitted.yaml"; then pass; else
  fail "calibrate --out: the fitted file gives '$run_util', the fit '$fitted_util'"; head -20 "$work/fitted.yaml"; fi
# A target whose mean is within the tolerance but whose CI is not is met by the mean only: said
# in the table with the replications that would show it, a warning, exit 0; the json's "met"
# is the evidence's.
by_mean=("$cisim" calibrate "$mmc" --set horizon=2d --set warmup=0s -r 2 --vary streams.poisson.arrivals.rate=3/min:15/min
         --target 'officer_utilization@facility:station=60%±0.6%' --max-evaluations 12 -q)
check "calibrate: met by the mean, not by the evidence" 0 "met by the mean \(about [0-9]+ replications would show it\)" "${by_mean[@]}"
check "calibrate: the warning says so" 0 "warning: .* met by the mean only" "${by_mean[@]}"
[ "$("${by_mean[@]}" --format json 2>/dev/null | python3 -c 'import json,sys; j=json.load(sys.stdin); t=j["targets"][0]; print(t["met"], t["met_by_mean"], t["replications_to_show"] > 2, j["all_met"], j["all_met_by_mean"])')" = "False True True False True" ] \
  && pass || fail "calibrate --format json: met by the mean is not told apart"
check "calibrate exit 1 when a target cannot be met" 1 "not every target is met" \
  "$cisim" calibrate "$mmc" --set horizon=1d --set warmup=0s -r 2 --vary streams.poisson.arrivals.rate=3/min:4/min --target 'throughput_per_hour@facility:station=900±5' --max-evaluations 8
check "calibrate target without tolerance" 2 "a tolerance is needed" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min:4/min --target 'throughput_per_hour=900'
check "calibrate unknown metric" 2 "no metric 'throughput_per_hr' in scope facility:station; did you mean 'throughput_per_hour'" \
  "$cisim" calibrate "$mmc" --set horizon=1d --set warmup=0s -r 2 --vary streams.poisson.arrivals.rate=3/min:4/min --target 'throughput_per_hr@facility:station=900±5'
check "calibrate unknown scope kind" 2 "unknown target's scope 'facilty'; did you mean 'facility'" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min:4/min --target 'throughput_per_hour@facilty:station=900±5'
check "calibrate start outside range" 2 "--start streams.poisson.arrivals.rate=9/min: outside the range 3/min to 4/min" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min:4/min --start streams.poisson.arrivals.rate=9/min --target 'throughput_per_hour=900±5'
check "calibrate start of another key" 2 "'streams.poisson.arrivals.rat' is not a --vary key; did you mean 'streams.poisson.arrivals.rate'" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min:4/min --start streams.poisson.arrivals.rat=3.5/min --target 'throughput_per_hour=900±5'
check "calibrate unknown algorithm" 2 "unknown algorithm 'bobyka'; did you mean 'bobyqa'" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min:4/min --target 'throughput_per_hour=900±5' --algorithm bobyka
check "calibrate one bound" 2 "calibrate needs two bounds, LO:HI \\(for example streams.poisson.arrivals.rate=1:5\\), found one value" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min --target 'throughput_per_hour=900±5'
check "solve one bound" 2 "solve needs two bounds, LO:HI" \
  "$cisim" solve "$mmc" --vary facilities.station.officers.count=10 --target 'wait_hours_mean<0.001'
check "calibrate list not range" 2 "calibrate needs a range LO:HI, not a list" \
  "$cisim" calibrate "$mmc" --vary streams.poisson.arrivals.rate=3/min,4/min --target 'throughput_per_hour=900±5'
check "calibrate invalid value" 2 "facilities.station.officers.count = -2 does not give a valid scenario" \
  "$cisim" calibrate "$mmc" --set horizon=1d --set warmup=0s -r 2 --vary facilities.station.officers.count=-2:-1 --target 'throughput_per_hour=900±5'

# --trace samples items refused under EO 13904's measures like releases, as 'refused'.
cat > "$work/posts.yaml" <<'EOF'
format_version: 1
name: posts
description: "one foreign post scored weekly"
start_date: 2020-04-01
horizon: 28d
categories:
  goods: {value: {dist: lognormal, mean: 40 USD, sd: 30 USD}, prevalence: {counterfeit: 6%}}
origins:
  CN: {}
facilities:
  imf:
    kind: international_mail
    officers: {count: 20}
    methods: {physical: {duration: {dist: constant, value: 2min}, sensitivity: {counterfeit: 90%}}}
streams:
  post: {facility: imf, mode: postal, arrivals: {rate: 2000/d}, origin_mix: {CN: 100%}, category_mix: {goods: 100%}, advance_data: 40%}
policies:
  random_rate: 1%
  post_scoring: {posts: [CN], quarter: 7d, threshold: 70%, prioritize_after: 1, request_data_after: 2, block_after: 3}
EOF
check "trace of refused items" 0 "trace of [0-9]+ shipments written" "$cisim" run "$work/posts.yaml" -r 1 --trace "$work/posts.csv" --trace-released 5%
if [ "$(grep -c '^[^,]*,[^,]*,refused,.*,refused,' "$work/posts.csv")" -gt 100 ]; then pass; else fail "trace: no refused records"; head -3 "$work/posts.csv"; fi

# A random audit: its own selection row in the table, never released uninspected; a typo in
# its key is named with the key it meant.
check "audit row" 0 "audit +[0-9,]+ +[0-9,]+" "$cisim" run "$work/posts.yaml" -r 2 --set policies.audit.rate=2%
check "audit typo" 2 "policies.audit.rat.*did you mean 'rate'" "$cisim" run "$work/posts.yaml" --set policies.audit.rat=2%
check "audit rate out of range" 2 "policies.audit.rate" "$cisim" run "$work/posts.yaml" --set policies.audit.rate=120%
check "audit overload warned" 0 "the random audit alone needs [0-9.]+ officers.*never bounded by the waiting_limit" \
  "$cisim" check "$work/posts.yaml" --set facilities.imf.officers.waiting_limit=5 --set facilities.imf.officers.count=1 --set policies.audit.rate=100%
check "audit without its rate" 2 "policies.audit.*rate" "$cisim" check "$work/posts.yaml" --set 'policies.audit={}'

# A spin-up runs before start_date: the reports keep the scenario's start_date, horizon and
# warm-up, and the daily series start at day 0 on start_date; a spin-up of part of a day, and a
# mean tenure under an hour, are located errors.
check "spin-up run" 0 "" "$cisim" run "$work/posts.yaml" -r 1 -q --set spin_up=7d --out "$work/spin"
if grep -q '"spin_up": "7d"' "$work/spin/summary.json" && grep -q "\"start_date\": \"$(sed -n 's/^start_date: //p' "$work/posts.yaml")\"" "$work/spin/summary.json" &&
   [ "$(sed -n 2p "$work/spin/timeseries.csv" | cut -d, -f2,3)" = "$(sed -n 's/^start_date: //p' "$work/posts.yaml"),0" ]; then
  pass
else
  fail "spin-up: summary or daily series not counted from start_date"; grep -E 'spin_up|start_date' "$work/spin/summary.json"; sed -n 2p "$work/spin/timeseries.csv"
fi
check "spin-up in hours" 2 "spin_up: spin-up '12h' must be whole days" "$cisim" check "$work/posts.yaml" --set spin_up=12h
check "mean tenure too short" 2 "sellers.mean_tenure: must be at least 7d" "$cisim" check "$work/posts.yaml" \
  --set 'streams.post.sellers={count: 100}' --set streams.post.sellers.mean_tenure=10h

# Risk by entry channel: an audit's trace measures about 20% for Type 86 entries (advance data,
# twice the 10% prevalence) and 2% for releases from manifest (0.2 times), each of about 7,000
# audited parcels (binomial sd under 0.5 pp: the bounds are 4 sd wide or more).
cat > "$work/channels.yaml" <<'EOF'
format_version: 1
name: channels
description: "express de minimis by entry channel"
seed: 3
replications: 2
start_date: 2024-01-01
horizon: 7d
categories:
  goods:
    value: {dist: lognormal, mean: 40 USD, sd: 30 USD}
    prevalence: {counterfeit: 10%}
facilities:
  hub:
    kind: express_hub
    officers: {count: 40}
    methods: {physical: {duration: {dist: constant, value: 2min}, sensitivity: {counterfeit: 100%}}}
streams:
  express: {facility: hub, mode: express, arrivals: {rate: 5000/d}, category_mix: {goods: 100%}, advance_data: 50%,
            risk_with_advance_data: 2, risk_without_advance_data: 0.2}
policies:
  audit: {rate: 20%}
EOF
check "channel risk run" 0 "trace of [0-9]+ shipments written" "$cisim" run "$work/channels.yaml" --trace "$work/channels.csv"
rates="$(awk -F, 'NR > 1 && $18 == "audit" { n[$17]++; if ($23 != "") v[$17]++ }
  END { printf "%.4f %.4f", v["type86"] / n["type86"], v["de_minimis"] / n["de_minimis"] }' "$work/channels.csv")"
if awk -v r="$rates" 'BEGIN { split(r, x, " "); exit !(x[1] > 0.18 && x[1] < 0.22 && x[2] > 0.01 && x[2] < 0.03) }'; then
  pass
else
  fail "channel risk: audited Type 86 and manifest rates $rates, expected about 0.20 and 0.02"
fi
# The stream's entry channel, not its data, decides which de minimis parcels are Type 86: an
# express carrier's manifest stream has none (its audit is all 'de_minimis'), a broker's stream
# all, and a Type 86 stream without every parcel's data is a located error.
if out="$("$cisim" run "$work/channels.yaml" -r 1 -f csv --set streams.express.de_minimis_entry=manifest)" &&
  grep -q ",run,all,type86,[^,]*,shipments,0," <<<"$out" && grep -q ",run,all,de_minimis,[^,]*,shipments,[1-9]" <<<"$out" &&
  grep -q "audit_channel,de_minimis,inspected" <<<"$out" && ! grep -q "audit_channel,type86" <<<"$out"; then
  pass
else
  fail "entry channel: a manifest stream's audit was not all de_minimis"
fi
check "entry channel: type86" 0 "audit_channel,type86,discrepancy_rate,.*,0\.(19|20|21|22)[0-9]*," "$cisim" run "$work/channels.yaml" -r 1 -f csv \
  --set streams.express.de_minimis_entry=type86 --set streams.express.advance_data=100%
check "entry channel: type86 needs data" 2 "channels.yaml:[0-9]+:[0-9]+: error: streams.express.advance_data: a stream entered as Type 86 files every shipment's data: advance_data must be 100%, found 50%" \
  "$cisim" check "$work/channels.yaml" --set streams.express.de_minimis_entry=type86
check "entry channel: postal" 0 "audit_channel,postal,inspected,.*,shipments,[1-9]" "$cisim" run "$work/channels.yaml" -r 1 -f csv \
  --set streams.express.de_minimis_entry=postal
check "entry channel: did you mean" 2 "unknown value 'manifst'; did you mean 'manifest'\?" "$cisim" check "$work/channels.yaml" --set streams.express.de_minimis_entry=manifst
check "channel risk with posts' data" 2 "risk_without_advance_data: risk by advance data cannot be set for a postal stream" \
  "$cisim" check "$work/posts.yaml" --set streams.post.risk_without_advance_data=0.5 --set 'policies.post_scoring.improves={CN: 90%}'

# Dated values: a schedule's steps take effect at 00:00 of their dates (the daily series show
# the officers and the audit change), and a schedule that starts late, runs past the horizon,
# goes back in time or has a key that is not a date is a located error.
check "dated run" 0 "" "$cisim" run "$work/channels.yaml" -r 1 -q --out "$work/dated" \
  --set 'facilities.hub.officers.count={2024-01-01: 40, 2024-01-04: 10}' --set 'policies.audit.rate={2024-01-01: 0%, 2024-01-05: 20%}'
series="$(awk -F, '$5 == "all" && ($6 == "officers_on_duty_mean" || $6 == "selected_audit") { printf "%s:%s:%.0f ", $3, $6, $8 }' "$work/dated/timeseries.csv")"
if grep -q "2:officers_on_duty_mean:40 .*3:officers_on_duty_mean:10 " <<<"$series" && grep -q "3:selected_audit:0 .*4:selected_audit:[1-9]" <<<"$series"; then
  pass
else
  fail "dated values: officers or audit did not change on their dates: $series"
fi
# The audit's own scope by entry channel gives the same split as the trace.
check "audit by entry channel" 0 "audit_channel,type86,discrepancy_rate,.*,0\.(19|20|21)[0-9]*," \
  "$cisim" run "$work/channels.yaml" -f csv
# The offered-load check takes each dated period on its own and names the worst.
check "dated: overload in one period" 0 "warning: facilities.hub: from 2024-01-01 to 2024-01-02, offered load needs 1.39 officers on average but 1.00 are on duty; the waiting line will grow all through that period" \
  "$cisim" check "$work/channels.yaml" --set 'facilities.hub.officers.count={2024-01-01: 1, 2024-01-03: 40}'
# Few officers only once the audit has stopped: no period is overloaded, so no warning.
if out="$("$cisim" check "$work/channels.yaml" --set 'facilities.hub.officers.count={2024-01-01: 40, 2024-01-03: 2}' \
  --set 'policies.audit.rate={2024-01-01: 20%, 2024-01-03: 0%}' 2>&1)" && ! grep -q "warning" <<<"$out"; then
  pass
else
  fail "dated: a period without overload warned: $out"
fi
# Fiscal years and months: a run from 2023-09-25 for 14 days spans FY2023 and FY2024 and two
# months; each period's arrivals add up to the run's, and the table reads year by year.
check "fiscal years in the table" 0 "^FY2024 +[0-9,]+" "$cisim" run "$work/channels.yaml" -r 1 \
  --set start_date=2023-09-25 --set horizon=14d
if sums="$("$cisim" run "$work/channels.yaml" -r 1 --set start_date=2023-09-25 --set horizon=14d -f csv |
  awk -F, '$4 == "arrivals" { s[$2] += $7 } $4 == "arrivals" && $2 == "fiscal_year" { y = y $3 " " }
    END { printf "%s%.0f %.0f %.0f", y, s["run"], s["fiscal_year"], s["month"] }')" &&
  awk -v s="$sums" 'BEGIN { n = split(s, x, " "); exit !(x[1] == "FY2023" && x[2] == "FY2024" && x[3] > 0 && x[3] == x[4] && x[3] == x[5]) }'; then
  pass
else
  fail "fiscal years: the years' and months' arrivals do not add up to the run's: $sums"
fi
check "calibrate reads a fiscal year" 2 "no fiscal_year 'FY2022'; did you mean 'FY2024'\\?" "$cisim" calibrate \
  "$work/channels.yaml" -r 2 --vary prevalence_scale.counterfeit=0.5:2 --target 'counterfeit_rate@fiscal_year:FY2022=10%±1%'
# A dated stream risk (risky trade leaving a channel) changes the prevalence of what arrives from
# its date, on both paths: the 1% audit (about 2,000 parcels a day) measures about 11% (a mean
# risk of 1.1 across the channels) for 3 days, then about 2.2% (binomial sd about 0.7 and 0.35 pp).
for path in aggregated exact; do
  check "dated risk: $path run" 0 "" "$cisim" run "$work/channels.yaml" -r 1 -q --out "$work/risk-$path" --set simulation=$path \
    --set streams.express.arrivals.rate=200000/d --set policies.audit.rate=1% --set 'streams.express.risk_multiplier={2024-01-01: 1, 2024-01-04: 0.2}'
  series="$(awk -F, '$5 == "all" && $6 == "discrepancy_rate" { printf "%s:%.4f ", $3, $8 }' "$work/risk-$path/timeseries.csv")"
  if awk -v s="$series" 'BEGIN { n = split(s, x, " "); ok = n == 7
      for (i = 1; i <= n; i++) { split(x[i], p, ":"); if (p[1] < 3) ok = ok && p[2] > 0.08 && p[2] < 0.14; else ok = ok && p[2] > 0.01 && p[2] < 0.035 }
      exit !ok }'; then
    pass
  else
    fail "dated risk ($path): daily audit rates $series, expected about 0.11 for days 0-2 and 0.022 after"
  fi
done
check "dated: first date late" 2 "policies.audit.rate: the first date, 2024-01-03, is after start_date 2024-01-01" \
  "$cisim" check "$work/channels.yaml" --set 'policies.audit.rate={2024-01-03: 1%}'
# A step past the horizon (a history run over part of its years) is left out, with one warning.
check "dated: past the horizon" 0 "warning: facilities.hub.officers.count: 2024-02-01 is past the horizon \(its last day is 2024-01-07\): the steps from it on never apply in this run, nor those past the horizon of 1 other dated key$" \
  "$cisim" check "$work/channels.yaml" --set 'policies.audit.rate={2024-01-01: 1%, 2024-01-08: 2%, 2024-01-09: 3%}' \
  --set 'facilities.hub.officers.count={2024-01-01: 40, 2024-02-01: 41}'
check "dated: out of order" 2 "dates must come in order" \
  "$cisim" check "$work/channels.yaml" --set 'streams.express.arrivals.rate={2024-01-01: 5000/d, 2023-12-01: 10/d}'
check "dated: not a date" 2 "key 'monday' is not a date YYYY-MM-DD" \
  "$cisim" check "$work/channels.yaml" --set 'facilities.hub.officers.count={monday: 3}'
check "dated: value unit" 2 "arrivals.rate.2024-01-01: rate '5000' has no time unit" \
  "$cisim" check "$work/channels.yaml" --set 'streams.express.arrivals.rate={2024-01-01: 5000}'

# A bounded risk-ranked line is counted by class (the selections its bar admits are drawn one
# by one), and a typo in the order is named with the word it meant.
check "ranked line run" 0 "simulation: aggregated \([0-9.]+% of shipments counted by class\)" \
  "$cisim" run "$work/channels.yaml" -r 1 --set 'policies.targeting={threshold: 1%, line_order: score}' \
  --set facilities.hub.officers.waiting_limit=5 --set streams.express.arrivals.rate=100000/d --set policies.audit.rate=0.1%
check "ranked line typo" 2 "line_order: unknown value 'scor'; did you mean 'score'" \
  "$cisim" check "$work/channels.yaml" --set 'policies.targeting={threshold: 1%, line_order: scor}'
check "dated with a spin-up before the first date" 0 "" "$cisim" run "$work/channels.yaml" -r 1 -q --set spin_up=3d \
  --set 'policies.audit.rate={2024-01-01: 10%, 2024-01-03: 0%}'
check "dated examination time" 0 "" "$cisim" run "$work/channels.yaml" -r 1 -q \
  --set 'facilities.hub.methods.physical.duration_scale={2024-01-01: 1, 2024-01-04: 2.5}'
check "examination time scale out of range" 2 "duration_scale.2024-01-04: must be at most 100" "$cisim" check "$work/channels.yaml" \
  --set 'facilities.hub.methods.physical.duration_scale={2024-01-01: 1, 2024-01-04: 250}'

# A daily profile keeps its first entry on start_date when a spin-up runs before it.
check "daily profile after a spin-up" 0 "" "$cisim" run "$work/channels.yaml" -r 1 -q --set spin_up=5d --set horizon=4d \
  --set 'streams.express.arrivals.daily_profile=[1, 1, 3, 1]' --out "$work/daily"
if awk -F, '$5 == "all" && $6 == "arrivals" { v[$3] = $8 } END { exit !(v[2] > 2 * v[1] && v[2] > 2 * v[3]) }' "$work/daily/timeseries.csv"; then
  pass
else
  fail "daily profile after a spin-up: the peak is not on day 2"; grep ',all,arrivals,' "$work/daily/timeseries.csv"
fi

finish
