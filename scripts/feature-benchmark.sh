#!/usr/bin/env bash
# What the optional parts of a run cost on the whole shared corpus, measured with /usr/bin/time
# on release builds, RUNS runs of each case in turn (so that load shifts hit every case alike):
#   policy       the corpus plus Inputs/cen-cenelec, with and without `policy:` (the project's files)
#   terms        the corpus with the terms clauses read (the default) and with `terminology:
#                {terms_clauses: false}`
#   history      10 runs in a row into one history (keep_runs 10) by BASELINE (an earlier build,
#                without committee snapshots) and by this build: the 10th run's time and the
#                history's size
# Prints one line per run: case, wall s, CPU s (user + system), peak MiB; and the history sizes.
#
#   scripts/feature-benchmark.sh [--runs N] [--binary PATH] [--baseline PATH] [--only policy|terms|history]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
binary=$root/.build/release/landscape
baseline=""
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        --baseline) baseline=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
done
[ -d "$root/../shared/corpus" ] || { echo "no shared corpus at $root/../shared/corpus" >&2; exit 66; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A corpus config with absolute paths and its own output folder; $1: name, $2: source config.
config() {
    sed -e "s#\.\./\.\./shared/corpus#$root/../shared/corpus#" -e "s#\.\./Inputs#$root/Inputs#g" \
        -e "s#directory: \.\./Outputs/[a-z-]*#directory: $work/out-$1#" "$root/scripts/$2" > "$work/$1.yaml"
}

measure() { # $1: case, $2: binary, $3: config
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$2" run --config "$3" > /dev/null 2> "$work/stderr" ||
        { cat "$work/stderr" >&2; exit 1; }
    read -r wall user system rss < "$work/time"
    printf '%-22s %6.2f s wall %6.2f s CPU %6d MiB\n' "$1" "$wall" "$(echo "$user + $system" | bc)" "$((rss / 1024))"
}

if [ -z "$only" ] || [ "$only" = policy ]; then
    config policy corpus-policy-pipeline.yaml
    awk '/^policy:/{skip=1} skip&&/^[^ #]/&&!/^policy:/{skip=0} !skip' "$work/policy.yaml" > "$work/no-policy.yaml"
    sed -i "s#out-policy#out-no-policy#" "$work/no-policy.yaml"
    for _ in $(seq "$runs"); do
        measure "without policy" "$binary" "$work/no-policy.yaml"
        measure "with policy" "$binary" "$work/policy.yaml"
    done
fi

if [ -z "$only" ] || [ "$only" = terms ]; then
    config terms corpus-pipeline.yaml
    { cat "$work/terms.yaml"; printf 'terminology:\n  terms_clauses: false\n'; } > "$work/no-terms.yaml"
    sed -i "s#out-terms#out-no-terms#" "$work/no-terms.yaml"
    for _ in $(seq "$runs"); do
        measure "terms clauses skipped" "$binary" "$work/no-terms.yaml"
        measure "terms clauses read" "$binary" "$work/terms.yaml"
    done
fi

if [ -z "$only" ] || [ "$only" = history ]; then
    [ -n "$baseline" ] || { echo "history: --baseline PATH (a build without committee snapshots) is needed" >&2; exit 64; }
    for name in baseline current; do
        config "history-$name" corpus-pipeline.yaml
        printf 'history:\n  keep_runs: 10\n' >> "$work/history-$name.yaml"
    done
    for run in $(seq 10); do
        for name in baseline current; do
            bin=$binary; [ "$name" = baseline ] && bin=$baseline
            line=$(measure "history $name" "$bin" "$work/history-$name.yaml")
            [ "$run" -ge 8 ] && echo "$line (run $run)"
        done
    done
    for name in baseline current; do
        printf 'history %-8s after 10 runs: %s bytes\n' "$name" "$(stat -c %s "$work/out-history-$name/history.sqlite")"
    done
fi
