#!/usr/bin/env python3
"""Agreement between two labelling passes in the gold format (n,id,ai_relevant,characteristics):
AI-relevance accuracy and Cohen's kappa, micro-F1 over (standard, characteristic) pairs taking one
pass as reference, per-characteristic agreement, and the list of rows that differ.

    scripts/gold-agreement.py PASS_A.csv PASS_B.csv [--disagreements OUT.csv]
"""
import argparse
import csv
import sys

from goldlabels import IDS, read_pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--disagreements")
    args = ap.parse_args()
    a, b = read_pass(args.a), read_pass(args.b)
    if a.keys() != b.keys():
        sys.exit("the passes label different rows")
    n = len(a)
    ai_same = sum(a[k][1] == b[k][1] for k in a)
    pa = sum(a[k][1] for k in a) / n
    pb = sum(b[k][1] for k in a) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = (ai_same / n - pe) / (1 - pe) if pe < 1 else 1.0
    both = sum(len(a[k][2] & b[k][2]) for k in a)
    only_a = sum(len(a[k][2] - b[k][2]) for k in a)
    only_b = sum(len(b[k][2] - a[k][2]) for k in a)
    micro = 2 * both / (2 * both + only_a + only_b) if both else 0.0
    identical = sum(a[k][1] == b[k][1] and a[k][2] == b[k][2] for k in a)
    print(f"standards: {n}")
    print(f"identical rows: {identical} ({identical / n:.3f})")
    print(f"ai_relevant agreement: {ai_same / n:.3f} (Cohen's kappa {kappa:.3f})")
    print(f"characteristic pairs: both {both}, only first {only_a}, only second {only_b}; micro-F1 {micro:.3f}")
    for c in IDS:
        ba = sum(c in a[k][2] and c in b[k][2] for k in a)
        oa = sum(c in a[k][2] and c not in b[k][2] for k in a)
        ob = sum(c in b[k][2] and c not in a[k][2] for k in a)
        f1 = 2 * ba / (2 * ba + oa + ob) if ba + oa + ob else 1.0
        print(f"  {c:27s} both {ba:3d}  only first {oa:3d}  only second {ob:3d}  F1 {f1:.3f}")
    if args.disagreements:
        with open(args.disagreements, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["n", "id", "ai_first", "ai_second", "characteristics_first", "characteristics_second"])
            for k in sorted(a, key=int):
                if a[k][1] != b[k][1] or a[k][2] != b[k][2]:
                    w.writerow([k, a[k][0], a[k][1], b[k][1], ";".join(sorted(a[k][2])), ";".join(sorted(b[k][2]))])


if __name__ == "__main__":
    main()
