#!/usr/bin/env bash
# Digests of the outputs of two consecutive runs over the shared corpus, for checking that a
# change of code leaves every output byte-identical. The first run reads the corpus without its
# IEEE files, the second the whole corpus, so `changes.csv` of the second run is not empty.
# Prints the SHA-256 of the second run's CSV files and of the report's text, in which the run's
# own facts (run id, start and end times, durations) are replaced by placeholders.
#
#   scripts/output-digests.sh [--binary PATH] [--keep DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binary=""
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
done
corpus=$root/../shared/corpus
[ -d "$corpus" ] || { echo "no shared corpus at $corpus" >&2; exit 66; }
if [ -z "$binary" ]; then
    (cd "$root" && swift build -c release --product landscape >&2)
    binary=$root/.build/release/landscape
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

config() { # $1: whether to read the IEEE files
    sed -e "s#\.\./\.\./shared/corpus#$corpus#" -e "s#\.\./Inputs#$root/Inputs#g" \
        -e "s#directory: \.\./Outputs/corpus#directory: $work/out#" "$root/scripts/corpus-pipeline.yaml" |
        if [ "$1" = yes ]; then cat; else awk '/name: ieee/{skip=3} skip>0{skip--; next} {print}'; fi
}
config no > "$work/first.yaml"
config yes > "$work/second.yaml"
"$binary" run --config "$work/first.yaml" > /dev/null 2> "$work/first.log" || { cat "$work/first.log" >&2; exit 1; }
"$binary" run --config "$work/second.yaml" > /dev/null 2> "$work/second.log" || { cat "$work/second.log" >&2; exit 1; }

out=$work/out
python3 - "$out/report.html" > "$out/report.txt" <<'PY'
import html, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"<style.*?</style>|<script.*?</script>", "", text, flags=re.S)
text = html.unescape(re.sub(r"<[^>]+>", " ", text))
text = re.sub(r"\d{8}T\d{6}Z-\d+", "RUN-ID", text)
text = re.sub(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?", "TIME", text)
text = re.sub(r"\d+(\.\d+)? s\b", "N s", text)
print("\n".join(line.strip() for line in text.splitlines() if line.strip()))
PY
cd "$out"
sha256sum standards.csv participation.csv participation_summary.csv quarantine.csv changes.csv report.txt
if [ -n "$keep" ]; then rm -rf "$keep"; cp -r "$out" "$keep"; fi
