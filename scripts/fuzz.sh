#!/usr/bin/env bash
# Builds the libFuzzer target for the two catalog adapters and runs it for SECONDS.
#
#   scripts/fuzz.sh SECONDS [more libFuzzer flags]
#
# SwiftPM cannot link libFuzzer targets (tools-version >= 5.5), so the target is built here with
# swiftc, module by module, from Sources/{LandscapeModel,XMLStream,Ingest} and the CLibXML2 module
# map, with -sanitize=fuzzer,address. The seed corpus is Fuzz/seeds, the repository's Inputs/ and
# slices of ../shared/corpus (when present); the dictionary is Fuzz/catalog.dict. The corpus that
# libFuzzer grows is kept in .build-fuzz/corpus between runs; crashes go to fuzz-artifacts/.
# One worker on one core: the machine is shared.
set -euo pipefail

seconds=${1:?usage: scripts/fuzz.sh SECONDS [libFuzzer flags]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
sources=${LANDSCAPE_SOURCES:-$root/Sources}
build=$root/.build-fuzz
binary=$build/catalog-fuzzer
mkdir -p "$build/modules" "$build/corpus" "$build/seeds" "$root/fuzz-artifacts"

flags=(-swift-version 6 -sanitize=fuzzer,address -O -g -parse-as-library -wmo -num-threads 0
       -I "$build/modules" -I "$sources/CLibXML2" -Xcc -I/usr/include/libxml2)

newest_source=$(find "$sources/LandscapeModel" "$sources/XMLStream" "$sources/Ingest" "$sources/CLibXML2" \
    "$root/Fuzz/CatalogFuzzer.swift" -type f -newer "$binary" 2>/dev/null | head -n 1 || true)
if [ ! -x "$binary" ] || [ -n "$newest_source" ]; then
    echo "building $binary" >&2
    for module in LandscapeModel XMLStream Ingest; do
        swiftc "${flags[@]}" -module-name "$module" -emit-module -emit-module-path "$build/modules/$module.swiftmodule" \
            -c "$sources/$module"/*.swift -o "$build/$module.o"
    done
    swiftc "${flags[@]}" -module-name CatalogFuzzer "$root/Fuzz/CatalogFuzzer.swift" \
        "$build/LandscapeModel.o" "$build/XMLStream.o" "$build/Ingest.o" -lxml2 -lz -o "$binary"
fi

# Seeds: small files in the real formats.
cp "$root"/Fuzz/seeds/*.xml "$build/seeds/"
find "$root/Inputs" -name '*.xml' -size -64k -exec cp {} "$build/seeds/" \; 2>/dev/null || true
python3 - "$root/../shared/corpus" "$build/seeds" <<'PY'
import gzip, pathlib, re, sys
corpus, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
record = re.compile(rb"<standard xml:lang[^>]*>.*?</standard>\n|<standard>.*?</standard>\n|<adoption.*?</adoption>\n|<publication>.*?</publication>\n", re.S)
for path in sorted(corpus.glob("*/*.xml.gz"))[:20]:
    data = gzip.decompress(path.read_bytes())
    records = record.findall(data)
    for slice_number, start in enumerate(range(0, len(records), max(1, len(records) // 4))):
        chunk = records[start:start + 3]
        wrapper = b"publications" if b"<publication>" in chunk[0] else b"standards"
        text = b'<?xml version="1.0" encoding="UTF-8"?>\n<' + wrapper + b">\n" + b"".join(chunk) + b"</" + wrapper + b">\n"
        (out / f"{path.parent.name}-{path.stem}-{slice_number}.xml").write_bytes(text)
PY

log=$build/fuzz-$(date -u +%Y%m%dT%H%M%SZ).log
echo "fuzzing for $seconds s; log: $log" >&2
cd "$build"
status=0
"$binary" "$build/corpus" "$build/seeds" \
    -dict="$root/Fuzz/catalog.dict" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$root/fuzz-artifacts/" -print_final_stats=1 "$@" 2>&1 | tee "$log" || status=$?
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" >&2 || true
ls "$root/fuzz-artifacts" >&2
exit "$status"
