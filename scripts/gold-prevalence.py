#!/usr/bin/env python3
"""How many standards of the whole corpus have each characteristic, estimated from the labelled
draws, next to how many a run tagged.

    scripts/gold-prevalence.py CORPUS_DIR STANDARDS_CSV --census GOLD.csv ... --draw SAMPLE.csv GOLD.csv ...
                               [--predictions HELD_OUT.csv]

The population is the corpus's standards, one per undated reference (the latest edition), as
`gold-sample.py` draws them. Standards of a `--census` gold file (`dev.csv`: not drawn at random)
count with their own labels. Every other standard falls into one stratum of `gold-sample.py`
(with its optional strata split out); the labelled standards of the `--draw` files (a sample.csv
and its gold file) are, per stratum, a simple random sample of it, so a stratum's count is
estimated as its size × the share of its labelled standards that have the characteristic, with
a standard error (finite-population corrected). The run's count is over the same population:
the characteristics `STANDARDS_CSV` gives each standard's latest edition.

With `--predictions` (what `landscape evaluate --folds K --predictions FILE` writes: each labelled
standard's held-out prediction), the same weighting estimates the scorer's precision, recall and F1
over the whole corpus rather than over the labelled set, whose strata are not the corpus's.
"""
import argparse
import collections
import csv
import importlib.util
import math
import os
import sys

from goldlabels import IDS, key, read_gold

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gold_sample", os.path.join(HERE, "gold-sample.py"))
gold_sample = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gold_sample)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("standards")
    ap.add_argument("--census", nargs="*", default=[])
    ap.add_argument("--draw", nargs=2, action="append", default=[], metavar=("SAMPLE", "GOLD"))
    ap.add_argument("--predictions")
    args = ap.parse_args()

    targets = ["ai_relevant"] + IDS
    records = gold_sample.corpus_records(args.corpus)

    census = {}
    for path in args.census:
        census.update(read_gold(path))
    drawn = {}
    for sample, gold in args.draw:
        gold_labels = read_gold(gold)
        with open(sample, newline="") as f:
            for row in csv.DictReader(f):
                k = key(row["id"])
                if k not in gold_labels:
                    sys.exit(f"{sample}: {row['id']} has no label in {gold}")
                drawn[k] = gold_labels[k]

    # Groups of editions by undated reference; a group is a census one when any edition is.
    groups = {}
    for r in records:
        if r["title"]:
            groups.setdefault(key(r["undated"]), []).append(r)
    in_census = {key(r["undated"]) for r in records if key(r["id"]) in census}

    # The run's characteristics by reference.
    run = {}
    with open(args.standards, newline="") as f:
        for row in csv.DictReader(f):
            chars = {c for c in row["characteristics"].split(";") if c}
            ai = row["ai_relevance"] not in ("", "0") and float(row["ai_relevance"]) >= 0.5
            run[key(row["id"])] = (ai, chars)

    held_out = {}
    if args.predictions:
        with open(args.predictions, newline="") as f:
            for row in csv.DictReader(f):
                held_out[key(row["id"])] = (row["predicted_ai_relevant"] == "1",
                                            {c for c in row["predicted_characteristics"].split(";") if c})

    def has(label, target):
        ai, chars = label
        return ai if target == "ai_relevant" else target in chars

    size = collections.Counter()
    sample = collections.defaultdict(list)
    census_sample = []
    census_count = collections.Counter()
    run_count = collections.Counter()
    unmatched = 0
    for g, editions in groups.items():
        latest = sorted(editions, key=lambda r: r["id"])[-1]
        predicted = run.get(key(latest["id"])) or next((run[key(e["id"])] for e in editions if key(e["id"]) in run), None)
        if predicted is None:
            unmatched += 1
        else:
            for t in targets:
                run_count[t] += has(predicted, t)
        labelled = [(census[key(e["id"])], held_out.get(key(e["id"]))) for e in editions if key(e["id"]) in census]
        if g in in_census and labelled:
            for t in targets:
                census_count[t] += has(labelled[0][0], t)
            census_sample.append(labelled[0])
            continue
        s = gold_sample.stratum(latest, title_stratum=True, privacy_stratum=True, human_stratum=True,
                                 verification_stratum=True, trust_stratum=True)
        size[s] += 1
        found = [(drawn[key(e["id"])], held_out.get(key(e["id"]))) for e in editions if key(e["id"]) in drawn]
        if found:
            sample[s].append(found[0])

    print(f"population: {len(groups)} standards (undated references); census {sum(1 for g in groups if g in in_census)}; "
          f"run rows matched {len(groups) - unmatched}")
    for s in size:
        print(f"  stratum {s:18s} {size[s]:6d} standards, {len(sample[s]):4d} labelled")
    print(f"{'target':27s} {'labels: estimate':>17s} {'± s.e.':>8s} {'run':>7s}")
    for t in targets:
        estimate, variance = census_count[t], 0.0
        for s, n_s in size.items():
            labelled = sample[s]
            if not labelled:
                sys.exit(f"stratum {s} has no labelled standard: no estimate")
            p = sum(has(l, t) for l, _ in labelled) / len(labelled)
            estimate += n_s * p
            if len(labelled) > 1:
                variance += n_s ** 2 * (1 - len(labelled) / n_s) * p * (1 - p) / (len(labelled) - 1)
        print(f"{t:27s} {estimate:17.0f} {math.sqrt(variance):8.0f} {run_count[t]:7d}")

    if not held_out:
        return
    # Population totals of true positives, false positives and false negatives: the census
    # standards as they are, each stratum's labelled standards weighted by its size.
    print()
    print(f"held-out predictions of {args.predictions}, weighted to the corpus:")
    print(f"{'target':27s} {'precision':>9s} {'recall':>7s} {'f1':>6s}   labelled set: {'precision':>9s} {'recall':>7s} {'f1':>6s}")
    missing = sum(1 for s in sample for _, p in sample[s] if p is None) + sum(1 for _, p in census_sample if p is None)
    totals = {"corpus": [0.0, 0.0, 0.0], "labelled": [0.0, 0.0, 0.0]}
    def f1(tp, fp, fn):
        return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0,
                2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    for t in targets:
        corpus, labelled_set = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
        groups = [(1.0, census_sample)] + [(size[s] / len(sample[s]), sample[s]) for s in size if sample[s]]
        for weight, members in groups:
            for label, predicted in members:
                if predicted is None:
                    continue
                gold, guess = has(label, t), has(predicted, t)
                index = 0 if gold and guess else 1 if guess else 2 if gold else None
                if index is not None:
                    corpus[index] += weight
                    labelled_set[index] += 1
        if t != "ai_relevant":
            for name, counts in (("corpus", corpus), ("labelled", labelled_set)):
                totals[name] = [a + b for a, b in zip(totals[name], counts)]
        p, r, f = f1(*corpus)
        lp, lr, lf = f1(*labelled_set)
        print(f"{t:27s} {p:9.3f} {r:7.3f} {f:6.3f}                 {lp:9.3f} {lr:7.3f} {lf:6.3f}")
    p, r, f = f1(*totals["corpus"])
    lp, lr, lf = f1(*totals["labelled"])
    print(f"{'micro (characteristics)':27s} {p:9.3f} {r:7.3f} {f:6.3f}                 {lp:9.3f} {lr:7.3f} {lf:6.3f}")
    if missing:
        print(f"({missing} labelled standards have no held-out prediction and are left out)")


if __name__ == "__main__":
    main()
