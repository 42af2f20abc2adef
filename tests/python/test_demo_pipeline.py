"""The program on the bundled demo data gives exactly the outcomes worked out in
examples/demo/expected.json, and record lines byte-identical to the reference."""
import json

import oracle
from conftest import SOURCE_DIR, run_automend

DEMO = SOURCE_DIR / "examples" / "demo"


def test_demo_outcomes_records_and_report(tmp_path):
    run_automend(["-q", "preprocess", "--input", str(DEMO / "rows.jsonl"), "--output", "out.jsonl",
                  "--rejects", "rejects.jsonl"], cwd=tmp_path)
    expected = json.loads((DEMO / "expected.json").read_text())
    rows = [json.loads(l) for l in open(DEMO / "rows.jsonl")]
    got = {}
    for line in open(tmp_path / "rejects.jsonl"):
        d = json.loads(line)
        got[int(d["origin"].rsplit(":", 1)[1])] = d["reason"]
    records = [json.loads(l) for l in open(tmp_path / "out.jsonl")]
    by_key = {(r["metadata"]["repo"], r["metadata"]["path"]): r for r in records}
    lines = open(tmp_path / "out.jsonl").read().splitlines(keepends=True)

    want_lines = []
    for number, (row, entry) in enumerate(zip(rows, expected["rows"]), start=1):
        assert got.get(number, "pass") == entry["outcome"], entry["path"]
        if entry["outcome"] != "pass":
            continue
        meta = by_key[(entry["repo"], entry["path"])]["metadata"]
        assert meta["iac_type"] == entry["iac_type"], entry["path"]
        assert meta["prompt_type"] == entry["prompt_type"], entry["path"]
        assert meta["redactions"] == entry["redactions_total"], entry["path"]
        want_lines.append(oracle.process(row)[1])
    assert lines == want_lines

    report = json.load(open(tmp_path / "logs" / "preprocess_report.json"))
    summary = expected["summary"]
    assert report["redactions"] == summary["redactions"]
    assert report["iac_types"] == summary["iac_type"]
    assert report["prompt_types"] == summary["prompt_type"]
    for reason, count in summary["rejections"].items():
        assert report["rejected"][reason] == count, reason
