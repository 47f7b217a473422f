#!/usr/bin/env python3
"""A review of the labelled standards whose labels disagree with those of their own family:
the editions and drafts of one standard, the parts of one series, the standards of one title.
Labellers of different draws and adjudicators did not always rule alike on the same kind of
record; the review labels such a family again, side by side, in two independent passes.

    scripts/gold-review.py select CORPUS_DIR OUT_DIR GOLD.csv ... [--per-sheet N]
        [--wording [checking|management|interaction|testing|conformance|product-testing|transparency]]
    scripts/gold-review.py apply REVIEWED.csv GOLD.csv ... [--check]

`select` finds the families among the labels of the given gold files — and nothing else: not the
scorer's output, not the labels of any other file — and writes OUT_DIR/sample.csv (n, id, family,
file) and OUT_DIR/sheet-K.md (each family's records together, as a labeller reads them). A
family is reviewed when its members' labels differ:
  edition  the same standard (its reference without stage, date or draft number; an IEEE number with
           its capital letters and part, `standard_key`): any difference
  title    the same title once numbers are set aside (the amendments of one standard, parts with one
           title): any difference
  series   the same publisher and number (ISO 8000-2 and ISO/TS 8000-81): a difference in
           valid_reliable or human_oversight, the two characteristics the labelling passes agreed on
           least (Inputs/gold/README.md)
A standard in several such families is reviewed once, in the first (in the order above).
--kinds limits the review to some of the three. --kinds standard instead labels every standard of
the files again, each with its editions and drafts (`standard_key`) side by side, whatever their
labels: a whole file labelled again under rules written after it was labelled.
With --wording, the families are instead the standards whose titles name one kind of checking
(calibration, measurement uncertainty, conformance testing, accuracy, verification, validation:
the first the title names), reviewed when their valid_reliable labels differ: the wording the
labellers read most differently ("testing/verification/validation" of the rubric, read more or
less broadly). With --wording management, the standards whose titles name a management system,
risk management, quality management, governance, audit, compliance or certification, reviewed
when their accountable_transparent labels differ ("management systems … risk management processes
of organisations" of the rubric, given to management-system standards of every domain by some
labellers and to none outside AI by others). With --wording interaction, the standards whose
titles name user interfaces, displays, controls, control rooms or human factors, reviewed when
their human_oversight labels differ. With --wording testing, the standards of information
technology (an ICS code under 35, ISO/IEC JTC 1, IEEE) whose titles name tests, testing,
evaluation or performance, reviewed when their valid_reliable labels differ; with --wording
conformance, those whose titles name conformance, test suites, a test markup language (ATML) or
the AI exchange for test environments (AI-ESTATE), every family, under the narrower rule on
conformance tests (Inputs/gold/README.md). With --wording product-testing, the standards outside
information technology whose titles name tests, testing, measurement, performance, determination,
inspection, quality control or quality assurance: most of them their labellers left without
valid_reliable, as the project's rule on test methods of physical products asks, and a family is
reviewed in its minority (the standards labelled otherwise than most of the family) beside a control
of as many of the majority, chosen by a hash of their references. With --wording transparency, the
standards whose titles name transparency, explainability or interpretability, every family, for
explainable_interpretable.

`apply` replaces the labels of each reviewed standard in the gold file that holds it (REVIEWED.csv:
the merged review, as `gold-merge.py` writes it from the review's passes and adjudication); with --check it changes nothing and exits
1 when a file differs from what the review gives.
"""
import argparse
import collections
import csv
import hashlib
import importlib.util
import io
import os
import re
import sys

from goldlabels import edition_key, ieee_designation, key, read_rows

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gold_sample", os.path.join(HERE, "gold-sample.py"))
gold_sample = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gold_sample)

# The characteristics the series rule compares (the lowest agreement of the passes).
SERIES_CHARACTERISTICS = ("valid_reliable", "human_oversight")
def series_key(ref):
    """Publisher and number: `ISO 8000`, `IEC 60601`, `IEEE 2030`."""
    upper = ref.upper()
    if "IEEE" in upper:
        number = edition_key(ref).split(" ", 1)[1].split(".")[0]
        return f"IEEE {number}" if len(number) >= 3 and number[-1].isdigit() else None
    m = re.search(r"(\d{3,6})", ref.split(":")[0])
    if not m:
        return None
    return f"{'IEC' if upper.startswith('IEC') else 'ISO'} {m.group(1)}"


def standard_key(ref):
    """The editions and drafts of one standard, finer than `edition_key` for IEEE numbers: an
    ISO/IEC/IEEE standard keyed as ISO's (its part kept: 8802-1AE and 8802-15-9 are two), an
    IEEE designation with its capital letters and part (802.1AE and 802.1Q, 11073-10101 and
    11073-20601 are two), its lower-case amendment letters dropped (802.1AEdk joins 802.1AE,
    1657a joins 1657)."""
    upper = ref.upper()
    if "IEEE" not in upper:
        return edition_key(ref)
    if upper.startswith(("ISO", "IEC")) and not re.search(r"\sP\d", ref):
        return re.sub(r"/amd\s*", "/amd ", edition_key(re.sub(r"/IEEE\b", "", ref)))
    m = re.search(r"\bP?([A-Z]?\d+(?:\.\d+)*[A-Z]*(?:-(?!(?:19|20)\d\d\b)\d+)*)", ieee_designation(ref))
    return "ieee " + m.group(1).lower() if m else edition_key(ref)


def title_key(title):
    """A title with its numbers set aside (and the part's own title after `Part N:`)."""
    t = re.sub(r"\d+", "#", title.lower())
    t = re.sub(r"\s*[-—–]+\s*part #.*?:", "", t)
    return re.sub(r"\s+", " ", t).strip()


def read_labels(paths):
    """(file, line, id, ai 0/1, characteristics) of every row of the gold files, each row checked."""
    return [(path, line, row["id"], ai, frozenset(chars)) for path in paths for line, row, ai, chars in read_rows(path)]


def information_technology(record):
    """A record of information technology: an ICS code under 35, a committee of ISO/IEC JTC 1, or IEEE."""
    return (any(code.strip().startswith("35.") for code in record["ics"].split(";")) or "JTC 1" in record["committee"]
            or "IEEE" in record["id"].upper())


def outside_information_technology(record):
    """A record of any field but information technology (`information_technology`)."""
    return not information_technology(record)


# A wording review's set of words: the kind of its families (the sample's `family` column) and how a
# sheet heads them; the words a title can name (the first found names the family); the
# characteristic whose labels must differ within a family; the records it reviews among (None: all);
# whether every family is reviewed, its labels alike or not (for a rule that changed,
# Inputs/gold/README.md); and whether a family is reviewed only in its minority (the members whose
# label on the characteristic departs from most of the family's) beside a control of as many members
# of the majority (those first by `control_order`), for a family too large to review whole whose
# labellers mostly read it alike.
WordingSet = collections.namedtuple("WordingSet", "kind heading words characteristic scope whole minority",
                                    defaults=(None, False, False))

WORDINGS = {
    "checking": WordingSet("wording", "titles naming one kind of checking", re.compile(
        r"\b(calibration|measurement uncertainty|uncertainty|conformance testing|accuracy|verification|validation)\b",
        re.I), "valid_reliable"),
    "management": WordingSet("management", "titles naming one kind of management or assurance", re.compile(
        r"\b(management systems?|risk management|quality management|governance|audit|compliance|certification)\b",
        re.I), "accountable_transparent"),
    "interaction": WordingSet("interaction", "titles naming one part of human–system interaction", re.compile(
        r"\b(user interfaces?|displays?|controls|control rooms?|human factors)\b", re.I), "human_oversight"),
    "testing": WordingSet("testing", "information-technology titles naming tests, evaluation or performance", re.compile(
        r"\b(test(?:s|ing)?|evaluation|evaluating|performance)\b", re.I), "valid_reliable", information_technology),
    "conformance": WordingSet("conformance", "information-technology titles naming conformance testing or the description "
                              "of tests", re.compile(r"\b(conformance|test suites?|test markup language|ATML|"
                                                     r"exchange and service tie)\b", re.I), "valid_reliable",
                              information_technology, whole=True),
    "product-testing": WordingSet("product-testing", "titles outside information technology naming tests, "
                                  "measurement, performance, inspection or quality control", re.compile(
        r"\b(test(?:s|ing)?|measurement|measuring|performance|determination|inspection|quality control|"
        r"quality assurance)\b", re.I), "valid_reliable", outside_information_technology, minority=True),
    "transparency": WordingSet("transparency", "titles naming transparency, explainability or interpretability",
                               re.compile(r"\b(transparen\w*|explainab\w*|interpretab\w*)\b", re.I),
                               "explainable_interpretable", whole=True),
}

# How a sheet heads each kind of family.
KINDS = {"edition": "editions and drafts of one standard", "title": "one title", "series": "parts of one series",
         "standard": "one standard, its editions and drafts",
         **{w.kind: w.heading for w in WORDINGS.values()}}


def wording(title, words):
    """The words of a wording set a title names first, for the wording review; None when it names none."""
    m = words.search(title)
    return re.sub(r"s$", "", m.group(1).lower()) if m else None


def families(labels, titles, by_wording=None, kinds=("edition", "title", "series")):
    """The families to review, in order: (kind, name, [label rows]); only those of `kinds`, or
    those of the wording set named `by_wording` (`WORDINGS`)."""
    found = []
    taken = set()
    reviewed = lambda rows: rows
    if by_wording:
        words = WORDINGS[by_wording]
        rules = [(words.kind, lambda row: wording(titles.get(key(row[2]), ""), words.words),
                  lambda rows: len(rows) > 1 and (words.whole or len({words.characteristic in r[4] for r in rows}) > 1))]
        kinds = (words.kind,)
        if words.minority:
            reviewed = lambda rows: minority_and_control(rows, words.characteristic)
    else:
        # Each rule says which of its families are reviewed: a family of one has no labels to
        # differ (so none of the first three takes it); the whole review takes every standard.
        rules = [
            ("edition", lambda row: standard_key(row[2]), lambda rows: len({(r[3], r[4]) for r in rows}) > 1),
            ("title", lambda row: title_key(titles.get(key(row[2]), "")) or None,
             lambda rows: len({(r[3], r[4]) for r in rows}) > 1),
            ("series", lambda row: series_key(row[2]),
             lambda rows: any(len({c in r[4] for r in rows}) > 1 for c in SERIES_CHARACTERISTICS)),
            ("standard", lambda row: standard_key(row[2]), lambda rows: True),
        ]
    for kind, keyed, differs in rules:
        if kind not in kinds:
            continue
        groups = collections.defaultdict(list)
        for row in labels:
            name = keyed(row)
            if name:
                groups[name].append(row)
        for name in sorted(groups):
            rows = groups[name]
            if not differs(rows):
                continue
            new = [r for r in sorted(reviewed(rows), key=lambda r: r[2]) if key(r[2]) not in taken]
            if not new:
                continue
            taken.update(key(r[2]) for r in new)
            found.append((kind, name, new))
    return found


def control_order(ref):
    """A stable order of references that neither their labels nor their wording decide."""
    return hashlib.sha256(key(ref).encode()).hexdigest()


def minority_and_control(rows, characteristic):
    """The members of a family whose label on `characteristic` departs from most members' (ties:
    those that have it), and as many of the others, first by `control_order`: a sheet on which the
    labellers cannot tell the one from the other."""
    having = [r for r in rows if characteristic in r[4]]
    lacking = [r for r in rows if characteristic not in r[4]]
    minority, majority = (having, lacking) if len(having) <= len(lacking) else (lacking, having)
    return minority + sorted(majority, key=lambda r: control_order(r[2]))[:len(minority)]


def select(args):
    labels = read_labels(args.gold)
    records = {key(r["id"]): r for r in gold_sample.corpus_records(args.corpus)}
    missing = [row[2] for row in labels if key(row[2]) not in records]
    titles = {k: r["title"] for k, r in records.items()}
    scope = WORDINGS[args.wording].scope if args.wording else None
    if scope:
        labels = [row for row in labels if key(row[2]) in records and scope(records[key(row[2])])]
    chosen = families(labels, titles, by_wording=args.wording, kinds=args.kinds.split(","))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "sample.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["n", "id", "family", "file"])
        n = 0
        for kind, name, rows in chosen:
            for row in rows:
                n += 1
                w.writerow([n, row[2], f"{kind}: {name}", os.path.basename(row[0])])
    # Sheets of about --per-sheet records, a family never split.
    sheets, current, n = [], [], 0
    for kind, name, rows in chosen:
        if current and len(current) + len(rows) > args.per_sheet:
            sheets.append(current)
            current = []
        for row in rows:
            n += 1
            current.append((n, kind, name, row))
    if current:
        sheets.append(current)
    for number, sheet in enumerate(sheets, 1):
        with open(os.path.join(args.out, f"sheet-{number}.md"), "w") as f:
            family = None
            for n, kind, name, row in sheet:
                r = records.get(key(row[2]))
                if (kind, name) != family:
                    family = (kind, name)
                    label = r["title"] if kind == "title" and r else name
                    f.write(f"# Family ({KINDS[kind]}): {label}\n\n")
                if r is None:
                    continue
                gold_sample.write_record(f, n, r)
    print(f"{len(chosen)} families, {n} standards, {len(sheets)} sheets"
          + (f"; {len(missing)} labelled ids not in the corpus" if missing else ""), file=sys.stderr)


def apply(args):
    reviewed = {key(row["id"]): (row["id"], ai, chars) for _, row, ai, chars in read_rows(args.reviewed)}
    seen = set()
    differs = False
    for path in args.gold:
        with open(path, newline="") as f:
            before = f.read()
        rows = list(csv.DictReader(io.StringIO(before, newline="")))
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["id", "ai_relevant", "characteristics"])
        for row in rows:
            if key(row["id"]) in reviewed:
                _, ai, chars = reviewed[key(row["id"])]
                seen.add(key(row["id"]))
                row = {"id": row["id"], "ai_relevant": str(ai), "characteristics": ";".join(sorted(chars))}
            w.writerow([row["id"], row["ai_relevant"], row["characteristics"]])
        if out.getvalue() != before:
            differs = True
            if args.check:
                print(f"{path}: differs from the review", file=sys.stderr)
            else:
                with open(path, "w", newline="") as f:
                    f.write(out.getvalue())
    unknown = sorted(reviewed[k][0] for k in set(reviewed) - seen)
    if unknown:
        sys.exit(f"{args.reviewed}: {len(unknown)} reviewed ids are in none of the gold files, e.g. {unknown[0]}")
    if args.check and differs:
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("select")
    s.add_argument("corpus")
    s.add_argument("out")
    s.add_argument("gold", nargs="+")
    s.add_argument("--per-sheet", type=int, default=100)
    s.add_argument("--wording", nargs="?", const="checking", choices=sorted(WORDINGS),
                   help="the families of the words of one set named in the title (checking: by valid_reliable; "
                        "management: by accountable_transparent; interaction: by human_oversight; "
                        "testing, conformance: information technology, by valid_reliable; product-testing: "
                        "outside information technology, the minority by valid_reliable and a control; "
                        "transparency: every family, for explainable_interpretable)")
    s.add_argument("--kinds", default="edition,title,series",
                   help="the kinds of family reviewed, among edition, title and series (comma-separated); "
                        "or standard alone: every standard, with its editions and drafts")
    a = sub.add_parser("apply")
    a.add_argument("reviewed")
    a.add_argument("gold", nargs="+")
    a.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.command == "select" and not (set(args.kinds.split(",")) <= {"edition", "title", "series"}
                                         or args.kinds == "standard"):
        s.error(f"--kinds {args.kinds}: expected edition, title or series, comma-separated, or standard alone")
    select(args) if args.command == "select" else apply(args)


if __name__ == "__main__":
    main()
