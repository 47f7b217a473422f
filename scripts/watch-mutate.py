#!/usr/bin/env python3
"""Turns a copy of Inputs/ into the next night's inputs for the nightly-watch demonstration.

usage: scripts/watch-mutate.py INPUTS_COPY

In INPUTS_COPY (never in the repository's own Inputs/):
  - committees/iso_technical_committees.jsonl: in ISO/IEC JTC 1/SC 42, DIN moves from P to O
    and IST (Iceland) joins as a P-member; the secretariat of ISO/IEC JTC 1/SC 27 moves from
    DIN to SIS;
  - iso-open-data/iso_deliverables_metadata.jsonl: ISO/IEC 22989:2022/CD Amd 1 moves from 30.60
    to 40.20 (its enquiry ballot starts), and one new work item proposal appears in SC 42
    (a made-up reference, ISO/IEC PWI 99001, clearly an example: no such project is claimed).
"""
import json
import sys

folder = sys.argv[1].rstrip("/")

path = f"{folder}/committees/iso_technical_committees.jsonl"
lines = []
with open(path, encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        if record["reference"] == "ISO/IEC JTC 1/SC 42":
            din = next(m for m in record["pMembers"] if m["acronym"] == "DIN")
            record["pMembers"].remove(din)
            record["oMembers"].append(din)
            record["pMembers"].append({"id": 1788, "acronym": "IST"})
        elif record["reference"] == "ISO/IEC JTC 1/SC 27":
            record["secretariat"] = {"id": 2101, "acronym": "SIS"}
        lines.append(json.dumps(record, ensure_ascii=False))
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

path = f"{folder}/iso-open-data/iso_deliverables_metadata.jsonl"
lines = []
with open(path, encoding="utf-8") as f:
    for line in f:
        record = json.loads(line)
        if record["reference"] == "ISO/IEC 22989:2022/CD Amd 1":
            record["currentStage"] = 4020
        lines.append(json.dumps(record, ensure_ascii=False))
lines.append(json.dumps({
    "id": 990001, "deliverableType": "TS", "supplementType": None, "reference": "ISO/IEC PWI 99001",
    "title": {"en": "Artificial intelligence — Example preliminary work item for the nightly-watch demonstration", "fr": None},
    "publicationDate": None, "edition": 1, "icsCode": ["35.020"], "ownerCommittee": "ISO/IEC JTC 1/SC 42",
    "currentStage": 0, "replaces": None, "replacedBy": None, "languages": ["en"], "pages": None, "scope": None,
}, ensure_ascii=False))
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
