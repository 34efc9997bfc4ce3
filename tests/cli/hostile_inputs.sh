#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Inputs too big or too odd to keep in the repository, made here: each must end in exit code
# 2 with a located message (file:line:column, or the file for a missing one), within 20 s and
# 1 GiB of memory, never a crash or a hang. A valid file with a BOM and CRLF line ends loads.
# Usage: hostile_inputs.sh CISIM SOURCE_DIR
set -u
cisim="$1"
source_dir="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$(dirname "$(realpath "$0")")/lib.sh"
expect() {  # expect NAME EXIT_CODE PATTERN FILE: `cisim check FILE`
  check "$1" "$2" "$3" "$cisim" check "$4"
}

# 100 MB file: refused on its size before it is read.
head -c 104857600 /dev/zero | tr '\0' 'a' > "$work/huge.yaml"
expect "100 MB file" 2 "huge.yaml:1:1: error: file is 104857600 bytes" "$work/huge.yaml"
# Nesting 100,000 levels deep, in flow and in block style.
python3 -c "print('a: ' + '[' * 100000 + ']' * 100000)" > "$work/deep_flow.yaml"
expect "deep flow nesting" 2 "deep_flow.yaml:[0-9]+:[0-9]+: error: .*nesting deeper than" "$work/deep_flow.yaml"
python3 -c "print('- ' * 100000 + 'x')" > "$work/deep_block.yaml"
expect "deep block nesting" 2 "deep_block.yaml:[0-9]+:[0-9]+: error: " "$work/deep_block.yaml"
# Random bytes.
head -c 65536 /dev/urandom > "$work/random.yaml"
expect "random bytes" 2 "random.yaml:[0-9]+:[0-9]+: error: " "$work/random.yaml"
# Numbers that are not numbers.
sed 's/rate: 9\/min/rate: 1e999\/min/' "$source_dir/scenarios/queue_mmc.yaml" > "$work/inf.yaml"
expect "1e999" 2 "inf.yaml:[0-9]+:[0-9]+: error: streams.poisson.arrivals.rate: number '1e999' is out of range" "$work/inf.yaml"
sed 's/rate: 9\/min/rate: nan\/min/' "$source_dir/scenarios/queue_mmc.yaml" > "$work/nan.yaml"
expect "nan" 2 "nan.yaml:[0-9]+:[0-9]+: error: streams.poisson.arrivals.rate: expected a number, found 'nan'" "$work/nan.yaml"
# Not a file.
expect "directory" 2 "error: is a directory" "$work"
expect "missing file" 2 "no_such.yaml: error: no such file" "$work/no_such.yaml"
# A valid file with a UTF-8 byte order mark and CRLF line ends loads like any other.
{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$source_dir/scenarios/queue_mmc.yaml"; } > "$work/bom_crlf.yaml"
expect "BOM and CRLF" 0 "bom_crlf.yaml: ok" "$work/bom_crlf.yaml"

# A device without a size: read up to the limit, not without end.
expect "/dev/zero" 2 "/dev/zero:1:1: error: file is over 16777216 bytes" /dev/zero
# Include fan-out: 11 files each including the next 4 times (4^10 paths) load each file once.
for i in $(seq 0 10); do
  if [ "$i" -lt 10 ]; then n=$((i + 1)); printf 'include: [f%s.yaml, f%s.yaml, f%s.yaml, f%s.yaml]\nk%s: 1\n' $n $n $n $n $i; else printf 'k10: 1\n'; fi > "$work/f$i.yaml"
done
expect "include fan-out" 2 "f0.yaml:1:1: error: missing required key 'format_version'" "$work/f0.yaml"
# A --set key of 65,400 parts: refused, not a recursion that overflows the stack.
check "--set key of 65,400 parts" 2 "^--set:1:1: error: key has 65400 parts; scenario keys have at most 32" \
  "$cisim" check "$source_dir/scenarios/queue_mmc.yaml" --set "$(python3 -c "print('.'.join(['a'] * 65400))")=1"
# Values that pass the parser but no physical bound (decision 0008; fixtures in tests/invalid/bound_*).
check "lognormal sd 1e308 USD" 2 "categories.electronics.value.sd: must be at most 1e\\+09 USD" \
  "$cisim" check "$source_dir/scenarios/navarro_target.yaml" --set 'categories.electronics.value.sd=1e308 USD'
check "lhs of 1e8 points" 2 "--points must be at most 1000000" "$cisim" sweep "$source_dir/scenarios/queue_mmc.yaml" \
  --vary facilities.station.officers.count=10:12:3 --design lhs --points 100000000 --db "$work/x.db"
check "unwritable --out fails before the run" 2 "--out /proc/cisim: cannot create the output directory" \
  "$cisim" run "$source_dir/scenarios/queue_mmc.yaml" --out /proc/cisim

# Files that cannot be read, YAML merge keys, a null --set value, far too many threads.
expect "/proc/self/mem" 2 "/proc/self/mem: error: cannot be read" /proc/self/mem
printf 'base: &b {count: 2}\nofficers:\n  <<: *b\n' > "$work/merge_key.yaml"
expect "merge key" 2 "merge_key.yaml:3:3: error: YAML merge keys \\('<<'\\) are not supported" "$work/merge_key.yaml"
check "--set KEY=~" 2 "^--set:1:9: error: horizon: expected a duration such as '45min', found nothing" \
  "$cisim" check "$source_dir/scenarios/queue_mmc.yaml" --set 'horizon=~'
check "--threads 100000" 2 "--threads must be at most [0-9]+ on this machine" "$cisim" run "$source_dir/scenarios/queue_mmc.yaml" --threads 100000

# A 16 MB flat list: refused on a count of its separators before yaml-cpp builds its tree
# (which took 4 GB); within the 1 GiB that check() allows.
python3 -c "print('a: [' + '1,' * 8388000 + '1]')" > "$work/flat.yaml"
expect "16 MB flat list" 2 "flat.yaml:1:1: error: the file holds about 8388001 values; scenario files are limited to 200000" "$work/flat.yaml"

# An inspection whose bounded parts multiply past the clock (a year per item, a million items
# opened) is capped beyond any run instead of aborting: it never finishes, as the warning says.
check "lot sampling duration product" 0 "selections outran inspection capacity" \
  "$cisim" run "$source_dir/scenarios/lot_sampling_proportion.yaml" -r 1 --set 'streams.*.lot_sampling.time_per_item=365d' \
  --set 'streams.*.items={dist: constant, value: 1000000}' --set 'streams.*.lot_sampling.proportion=100%'
check "mean tenure past a century" 2 "sellers.mean_tenure: must be at most 36500d" \
  "$cisim" check "$source_dir/scenarios/us_fy2019_baseline.yaml" --set 'streams.jfk_imf_mail.sellers.mean_tenure=40000d'

# Memory grows with the facilities, not their square: 1,000 facilities with a stream each run in
# about 100 MB (each of the 1,000 parts once held a pool per facility of the model and lived to
# the end of the replication: 1.1 GB, over check's 1 GiB limit) and their tables in about a second.
{
  printf 'format_version: 1\nname: many\ndescription: "1,000 facilities"\nseed: 1\nreplications: 1\nstart_date: 2024-01-01\nhorizon: 2d\n'
  printf 'categories:\n  goods: {value: {dist: lognormal, mean: 40 USD, sd: 30 USD}, prevalence: {counterfeit: 5%%}}\nfacilities:\n'
  for i in $(seq 0 999); do
    printf '  f%d: {kind: express_hub, officers: {count: 1}, methods: {physical: {duration: {dist: constant, value: 5min}, sensitivity: {counterfeit: 90%%}}}}\n' "$i"
  done
  printf 'streams:\n'
  for i in $(seq 0 999); do printf '  s%d: {facility: f%d, arrivals: {rate: 10/d}, category_mix: {goods: 100%%}}\n' "$i" "$i"; done
  printf 'policies: {random_rate: 10%%}\n'
} > "$work/many.yaml"
check "1,000 facilities within 1 GiB" 0 "f999 " "$cisim" run "$work/many.yaml" -t 2

# Sellers count in the run's memory estimate: 64 replications of a stream of 10 million sellers
# on 64 threads would need about 40 GB; refused before the start with the size, not killed by it.
check "ten million sellers on 64 threads" 2 "GiB" \
  "$cisim" run "$source_dir/scenarios/platform_practices.yaml" --set streams.marketplace.sellers.count=10000000 -r 64 -t 64

finish
