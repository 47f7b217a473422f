#!/usr/bin/env python3
"""Draw standards from the shared corpus for labelling, in strata defined by committee and
wording only (never by the scorer's output), and write them as numbered labelling sheets.

    scripts/gold-sample.py CORPUS_DIR OUT_DIR [--exclude GOLD.csv ...] [--chunks N] [--seed S]
                           [--quota STRATUM=N ...] [--exclude-editions] [--title-stratum] [--privacy-stratum]
                           [--human-stratum] [--verification-stratum] [--trust-stratum]

Strata (each standard in the first stratum it qualifies for; one edition per undated reference):
  ai-committee  ISO/IEC JTC 1/SC 42 and the IEEE committees on AI and computational intelligence: all
  ai-title      (with --title-stratum) the title names AI, machine learning, neural networks, autonomy,
                intelligent systems, robots, big data or analytics: 0 unless --quota ai-title=N
  ai-wording    title, keywords or abstract mention AI, autonomy, robots, algorithms, data/analytics: 260
  privacy-title (with --privacy-stratum) the title names privacy, PII, personal data, de-identification
                or anonymisation, leaving aside the committee's name for its field ("Information security,
                cybersecurity and privacy protection"): 0 unless --quota privacy-title=N
  human-title   (with --human-stratum) the title names human-system or human-machine interaction, human
                factors, ergonomics, usability, user interfaces, operators, control rooms, human-centred
                design, oversight, driver assistance or monitoring: 0 unless --quota human-title=N
  verification-title
                (with --verification-stratum) the title names verification, validation, reliability,
                dependability, accuracy, data quality, software testing or quality, conformance testing,
                performance evaluation, robustness, uncertainty, calibration or quality assurance: 0 unless
                --quota verification-title=N
  trust-wording (with --trust-stratum) the title, keywords or abstract name trustworthiness or
                trustworthy systems: 0 unless --quota trust-wording=N
  horizontal    title names security, privacy, safety, quality, management system, governance,
                risk, sustainability, accessibility, ethics, human factors: 260
  random        any other standard: 220
(the default quotas; --quota changes one, e.g. --quota ai-wording=250; "all" takes every standard)
Writes OUT_DIR/sample.csv (n, id, stratum, file), OUT_DIR/strata.csv (stratum, available, drawn)
and OUT_DIR/sheet-K.md (the records as a
labeller reads them: reference, title, committee, ICS, keywords, abstract).
"""
import argparse
import csv
import gzip
import html
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

from goldlabels import edition_key, key

QUOTAS = {"ai-committee": None, "ai-title": 0, "ai-wording": 260, "privacy-title": 0, "human-title": 0,
          "verification-title": 0, "trust-wording": 0, "horizontal": 260, "random": 220}
# The strata that only exist when their option asks for them.
OPTIONAL = {"ai-title": "title_stratum", "privacy-title": "privacy_stratum", "human-title": "human_stratum",
            "verification-title": "verification_stratum", "trust-wording": "trust_stratum"}
AI_COMMITTEES = re.compile(r"JTC 1/SC 42|Artificial Intelligence Standards Committee|Computational Intelligence", re.I)
AI_WORDING = re.compile(
    r"\b(artificial intelligence|machine learning|neural|deep learning|autonomous|autonomy|"
    r"robot\w*|algorithm\w*|big data|data analytics|analytics|intelligent|data quality|"
    r"data set|dataset|training data|decision[- ]making|automated driving|self-driving)\b", re.I)
AI_TITLE = re.compile(
    r"\b(artificial intelligence|machine learning|neural network\w*|deep learning|autonomous|intelligent|"
    r"robot\w*|big data|data analytics|AI)\b", re.I)
PRIVACY_TITLE = re.compile(
    r"\b(privacy|personally identifiable|PII|personal data|personal information|de-identif\w*|anonymi[sz]\w*|"
    r"pseudonymi[sz]\w*)\b", re.I)
HUMAN_TITLE = re.compile(
    r"\b(human[- ]system|human[- ]machine|human[- ]computer|human[- ]robot|human factors|ergonomic\w*|usability|"
    r"user interface\w*|operator\w*|control (?:room|centre|center)s?|man[- ]machine|human[- ]cent(?:red|ered)|oversight|"
    r"driver (?:assistance|monitoring|distraction|interaction)|take[- ]?over|alarm management|human performance|"
    r"human reliability)\b", re.I)
VERIFICATION_TITLE = re.compile(
    r"\b(verification|validation|validating|reliability|dependability|accuracy|data quality|software (?:testing|quality)|"
    r"conformance testing|performance (?:evaluation|assessment|testing)|robustness|uncertainty|calibration|"
    r"proficiency testing|quality assurance)\b", re.I)
TRUST_WORDING = re.compile(r"\btrustworth\w*", re.I)
# The name of ISO/IEC JTC 1/SC 27's field, which opens the titles of its security standards too.
SC27_FIELD = re.compile(r"information security, cybersecurity and privacy protection", re.I)
HORIZONTAL = re.compile(
    r"\b(security|cybersecurity|privacy|personal data|PII|safety|quality|management system\w*|"
    r"governance|risk|sustainab\w*|environmental|accessib\w*|ethic\w*|human factors|ergonomic\w*|"
    r"conformity assessment|audit\w*|trust\w*|resilien\w*|continuity)\b", re.I)


def text(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip() if el is not None else ""


def english_title(meta):
    for wrap in meta.findall("title-wrap"):
        if wrap.get("{http://www.w3.org/XML/1998/namespace}lang", "en") == "en":
            full = wrap.find("full")
            if full is not None and text(full):
                return text(full)
            return " — ".join(t for t in (text(wrap.find(p)) for p in ("intro", "main", "compl")) if t)
    return ""


def english_abstract(meta):
    for a in meta.findall("abstract"):
        if a.get("{http://www.w3.org/XML/1998/namespace}lang", "en") == "en":
            return text(a)
    return ""


def sts_records(path):
    with gzip.open(path) as f:
        for _, el in ET.iterparse(f):
            if el.tag != "standard":
                continue
            meta = next((m for m in el.iter() if m.tag in ("std-meta", "iso-meta", "reg-meta", "nat-meta")), None)
            if meta is not None:
                ref = next((text(r) for r in meta.findall("std-ref") if r.get("type") == "dated"), "")
                if ref:
                    yield {
                        "id": ref,
                        "undated": next((text(r) for r in meta.findall("std-ref") if r.get("type") == "undated"), ref),
                        "title": english_title(meta),
                        "committee": text(meta.find("comm-ref")),
                        "ics": "; ".join(text(i) for i in meta.findall("ics")),
                        "keywords": "; ".join(text(k) for g in meta.findall("kwd-group") for k in g.findall("kwd")),
                        "abstract": english_abstract(meta),
                        "file": os.path.basename(path),
                    }
            el.clear()


def idams_records(path):
    with gzip.open(path) as f:
        for _, el in ET.iterparse(f):
            if el.tag != "publication":
                continue
            ref = text(el.find("normtitle"))
            if ref:
                info = el.find("publicationinfo")
                article = el.find("volume/article/articleinfo")
                yield {
                    "id": ref,
                    "undated": re.sub(r"[-:/]\s*\d{4}.*$", "", ref),
                    "title": text(el.find("standardsfamilytitle")) or text(el.find("title")),
                    "committee": "; ".join(text(c) for c in el.iter("pubsponsoringcommittee")),
                    "ics": "; ".join(c.get("codenum", "") for c in el.iter("code_term")),
                    "keywords": "; ".join(text(k) for k in el.iter("keywordterm")),
                    "abstract": text(article.find("abstract")) if article is not None else "",
                    "file": os.path.basename(path),
                }
            el.clear()


def corpus_records(corpus):
    """Every record of the corpus's catalogs: IEEE IDAMS under `ieee/`, NISO STS elsewhere."""
    records = []
    for folder in sorted(os.listdir(corpus)):
        reader = idams_records if folder == "ieee" else sts_records
        for name in sorted(os.listdir(os.path.join(corpus, folder))):
            records.extend(reader(os.path.join(corpus, folder, name)))
    return records


def write_record(f, n, r):
    """A record as a labeller reads it on a sheet (the abstract cut at 1,500 characters)."""
    abstract = r["abstract"]
    if len(abstract) > 1500:
        abstract = abstract[:1500] + " […]"
    f.write(f"## {n}. {r['id']}\n")
    f.write(f"- title: {r['title']}\n- committee: {r['committee'] or '—'}\n")
    f.write(f"- ICS: {r['ics'] or '—'}\n- keywords: {r['keywords'] or '—'}\n")
    f.write(f"- abstract: {html.unescape(abstract) or '—'}\n\n")


def stratum(r, title_stratum=False, privacy_stratum=False, human_stratum=False, verification_stratum=False,
            trust_stratum=False):
    if AI_COMMITTEES.search(r["committee"]):
        return "ai-committee"
    if title_stratum and AI_TITLE.search(r["title"]):
        return "ai-title"
    if AI_WORDING.search(" ".join((r["title"], r["keywords"], r["abstract"]))):
        return "ai-wording"
    if privacy_stratum and PRIVACY_TITLE.search(SC27_FIELD.sub("", r["title"])):
        return "privacy-title"
    if human_stratum and HUMAN_TITLE.search(r["title"]):
        return "human-title"
    if verification_stratum and VERIFICATION_TITLE.search(r["title"]):
        return "verification-title"
    if trust_stratum and TRUST_WORDING.search(" ".join((r["title"], r["keywords"], r["abstract"]))):
        return "trust-wording"
    if HORIZONTAL.search(r["title"]):
        return "horizontal"
    return "random"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--exclude", nargs="*", default=[])
    ap.add_argument("--chunks", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--quota", action="append", default=[], metavar="STRATUM=N")
    ap.add_argument("--title-stratum", action="store_true",
                    help="put the standards whose title names AI, autonomy, robots or analytics in a stratum "
                         "of their own (ai-title), before ai-wording")
    ap.add_argument("--exclude-editions", action="store_true",
                    help="exclude the drafts and editions of an excluded standard too: every standard whose "
                         "published standard's undated reference (ISO/DIS 19116 → ISO 19116) is one of theirs")
    ap.add_argument("--human-stratum", action="store_true",
                    help="put the standards whose title names human-system interaction, ergonomics, usability, "
                         "user interfaces, operators or control rooms in a stratum of their own (human-title), "
                         "after privacy-title")
    ap.add_argument("--verification-stratum", action="store_true",
                    help="put the standards whose title names verification, validation, reliability, accuracy, "
                         "data quality, calibration or quality assurance in a stratum of their own "
                         "(verification-title), after human-title")
    ap.add_argument("--trust-stratum", action="store_true",
                    help="put the standards whose title, keywords or abstract name trustworthiness in a stratum "
                         "of their own (trust-wording), after verification-title")
    ap.add_argument("--privacy-stratum", action="store_true",
                    help="put the standards whose title names privacy or personal data (beyond SC 27's field name) "
                         "in a stratum of their own (privacy-title), after ai-wording")
    args = ap.parse_args()

    quotas = dict(QUOTAS)
    for item in args.quota:
        name, _, value = item.partition("=")
        if name not in quotas or not (value == "all" or value.isdigit()):
            ap.error(f"--quota {item}: expected one of {', '.join(quotas)} = a count or all")
        quotas[name] = None if value == "all" else int(value)

    excluded_ids = []
    for path in args.exclude:
        with open(path, newline="") as f:
            excluded_ids.extend(row["id"] for row in csv.DictReader(f))
    excluded = {key(i) for i in excluded_ids}

    records = corpus_records(args.corpus)
    # Every edition of an excluded standard is excluded: its undated reference is.
    excluded |= {key(r["undated"]) for r in records if key(r["id"]) in excluded}

    editions = set()
    if args.exclude_editions:
        editions = {edition_key(r["id"]) for r in records if key(r["id"]) in excluded or key(r["undated"]) in excluded}
        editions.update(edition_key(i) for i in excluded_ids)

    by_stratum = {s: {} for s in quotas}
    for r in records:
        if key(r["id"]) in excluded or key(r["undated"]) in excluded or not r["title"]:
            continue
        if editions and edition_key(r["id"]) in editions:
            continue
        # One edition per undated reference: the latest seen (sorted by id below).
        by_stratum[stratum(r, args.title_stratum, args.privacy_stratum, args.human_stratum,
                           args.verification_stratum, args.trust_stratum)].setdefault(key(r["undated"]), []).append(r)

    rng = random.Random(args.seed)
    chosen = []
    sizes = []
    for s, quota in quotas.items():
        if s in OPTIONAL and not getattr(args, OPTIONAL[s]):
            continue
        groups = [sorted(g, key=lambda r: r["id"])[-1] for _, g in sorted(by_stratum[s].items())]
        picked = groups if quota is None else rng.sample(groups, min(quota, len(groups)))
        chosen.extend((s, r) for r in picked)
        sizes.append((s, len(groups), len(picked)))
        print(f"{s}: {len(picked)} of {len(groups)}", file=sys.stderr)
    rng.shuffle(chosen)

    os.makedirs(args.out, exist_ok=True)
    # How many standards (undated references) each stratum had to draw from, and how many
    # were drawn: what a corpus-wide estimate from the labels weighs each stratum by.
    with open(os.path.join(args.out, "strata.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["stratum", "available", "drawn"])
        w.writerows(sizes)
    with open(os.path.join(args.out, "sample.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["n", "id", "stratum", "file"])
        for n, (s, r) in enumerate(chosen, 1):
            w.writerow([n, r["id"], s, r["file"]])
    size = -(-len(chosen) // args.chunks)
    for k in range(args.chunks):
        part = list(enumerate(chosen, 1))[k * size:(k + 1) * size]
        with open(os.path.join(args.out, f"sheet-{k + 1}.md"), "w") as f:
            for n, (_, r) in part:
                write_record(f, n, r)


if __name__ == "__main__":
    main()
