#!/usr/bin/env python3
"""Writes the STS records of the shared corpus as an ISO Open Data deliverables feed
(`iso_deliverables_metadata`, JSON Lines), for de-duplication checks and benchmarks of the
`iso-open-data` source format against the STS catalogs it was made from.

    scripts/corpus-to-open-data.py ../shared/corpus OUT.jsonl[.gz] [--catalogs iso,iec]

Each `standard` record's first metadata block becomes one line: `reference` from the dated
`std-ref`, `deliverableType` from `doc-type`, titles, `publicationDate`, `edition`,
`icsCode`, `ownerCommittee`, `currentStage` (the custom-meta stage without its dot) and the
English abstract as `scope.en` HTML. Ids are numbered in input order; a `std-xref
type="revises"` whose target is in the feed becomes `replaces` on the reviser and
`replacedBy` on the revised record. The `.gz` suffix writes gzip.
"""
import argparse, glob, gzip, html, json, os, sys
import xml.etree.ElementTree as ET

META = {"iso-meta", "std-meta", "reg-meta", "nat-meta"}
TYPES = {"IS": "IS", "TS": "TS", "TR": "TR", "PAS": "PAS", "GUIDE": "Guide", "ISP": "ISP", "IWA": "IWA", "R": "R", "TTA": "TTA"}


def text(element):
    return "".join(element.itertext()).strip() if element is not None else None


def title(wrap):
    full = text(wrap.find("full"))
    if full:
        return full
    parts = [text(wrap.find(name)) for name in ("intro", "main", "compl")]
    return " — ".join(p for p in parts if p) or None


def deliverable(meta):
    refs = {ref.get("type", ""): text(ref) for ref in meta.findall("std-ref")}
    reference = refs.get("dated") or refs.get("") or refs.get("undated")
    if not reference:
        return None
    titles = {}
    for wrap in meta.findall("title-wrap"):
        language = wrap.get("{http://www.w3.org/XML/1998/namespace}lang", "en")
        if language in ("en", "fr") and language not in titles:
            titles[language] = title(wrap)
    stage = None
    for custom in meta.iter("custom-meta"):
        if text(custom.find("meta-name")) == "stage":
            value = text(custom.find("meta-value")) or ""
            if value.replace(".", "").isdigit():
                stage = int(value.replace(".", ""))
    abstract = None
    for element in meta.findall("abstract"):
        language = element.get("{http://www.w3.org/XML/1998/namespace}lang")
        paragraphs = [text(p) for p in element.findall("p")] or [text(element)]
        body = "".join("<p>" + html.escape(p, quote=False) + "</p>" for p in paragraphs if p)
        if abstract is None or language == "en":
            abstract = body
    doc_type = (text(meta.find("std-ident/doc-type")) or "").upper()
    edition = text(meta.find("std-ident/edition"))
    return {
        "reference": reference,
        "deliverableType": TYPES.get(doc_type, "IS"),
        "supplementType": None,
        "title": {"en": titles.get("en"), "fr": titles.get("fr")},
        "publicationDate": text(meta.find("pub-date")) or text(meta.find("release-date")),
        "edition": int(edition) if edition and edition.isdigit() else None,
        "icsCode": [text(ics) for ics in meta.findall("ics")] or None,
        "ownerCommittee": text(meta.find("comm-ref")),
        "currentStage": stage,
        "revises": [text(x.find("std-ref")) for x in meta.findall("std-xref") if x.get("type") == "revises" and x.find("std-ref") is not None],
        "languages": [text(l) for l in meta.findall("content-language")],
        "scope": {"en": abstract} if abstract else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--catalogs", default="iso", help="comma-separated corpus folders with STS catalogs (default: iso)")
    args = parser.parse_args()
    records = []
    for catalog in args.catalogs.split(","):
        for path in sorted(glob.glob(os.path.join(args.corpus, catalog, "*.xml.gz"))):
            with gzip.open(path) as stream:
                for _, element in ET.iterparse(stream):
                    if element.tag != "standard":
                        continue
                    meta = next((m for m in element.iter() if m.tag in META), None)
                    record = deliverable(meta) if meta is not None else None
                    if record:
                        records.append(record)
                    element.clear()
    ids = {}
    for number, record in enumerate(records, start=100000):
        record["id"] = number
        ids.setdefault(record["reference"], number)
    replaced_by = {}
    for record in records:
        record["replaces"] = [ids[r] for r in record.pop("revises") if r in ids] or None
        for target in record["replaces"] or []:
            replaced_by.setdefault(target, []).append(record["id"])
    keys = ["id", "deliverableType", "supplementType", "reference", "title", "publicationDate", "edition", "icsCode",
            "ownerCommittee", "currentStage", "replaces", "replacedBy", "languages", "pages", "scope"]
    opener = gzip.open if args.out.endswith(".gz") else open
    with opener(args.out, "wt", encoding="utf-8") as out:
        for record in records:
            record["replacedBy"] = replaced_by.get(record["id"])
            record["pages"] = None
            out.write(json.dumps({key: record[key] for key in keys}, ensure_ascii=False) + "\n")
    print(f"{len(records)} deliverables → {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
