#!/usr/bin/env python3
"""How many values each secret rule touches on a corpus, for a human to audit precision.

Reads the shared corpus (../shared/corpus/stack-yaml-sample/*.parquet beside the checkout,
or the parquet files / JSONL given), runs `automend preprocess` on it and prints, per rule:
the matches in the content of all distinct rows (before any gate), the rows with a match,
and the spans the program replaced in the records it wrote (from its report). With --show,
every match is listed with its repository, path and line, for reading.

    python3 bench/secret_rule_counts.py [--show] [--binary build/automend] [FILES...]

The matches are found with the reference expressions of tests/python/oracle.py, which the
differential tests hold equal to the program's scanners.
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

import oracle  # noqa: E402


def load_rows(files):
    rows = []
    for f in files:
        if f.suffix == ".parquet":
            import pyarrow.parquet as pq
            rows.extend(pq.read_table(f).to_pylist())
        else:
            rows.extend(json.loads(line) for line in open(f, encoding="utf-8") if line.strip())
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    parser.add_argument("--binary", default=str(ROOT / "build" / "automend"))
    parser.add_argument("--show", action="store_true", help="list every match for auditing")
    args = parser.parse_args()
    files = args.files or sorted((ROOT.parent / "shared" / "corpus" / "stack-yaml-sample").glob("*.parquet"))
    if not files:
        sys.exit("no corpus: give parquet or JSONL files")
    rows = load_rows(files)

    matches, with_match, seen = collections.Counter(), collections.Counter(), set()
    for row in rows:
        if row["hexsha"] in seen:
            continue
        seen.add(row["hexsha"])
        text = row["content"]
        for name, pattern in oracle.SECRET_RULES:
            found = [m for m in pattern.finditer(text) if not oracle._secret_kept(name, m)]
            matches[name] += len(found)
            with_match[name] += bool(found)
            for m in found if args.show else ():
                line = text.count("\n", 0, m.start()) + 1
                start = text.rfind("\n", 0, m.start()) + 1
                end = text.find("\n", m.end())
                excerpt = text[max(start, m.start() - 60):end if end >= 0 else len(text)][:160]
                print(f"{name}\t{row.get('max_stars_repo_name')}/{row['max_stars_repo_path']}:{line}\t"
                      f"{excerpt!r}")

    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/rows.jsonl", "w", encoding="utf-8", errors="surrogateescape") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")
        subprocess.run([args.binary, "-q", "preprocess", "--input", "rows.jsonl",
                        "--output", "out.jsonl"], cwd=tmp, check=True)
        report = json.load(open(f"{tmp}/logs/preprocess_report.json"))

    print(f"{len(seen)} distinct rows, {report['records']} records")
    print(f"| rule | matches in all rows | rows | replaced in records |")
    print(f"|---|---:|---:|---:|")
    for name in oracle.SECRET_RULE_NAMES:
        print(f"| `{name}` | {matches[name]} | {with_match[name]} | "
              f"{report['secret_redactions_by_rule'][name]} |")


if __name__ == "__main__":
    main()
