#!/usr/bin/env python3
"""Write an N-times-larger synthetic catalog from the shared corpus, for benchmarks.

Copy k (1..N) of every record gets distinct identifiers: the first number of each reference
(std-ref, doc-ref, doc-number, IEEE title/normtitle/stdnumber) is raised by k * 1,000,000, so
`ISO 9001:2015` becomes `ISO 1009001:2015` in copy 1. Copy 0 is the corpus as it is.
Files keep their format and are written gzipped (level 1) as <out>/<sdo>/copy-K-catalog-NNN.xml.gz.

usage: synthesize-catalog.py CORPUS_DIR OUT_DIR --copies N
"""
import argparse
import gzip
import pathlib
import re
import sys

REFERENCE = re.compile(
    rb"(<std-ref[^>]*>|<doc-ref>|<doc-number>|<publication><title>|<normtitle>|<stdnumber>)([^<0-9]*)([0-9]+)"
)


def shift(data: bytes, copy: int) -> bytes:
    if copy == 0:
        return data
    offset = copy * 1_000_000
    return REFERENCE.sub(lambda m: m.group(1) + m.group(2) + str(int(m.group(3)) + offset).encode(), data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--copies", type=int, required=True, help="how many times the corpus is repeated")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*/*.xml.gz"))
    if not files:
        print(f"no */*.xml.gz under {args.corpus}", file=sys.stderr)
        return 66
    records = 0
    for copy in range(args.copies):
        for source in files:
            data = gzip.decompress(source.read_bytes())
            records += data.count(b"<standard xml:lang") + data.count(b"<standard>") + data.count(b"<publication>")
            target = args.out / source.parent.name / f"copy-{copy:02d}-{source.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gzip.compress(shift(data, copy), compresslevel=1))
    print(f"{records} records in {args.copies * len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
