#!/usr/bin/env bash
# Two nightly runs over a copy of Inputs/: the second with the changes scripts/watch-mutate.py
# makes (seats on ISO/IEC JTC 1/SC 42 and a secretariat, a draft entering 40.20, a new proposal).
#
# usage: scripts/watch-demo.sh WORKDIR [LANDSCAPE_BINARY]
# Leaves WORKDIR/Outputs with the second run's outputs and prints its changes.csv and
# open_for_comment.csv.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
work=$1
binary=${2:-.build/release/landscape}
repo=$(cd "$(dirname "$0")/.." && pwd)
[[ ! -e $work ]] || { echo "watch-demo: $work exists; give a new folder" >&2; exit 1; }
mkdir -p "$work"
cp -R "$repo/Inputs" "$work/Inputs"
cp "$repo/Pipeline.yaml" "$work/Pipeline.yaml"
"$binary" run --config "$work/Pipeline.yaml" --quiet
python3 "$repo/scripts/watch-mutate.py" "$work/Inputs"
"$binary" run --config "$work/Pipeline.yaml" --quiet
echo "== changes.csv"; cat "$work/Outputs/changes.csv"
echo "== open_for_comment.csv"; cat "$work/Outputs/open_for_comment.csv"
