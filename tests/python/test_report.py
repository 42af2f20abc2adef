"""The run report (reports/index.html) in a real browser: Debian's headless Chromium,
driven by playwright-core (tests/browser/render_report.js), opens the page written by
`automend run` on the demo data, and by a run that fails its anomaly check. The page must
load with no console error and no request but its own file, and every section must show
the numbers of the JSON report it was drawn from (compared here with the files). A
full-page screenshot of each goes to <build dir>/test-artifacts/.

Needs `scripts/setup_browser.sh` (chromium and tests/browser/node_modules); without them
the browser tests skip and say so. The checks of the page's text need no browser."""
import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import BINARY, SOURCE_DIR, copy_demo, last_run_entries, run_automend

BROWSER_DIR = SOURCE_DIR / "tests" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = BINARY.parent / "test-artifacts"
STAGES = ["download", "analyze", "preprocess", "validate", "anomaly_check", "bias_detection"]
SECTIONS = ["pipeline", "timings", "funnel", "schema", "anomalies", "bias", "redactions"]
TOKENS = {"REDACTED_CREDS": "r-creds", "IPV4_REDACTED": "r-ipv4", "REDACTED_EMAIL": "r-email",
          "sk-REDACTED": "r-apikey", "REDACTED_SECRET": "r-secret"}


def browser_missing():
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found"
    if shutil.which("node") is None:
        return "node not found"
    if not (BROWSER_DIR / "node_modules" / "playwright-core").is_dir():
        return f"{BROWSER_DIR}/node_modules has no playwright-core"
    return None


def render(page, name):
    """Opens `page` in Chromium; returns what render_report.js saw, and saves the screenshot."""
    missing = browser_missing()
    if missing:
        pytest.skip(f"browser test skipped: {missing}; run scripts/setup_browser.sh")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"report-{name}.png"
    proc = subprocess.run(["node", str(BROWSER_DIR / "render_report.js"), str(page), str(shot)],
                          capture_output=True, text=True, timeout=180,
                          env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr
    assert shot.is_file() and shot.stat().st_size > 10000
    return json.loads(proc.stdout)


def load(path):
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    workdir = copy_demo(tmp_path_factory.mktemp("demo"))
    run_automend(["-q", "run"], cwd=workdir)
    run_automend(["-q", "run"], cwd=workdir)  # a second run, every stage skipped
    return workdir


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    workdir = copy_demo(tmp_path_factory.mktemp("anomaly"),
                           [("min_records: 10", "min_records: 1000"),
                            ("fail_on_anomaly: false", "fail_on_anomaly: true")])
    proc = run_automend(["-q", "run"], cwd=workdir, check=False)
    assert proc.returncode == 1, proc.stderr
    return workdir


def check_loads_offline(seen):
    assert seen["requests"] == [seen["url"]], "the page fetched something"
    assert seen["failed_requests"] == []
    assert [m for m in seen["console"] if m["type"] in ("error", "warning")] == []
    assert seen["page_errors"] == []
    dom = seen["dom"]
    assert dom["scripts"] == 0
    assert dom["external"] == ["data:,"]  # the empty favicon, so the browser asks for none
    assert [s["id"] for s in dom["sections"]] == SECTIONS
    assert dom["svg_shapes"] > 50


def check_run_sections(dom, workdir):
    log = [json.loads(l) for l in open(workdir / "logs" / "run_log.jsonl")]
    entries = last_run_entries(workdir)
    by_stage = {e["stage"]: e for e in entries}
    start = min(e["start"] for e in entries)
    stages = {s["stage"]: s for s in dom["stages"]}
    assert list(stages) == STAGES
    for name in STAGES:
        e = by_stage.get(name)
        node = stages[name]
        if e is None:
            assert node["status"] == "not reached"
            continue
        assert node["status"] == e["status"]
        if e["status"] == "skipped":  # the rows of the last run that ran it
            e = [x for x in log if x["stage"] == name and x["status"] == "ran"][-1]
        assert node["rowsIn"] == (str(e["rows_in"]) if e["rows_in"] >= 0 else "")
        assert node["rowsOut"] == (str(e["rows_out"]) if e["rows_out"] >= 0 else "")
    for bar in dom["gantt"]:
        e = by_stage.get(bar["stage"])
        assert bar["status"] == (e["status"] if e else "not reached")
        if e:
            assert float(bar["start"]) == pytest.approx(e["start"] - start, abs=1e-5)
            assert float(bar["end"]) == pytest.approx(e["end"] - start, abs=1e-5)
    run_ids = []
    for line in open(workdir / "logs" / "run_log.jsonl"):
        run_id = json.loads(line)["run_id"]
        if run_id not in run_ids:
            run_ids.append(run_id)
    assert [r["runId"] for r in dom["runs"]] == run_ids[::-1][:10]


def check_funnel(dom, workdir):
    pre = load(workdir / "logs" / "preprocess_report.json")
    rejected = pre["rejected"]
    want = [("rows read", pre["rows_in"], pre["rows_in"], 0)]
    rows = pre["rows_in"]
    for reason in ("duplicate", "encoding"):
        want.append((reason, rows, rows - rejected[reason], rejected[reason]))
        rows -= rejected[reason]
    want += [(g["gate"], g["in"], g["out"], g["rejected"]) for g in pre["funnel"]]
    got = [(s["gate"], int(s["in"]), int(s["out"]), int(s["rejected"])) for s in dom["funnel"]]
    assert got == want
    assert want[-1][2] == pre["records"]
    assert {r["reason"]: int(r["rejected"]) for r in dom["reasons"]} == \
        {k: v for k, v in rejected.items() if k != "malformed" or v}


def check_schema_and_anomalies(dom, workdir):
    schema = load(workdir / "logs" / "schema_report.json")
    assert float(dom["pass_rate"][0]["passRate"]) == pytest.approx(schema["pass_rate_pct"])
    assert {v["label"]: int(float(v["value"])) for v in dom["violations"]} == schema["violation_counts"]
    assert int(dom["pii_leaks"][0]["piiLeaks"]) == sum(schema["pii_leaks"].values())
    section = {s["id"]: s["text"] for s in dom["sections"]}["schema"]
    assert f"{schema['valid']} of {schema['total']} records" in section
    anomaly = load(workdir / "logs" / "anomaly_report.json")
    assert dom["anomaly_status"] == [{"status": anomaly["status"]}]
    assert [a["rule"] for a in dom["anomalies"]] == [a["rule"] for a in anomaly["anomalies"]]
    for row, a in zip(dom["anomalies"], anomaly["anomalies"]):
        assert a["message"] in row["text"]
    kpis = {k["key"]: k["text"] for k in dom["kpis"]}
    assert anomaly["status"] in kpis["anomaly check"]


def check_bias(dom, workdir):
    bias = load(workdir / "logs" / "bias_report.json")
    charts = {d["dimension"]: d["rows"] for d in dom["bias"]}
    assert list(charts) == list(bias["slices"])
    for dimension, rows in charts.items():
        before = bias["slices"][dimension]
        after = bias["slices_after_mitigation"][dimension]
        assert [r["label"] for r in rows] == list(before) + [s for s in after if s not in before]
        for row in rows:
            shown = {v["series"]: float(v["value"]) for v in row["values"]}
            want = {}
            if row["label"] in before:
                want["before"] = before[row["label"]]["share"]
            if row["label"] in after:
                want["after"] = after[row["label"]]["share"]
            assert shown == pytest.approx(want, abs=1e-6), (dimension, row["label"])
    m = bias["mitigation"]
    assert dom["mitigation"] == [{"original": str(m["original_total"]), "balanced": str(m["balanced_total"])}]
    # iac_type after mitigation is the mitigation's own balanced slices.
    assert {k: v["count"] for k, v in bias["slices_after_mitigation"]["iac_type"].items()} == \
        {k: v["count"] for k, v in m["balanced_slices"].items()}


def check_redactions(dom, workdir):
    pre = load(workdir / "logs" / "preprocess_report.json")
    assert {r["label"]: int(float(r["value"])) for r in dom["redactions"]} == pre["redactions"]
    records = (workdir / "data" / "processed" / "training_records.jsonl").read_text().splitlines()
    assert 1 <= len(dom["samples"]) <= 3
    shown_kinds = set()
    for sample in dom["samples"]:
        record = json.loads(records[int(sample["line"]) - 1])
        manifest = json.loads(record["messages"][1]["content"])["params"]["manifest_content"]
        prompt = record["messages"][0]["content"]
        assert record["metadata"]["path"] in sample["text"]
        assert prompt in sample["text"]
        assert record["metadata"]["redactions"] > 0
        # Every token is marked, with its kind's class: once in the excerpt, once in the
        # whole manifest, and in the prompt.
        count = lambda text: sum(text.count(t) for t in TOKENS)
        assert len(sample["marks"]) == 2 * count(manifest) + count(prompt)
        for mark in sample["marks"]:
            assert mark["cls"] == "redacted " + TOKENS[mark["text"]]
            shown_kinds.add(mark["text"])
    assert len(shown_kinds) >= 3  # the demo data has all four classes


def test_demo_run_report_in_the_browser(demo):
    seen = render(demo / "reports" / "index.html", "demo")
    check_loads_offline(seen)
    dom = seen["dom"]
    assert dom["outcome"] == {"outcome": "succeeded"}
    assert dom["missing"] == []
    check_run_sections(dom, demo)
    assert [s["status"] for s in dom["stages"]] == ["skipped"] * 6
    assert [r["outcome"] for r in dom["runs"]] == ["succeeded", "succeeded"]
    check_funnel(dom, demo)
    check_schema_and_anomalies(dom, demo)
    check_bias(dom, demo)
    check_redactions(dom, demo)


def test_failing_run_report_shows_the_failure(failing):
    seen = render(failing / "reports" / "index.html", "anomaly-fail")
    check_loads_offline(seen)
    dom = seen["dom"]
    assert dom["outcome"] == {"outcome": "failed"}
    assert "FAILED at anomaly_check" in dom["header"]
    assert "anomaly check FAIL" in dom["header"]
    check_run_sections(dom, failing)
    statuses = {s["stage"]: s["status"] for s in dom["stages"]}
    assert statuses["anomaly_check"] == "failed" and statuses["bias_detection"] == "not reached"
    assert dom["anomaly_status"] == [{"status": "FAIL"}]
    assert [a["rule"] for a in dom["anomalies"]] == ["min_records"]
    check_schema_and_anomalies(dom, failing)
    check_funnel(dom, failing)
    # bias_detection never ran in this folder: its section says so instead of failing.
    assert dom["missing"] == ["logs/bias_report.json"]
    assert "Not produced yet" in {s["id"]: s["text"] for s in dom["sections"]}["bias"]


def test_the_check_catches_a_page_that_reaches_out(demo, tmp_path):
    # The same page with an image from the network: the offline check must fail on it (the
    # page's Content-Security-Policy refuses it, the test's router would abort it).
    page = (demo / "reports" / "index.html").read_text()
    bad = tmp_path / "index.html"
    bad.write_text(page.replace("<main>", '<main><img src="https://example.invalid/pixel.png" alt="">', 1))
    seen = render(bad, "reaching-out")
    assert len(seen["requests"]) > 1 or any(m["type"] == "error" for m in seen["console"])
    with pytest.raises(AssertionError):
        check_loads_offline(seen)


# ---- without a browser -----------------------------------------------------------------------

def strip_generated(page):
    return re.sub(r"Generated [^<]* by automend", "", page)


def test_report_command_redraws_the_page_from_the_files(demo, tmp_path):
    page = (demo / "reports" / "index.html").read_text()
    run_automend(["-q", "report", "--output", str(tmp_path / "again.html")], cwd=demo)
    assert strip_generated((tmp_path / "again.html").read_text()) == strip_generated(page)
    run_automend(["-q", "report"], cwd=demo)
    assert strip_generated((demo / "reports" / "index.html").read_text()) == strip_generated(page)


def test_report_with_nothing_run_yet(tmp_path):
    proc = run_automend(["report"], cwd=tmp_path)
    assert "report: wrote reports/index.html" in proc.stderr
    page = (tmp_path / "reports" / "index.html").read_text()
    assert page.count("No run recorded yet") == 2  # the stage graph and the timings
    # The funnel, schema, anomalies, bias, redactions and the sample records.
    assert page.count("Not produced yet") == 6
    assert "<script" not in page
