#!/usr/bin/env python3
"""Writes a catalog of many small NISO STS records, gzipped, for the memory-ceiling benchmark:
GIGABYTES of XML (decompressed) in FILES files, each under the default 512 MiB decompression cap,
every record with a distinct reference.

    scripts/synthesize-small-records.py OUT_DIR [--gigabytes 5] [--files 10]
"""
import argparse
import gzip
import os

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--gigabytes", type=float, default=5)
ap.add_argument("--files", type=int, default=10)
args = ap.parse_args()
os.makedirs(args.out, exist_ok=True)
per_file = int(args.gigabytes * (1 << 30) / args.files)
block_records = 10_000
for index in range(args.files):
    path = os.path.join(args.out, f"small-{index:03d}.xml.gz")
    written = 0
    serial = 0
    with gzip.open(path, "wb", compresslevel=1) as out:
        head = b'<?xml version="1.0" encoding="UTF-8"?>\n<standards>\n'
        out.write(head)
        written += len(head)
        while written < per_file - 64 * block_records:
            block = "".join(
                f'<standard><front><std-meta><std-ref type="dated">ISO {index + 1}{serial + k:09d}:2020</std-ref>'
                f'<comm-ref>ISO/TC {k % 300 + 1}</comm-ref></std-meta></front></standard>\n'
                for k in range(block_records)).encode()
            serial += block_records
            out.write(block)
            written += len(block)
        out.write(b"</standards>\n")
    print(f"{path}: {written / (1 << 20):.0f} MiB, {serial} records")
