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


# What precedes an IEEE designation: the publisher(s), an approval state, `Std`.
IEEE_PREFIX = re.compile(r"^\S*IEEE\S*\s+(?:(?:Unapproved|Approved|Draft|FDIS|DIS)\s+)*(?:Std\s+)?")


def ieee_designation(ref):
    """An IEEE reference from its designation on: `IEEE Unapproved Std P1657/D-27-2009` → `P1657/D-27-2009`."""
    return IEEE_PREFIX.sub("", ref.strip())


STAGES = re.compile(r"\b(?:PWI|NP|AWI|WD|CD|DIS|FDIS|PRF|DTS|DTR|DPAS|FDTS|FDTR|PDTS|PDTR|DAM|FDAM|DAmd|FDAmd)\s+")


def edition_key(ref):
    """The undated reference of the published standard that a draft or an edition belongs to:
    `ISO/IEC DIS 42005`, `ISO/IEC FDIS 42005` and `ISO/IEC 42005:2025` are one; amendments and
    corrigenda stay apart from their base standard."""
    r = ref.strip()
    if "IEEE" in r.upper():
        m = re.search(r"\bP?([A-Z]?\d+(?:\.\d+)*)", ieee_designation(r))
        return "ieee " + (m.group(1) if m else r.lower())
    r = re.sub(r"/D(TS|TR|PAS)\b", r"/\1", r)           # ISO/DTS 4654 → ISO/TS 4654
    r = re.sub(r"/(?:CD|PD|DIS|FD|PRF)\s*(TS|TR|PAS)\b", r"/\1", r)
    r = re.sub(r"/(?=\d)", " ", STAGES.sub("", r))        # ISO/DIS 19116 → ISO 19116
    r = re.sub(r"\b(CD|DIS|FDIS)\s+(TS|TR|PAS)\b", r"\2", r)
    r = re.sub(r":\d{4}", "", r)                          # dates
    r = re.sub(r"(\d)\.\d+\b(?!-)", r"\1", r)             # DIS 27701.2 → 27701
    return key(r)


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
