"""What the gold scripts share: the characteristic ids, the reference key, and the readers of
labelling passes (n,id,ai_relevant,characteristics) and gold files (id,ai_relevant,characteristics),
each row checked, a bad one stopping the script with its file and line."""
import csv
import re
import sys

IDS = ["valid_reliable", "safe", "secure_resilient", "accountable_transparent", "explainable_interpretable",
       "privacy_enhanced", "fair_bias_managed", "human_oversight", "societal_wellbeing"]


def key(ref):
    """A reference as the scripts compare them: spacing collapsed, lower case."""
    return re.sub(r"\s+", " ", ref).strip().lower()


def read_rows(path):
    """(line, row, ai_relevant 0/1, characteristics) of a labels file, each row checked."""
    with open(path, newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            chars = {c for c in row["characteristics"].split(";") if c}
            unknown = chars - set(IDS)
            if unknown:
                sys.exit(f"{path}:{line}: unknown characteristic {sorted(unknown)}")
            if row["ai_relevant"] not in ("0", "1"):
                sys.exit(f"{path}:{line}: ai_relevant must be 0 or 1, found {row['ai_relevant']!r}")
            yield line, row, int(row["ai_relevant"]), chars


def read_pass(path):
    """A labelling pass: row number n → (id, ai_relevant 0/1, characteristics)."""
    return {row["n"]: (row["id"], ai, chars) for _, row, ai, chars in read_rows(path)}


def read_gold(path):
    """A gold file: reference key → (AI-relevant, characteristics)."""
    return {key(row["id"]): (ai == 1, chars) for _, row, ai, chars in read_rows(path)}
