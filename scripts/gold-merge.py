#!/usr/bin/env python3
"""The final labels of a draw, in the gold format (id,ai_relevant,characteristics): each row as
both passes gave it where they agree, as the adjudication decided where they differ.

    scripts/gold-merge.py PASS_1.csv PASS_2.csv ADJUDICATED.csv OUT.csv

Stops with a message when a row that differs has no adjudication, when an adjudication is for a
row the passes agree on, or when an id does not match its row number.
"""
import argparse
import csv
import sys

from goldlabels import read_pass


def main():
    ap = argparse.ArgumentParser()
    for name in ("first", "second", "adjudicated", "out"):
        ap.add_argument(name)
    args = ap.parse_args()
    first, second, decided = read_pass(args.first), read_pass(args.second), read_pass(args.adjudicated)
    if first.keys() != second.keys():
        sys.exit("the passes label different rows")
    final = []
    for n, row in first.items():
        if second[n][0] != row[0]:
            sys.exit(f"row {n}: {row[0]} in the first pass, {second[n][0]} in the second")
        if row == second[n]:
            if n in decided:
                sys.exit(f"row {n}: adjudicated although the passes agree")
            final.append(row)
        elif n not in decided:
            sys.exit(f"row {n}: the passes differ and there is no adjudication")
        elif decided[n][0] != row[0]:
            sys.exit(f"row {n}: adjudicated as {decided[n][0]}, labelled as {row[0]}")
        else:
            final.append(decided[n])
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "ai_relevant", "characteristics"])
        for id, ai, chars in final:
            w.writerow([id, ai, ";".join(sorted(chars))])
    print(f"{args.out}: {len(final)} standards, {sum(1 for n in first if first[n] != second[n])} adjudicated",
          file=sys.stderr)


if __name__ == "__main__":
    main()
