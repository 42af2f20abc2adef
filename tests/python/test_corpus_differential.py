"""Differential test on the real corpus: every row's fate and every record line must equal
what the independent Python reference (oracle.py: PyYAML CSafeLoader, re, json.dumps)
gives, whatever the thread count."""
import json

import pytest

import oracle
from conftest import run_automend


@pytest.fixture(scope="module")
def expected(corpus_rows):
    seen, reasons, lines = set(), {}, []
    for number, row in enumerate(corpus_rows, start=1):
        if row["hexsha"] in seen:
            reasons[number] = "duplicate"
            continue
        seen.add(row["hexsha"])
        reason, line = oracle.process(row)
        reasons[number] = reason
        if line:
            lines.append(line)
    return reasons, lines


@pytest.mark.parametrize("threads", ["1", "2"])
def test_records_and_reasons_match_the_reference(tmp_path, corpus_jsonl, expected, threads):
    want_reasons, want_lines = expected
    run_automend(["-q", "preprocess", "--input", str(corpus_jsonl), "--output", "out.jsonl",
                  "--rejects", "rejects.jsonl", "--threads", threads], cwd=tmp_path)
    got_reasons = {}
    for line in open(tmp_path / "rejects.jsonl", encoding="utf-8"):
        d = json.loads(line)
        got_reasons[int(d["origin"].rsplit(":", 1)[1])] = d["reason"]
    mismatched = [(n, r, got_reasons.get(n, "pass")) for n, r in want_reasons.items()
                  if got_reasons.get(n, "pass") != r]
    assert not mismatched[:20], f"{len(mismatched)} rows decided differently (line, want, got)"

    got_lines = open(tmp_path / "out.jsonl", encoding="utf-8").read().splitlines(keepends=True)
    assert len(got_lines) == len(want_lines) > 1000
    for got, want in zip(got_lines, want_lines):
        assert json.dumps(json.loads(got)) + "\n" == got
        if got != want:
            g, w = json.loads(got), json.loads(want)
            assert g["metadata"] == w["metadata"]
            gm = json.loads(g["messages"][1]["content"])["params"]["manifest_content"]
            wm = json.loads(w["messages"][1]["content"])["params"]["manifest_content"]
            assert gm == wm, "redacted manifest differs for " + w["metadata"]["path"]
            assert got == want


def test_yaml_and_k8s_decisions_agree_with_pyyaml(tmp_path, corpus_rows, corpus_jsonl):
    """For every row that reaches gate 5, the yaml and k8s decisions equal CSafeLoader's."""
    run_automend(["-q", "preprocess", "--input", str(corpus_jsonl), "--output", "out.jsonl",
                  "--rejects", "rejects.jsonl"], cwd=tmp_path)
    got = {}
    for line in open(tmp_path / "rejects.jsonl", encoding="utf-8"):
        d = json.loads(line)
        got[int(d["origin"].rsplit(":", 1)[1])] = d["reason"]
    checked = 0
    for number, row in enumerate(corpus_rows, start=1):
        if got.get(number, "pass") not in ("yaml", "k8s", "pass", "revalidate"):
            continue
        docs, _ = oracle.compose(row["content"])
        want = "yaml" if docs is None else ("k8s" if oracle.k8s_objects(docs) is None else "pass")
        assert got.get(number, "pass").replace("revalidate", "pass") == want, row["max_stars_repo_path"]
        checked += 1
    assert checked > 1000


def test_report_counts_add_up(tmp_path, corpus_jsonl, expected):
    want_reasons, want_lines = expected
    run_automend(["-q", "preprocess", "--input", str(corpus_jsonl), "--output", "out.jsonl"],
                 cwd=tmp_path)
    report = json.load(open(tmp_path / "logs" / "preprocess_report.json"))
    assert report["rows_in"] == len(want_reasons)
    assert report["records"] == len(want_lines)
    for reason in ("duplicate", "size", "license", "keyword", "yaml", "k8s"):
        assert report["rejected"][reason] == sum(1 for r in want_reasons.values() if r == reason)
    funnel = {step["gate"]: step for step in report["funnel"]}
    assert funnel["k8s"]["out"] == funnel["revalidate"]["in"]
    assert funnel["revalidate"]["out"] == report["records"]


def test_parquet_input_gives_the_same_records_as_jsonl(tmp_path, corpus_jsonl):
    from conftest import CORPUS_DIR
    run_automend(["-q", "preprocess", "--input", str(corpus_jsonl), "--output", "a.jsonl"], cwd=tmp_path)
    run_automend(["-q", "preprocess", "--input", str(CORPUS_DIR), "--output", "b.jsonl"], cwd=tmp_path)
    a = (tmp_path / "a.jsonl").read_bytes()
    assert len(a) > 1_000_000 and a == (tmp_path / "b.jsonl").read_bytes()
