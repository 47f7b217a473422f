#!/usr/bin/env bash
# End-to-end benchmarks on release builds: medians of RUNS runs (default 3) of wall time and
# peak RSS, measured with /usr/bin/time -v, for
#   (a) the whole shared corpus (115,578 records), `landscape run --config scripts/corpus-pipeline.yaml`;
#   (b) a synthetic catalog of 9 copies of the corpus (1,040,202 records), made once with
#       scripts/synthesize-catalog.py into .build-bench/synthetic;
#   (c) the memory ceiling: 5 GB (decompressed) of small records in 10 gzipped files, made once
#       with scripts/synthesize-small-records.py into .build-bench/small5g, run with the default
#       limits (only with --only ceiling: it answers another question than speed);
#   (d) the bare xmlTextReader floor (Benchmarks/Sources/xmlreader-floor) over the same files,
#       single-threaded and with one job per core.
# Prints a table, the stage timings of each scenario's last run (from its manifest.json), the
# machine, and the goals: (a) < 5 s; (b) < 60 s and < 2 GiB; end to end <= 3x the floor.
#
#   scripts/benchmark.sh [--runs N] [--only corpus|synthetic|ceiling] [--binary PATH]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
only=""
binary=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
done
corpus=$root/../shared/corpus
[ -d "$corpus" ] || { echo "no shared corpus at $corpus" >&2; exit 66; }
bench=$root/.build-bench
mkdir -p "$bench"

if [ -z "$binary" ]; then
    echo "building landscape (release)" >&2
    (cd "$root" && swift build -c release --product landscape >&2)
    binary=$root/.build/release/landscape
fi
floor=$bench/xmlreader-floor
if [ ! -x "$floor" ] || [ "$root/Benchmarks/Sources/xmlreader-floor/ReaderFloor.swift" -nt "$floor" ]; then
    echo "building the xmlTextReader floor (release)" >&2
    swiftc -O -swift-version 6 -parse-as-library -I "$root/Benchmarks/Sources/CLibXML2Floor" -Xcc -I/usr/include/libxml2 \
        "$root/Benchmarks/Sources/xmlreader-floor/ReaderFloor.swift" -o "$floor"
fi

synthetic=$bench/synthetic
if [ "$only" != "corpus" ] && [ "$only" != "ceiling" ] && [ ! -f "$synthetic/.complete" ]; then
    echo "writing the synthetic catalog (9 copies of the corpus) into $synthetic" >&2
    rm -rf "$synthetic"
    python3 "$root/scripts/synthesize-catalog.py" "$corpus" "$synthetic" --copies 9 >&2
    touch "$synthetic/.complete"
fi
cat > "$bench/synthetic-pipeline.yaml" <<YAML
sources:
  - name: iso
    format: niso-sts
    paths: ["$synthetic/iso/*.xml.gz"]
  - name: iec
    format: niso-sts
    paths: ["$synthetic/iec/*.xml.gz"]
  - name: ieee
    format: ieee-idams
    paths: ["$synthetic/ieee/*.xml.gz"]
committees:
  - format: iso-open-data
    paths: ["$root/Inputs/committees/iso_technical_committees.jsonl"]
  - format: landscape-committees
    paths: ["$root/Inputs/committees/cen-cenelec.yaml", "$root/Inputs/committees/ieee.yaml"]
output:
  directory: $bench/out-synthetic
error_budget: 0.01
scoring:
  taxonomy: $root/Inputs/taxonomy.yaml
participation:
  members: ["$root/Inputs/committees/iso_members.csv"]
history:
  keep_runs: 2
YAML

# measure NAME COMMAND...: runs it $runs times under /usr/bin/time -v; records wall seconds and peak KiB.
results=$bench/results.tsv
: > "$results"
measure() {
    local name=$1
    shift
    for run in $(seq 1 "$runs"); do
        local log=$bench/time-$name-$run.log
        if ! /usr/bin/time -v -o "$log" "$@" > "$bench/stdout-$name-$run.log" 2> "$bench/stderr-$name-$run.log"; then
            echo "$name run $run failed (see $bench/stderr-$name-$run.log)" >&2
            tail -n 5 "$bench/stderr-$name-$run.log" >&2
        fi
        local wall rss cpu
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
        cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
        printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$rss" "$cpu" >> "$results"
        echo "  $name run $run: ${wall} s wall, ${cpu} s CPU, $((rss / 1024)) MiB (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
}

corpus_files=("$corpus"/iso/*.xml.gz "$corpus"/iec/*.xml.gz "$corpus"/ieee/*.xml.gz)
if [ "$only" != "synthetic" ] && [ "$only" != "ceiling" ]; then
    echo "(a) whole corpus: ${#corpus_files[@]} files" >&2
    rm -rf "$bench/out-corpus"
    measure corpus-landscape "$binary" run --config "$root/scripts/corpus-pipeline.yaml" --output "$bench/out-corpus" --quiet
    measure corpus-floor-1job "$floor" --jobs 1 "${corpus_files[@]}"
    measure corpus-floor-"$(nproc)"jobs "$floor" --jobs "$(nproc)" "${corpus_files[@]}"
fi
if [ "$only" = "ceiling" ]; then
    small=$bench/small5g
    if [ ! -f "$small/.complete" ]; then
        echo "writing 5 GB of small records into $small" >&2
        rm -rf "$small"
        python3 "$root/scripts/synthesize-small-records.py" "$small" --gigabytes 5 --files 10 >&2
        touch "$small/.complete"
    fi
    sed -e "s|paths: \[\"$synthetic/iso/\*.xml.gz\"\]|paths: [\"$small/*.xml.gz\"]|" \
        -e "/name: iec/,+2d" -e "/name: ieee/,+2d" -e "s|out-synthetic|out-ceiling|" \
        "$bench/synthetic-pipeline.yaml" > "$bench/ceiling-pipeline.yaml"
    rm -rf "$bench/out-ceiling"
    echo "(c) memory ceiling: $(ls "$small"/*.xml.gz | wc -l) files" >&2
    measure ceiling-landscape "$binary" run --config "$bench/ceiling-pipeline.yaml" --quiet
    python3 - "$bench/out-ceiling/manifest.json" "$bench/out-ceiling/quarantine.csv" <<'PY'
import csv, json, sys
manifest = json.load(open(sys.argv[1]))
print(f"ceiling: {manifest['counts']['records']} records kept, {manifest['counts']['standards']} standards, exit {manifest['exit_status']}")
for row in csv.DictReader(open(sys.argv[2])):
    print(f"  quarantine: {row['file'].rsplit('/', 1)[-1]}: {row['reason']}")
PY
elif [ "$only" != "corpus" ]; then
    synthetic_files=("$synthetic"/iso/*.xml.gz "$synthetic"/iec/*.xml.gz "$synthetic"/ieee/*.xml.gz)
    echo "(b) synthetic catalog: ${#synthetic_files[@]} files" >&2
    rm -rf "$bench/out-synthetic"
    measure synthetic-landscape "$binary" run --config "$bench/synthetic-pipeline.yaml" --quiet
    measure synthetic-floor-1job "$floor" --jobs 1 "${synthetic_files[@]}"
    measure synthetic-floor-"$(nproc)"jobs "$floor" --jobs "$(nproc)" "${synthetic_files[@]}"
fi

python3 - "$results" "$bench" "$runs" <<'PY'
import json, os, statistics, sys
results, bench, runs = sys.argv[1], sys.argv[2], sys.argv[3]
rows = {}
for line in open(results):
    name, wall, rss, cpu = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((float(wall), int(rss), float(cpu)))
median = {name: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for name, v in rows.items()}
cpu_median = {name: statistics.median(r[2] for r in v) for name, v in rows.items()}
print(f"\nmedians of {runs} runs (wall s, user+sys CPU s, peak RSS MiB):")
for name, (wall, rss) in median.items():
    walls = ", ".join(f"{r[0]:.2f}" for r in rows[name])
    print(f"  {name:28s} {wall:8.2f} s  {cpu_median[name]:8.2f} s CPU  {rss / 1024:8.0f} MiB   (wall per run: {walls})")
for scenario, out in (("corpus", "out-corpus"), ("synthetic", "out-synthetic")):
    manifest = os.path.join(bench, out, "manifest.json")
    if f"{scenario}-landscape" not in median or not os.path.exists(manifest):
        continue
    data = json.load(open(manifest))
    timings = ", ".join(f"{k} {v:.2f}" for k, v in sorted(data.get("timings", {}).items(), key=lambda kv: -kv[1]))
    counts = data.get("counts", {})
    print(f"\n{scenario}: {counts.get('records')} records -> {counts.get('standards')} standards, "
          f"{counts.get('quarantined')} quarantined, exit {data.get('exit_status')}")
    print(f"  stage seconds (last run): {timings}")
    wall, rss = median[f"{scenario}-landscape"]
    for floor in sorted(k for k in median if k.startswith(scenario + "-floor")):
        print(f"  end to end / {floor}: {wall / median[floor][0]:.2f}x")
goals = []
if "corpus-landscape" in median:
    goals.append(("(a) corpus < 5 s wall", median["corpus-landscape"][0] < 5))
if "synthetic-landscape" in median:
    goals.append(("(b) 1M records < 60 s wall", median["synthetic-landscape"][0] < 60))
    goals.append(("(b) 1M records < 2 GiB peak", median["synthetic-landscape"][1] < 2 * 1024 * 1024))
for scenario in ("corpus", "synthetic"):
    floors = [k for k in median if k.startswith(scenario + "-floor-1job")]
    if f"{scenario}-landscape" in median and floors:
        goals.append((f"{scenario}: end to end <= 3x the single-threaded floor",
                      median[f"{scenario}-landscape"][0] <= 3 * median[floors[0]][0]))
print("\ngoals:")
for goal, met in goals:
    print(f"  {'met   ' if met else 'MISSED'} {goal}")
PY
echo
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores: compare CPU seconds too)"
echo "machine: $(nproc) cores ($(lscpu | awk -F': *' '/Model name/ { print $2; exit }')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "landscape: $binary"
