"""`automend run`, the built-in runner, on the bundled demo data: it runs the six stages,
skips what is unchanged and says why, reruns what a change touches, and a run killed with
SIGKILL at any point leaves every output complete or absent and is finished by the next."""
import hashlib
import json
import os
import signal
import subprocess
import time

import pytest

from conftest import BINARY, last_run_entries, run_automend

STAGES = ["download", "analyze", "preprocess", "validate", "anomaly_check", "bias_detection"]
OUTPUTS = ["data/raw/rows.jsonl", "data/raw/manifest.lock.json", "logs/analysis_report.json",
           "data/processed/training_records.jsonl", "logs/preprocess_report.json",
           "logs/schema_report.json", "logs/anomaly_report.json", "logs/bias_report.json",
           "data/processed/training_records_balanced.jsonl"]


def last_run(workdir):
    return {e["stage"]: e for e in last_run_entries(workdir)}


def set_config(workdir, old, new):
    path = workdir / "config/pipeline.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_runs_all_then_skips_all_with_reasons(workdir):
    run_automend(["-q", "run"], cwd=workdir)
    first = last_run(workdir)
    assert [first[s]["status"] for s in STAGES] == ["ran"] * 6
    assert first["preprocess"]["rows_in"] == 100 and first["preprocess"]["rows_out"] == 59
    for out in OUTPUTS:
        assert (workdir / out).is_file(), out
    run_automend(["-q", "run"], cwd=workdir)
    second = last_run(workdir)
    assert [second[s]["status"] for s in STAGES] == ["skipped"] * 6
    assert second["validate"]["reason"] == "inputs, parameters and program unchanged"
    # The runner's records are the subcommand's.
    run_automend(["-q", "preprocess", "--input", "data/raw/rows.jsonl", "--output", "alone.jsonl"],
                 cwd=workdir)
    assert (workdir / "alone.jsonl").read_bytes() == \
        (workdir / "data/processed/training_records.jsonl").read_bytes()


def test_a_change_reruns_exactly_what_it_touches(workdir):
    run_automend(["-q", "run"], cwd=workdir)
    set_config(workdir, "seed: 42                               # seeded",
               "seed: 42                               # seeded")  # no change at all
    set_config(workdir, "max_slice_share: 0.40", "max_slice_share: 0.45")
    run_automend(["-q", "run"], cwd=workdir)
    r = last_run(workdir)
    assert {s: r[s]["status"] for s in STAGES} == {
        "download": "skipped", "analyze": "skipped", "preprocess": "skipped",
        "validate": "skipped", "anomaly_check": "skipped", "bias_detection": "ran"}
    assert r["bias_detection"]["reason"] == "its parameters changed"
    set_config(workdir, "min_bytes: 200", "min_bytes: 300")
    run_automend(["-q", "run"], cwd=workdir)
    r = last_run(workdir)
    assert r["download"]["status"] == "skipped"
    assert r["analyze"]["status"] == r["preprocess"]["status"] == "ran"
    assert r["validate"]["reason"] == "input data/processed/training_records.jsonl changed"
    (workdir / "logs/schema_report.json").unlink()
    run_automend(["-q", "run"], cwd=workdir)
    r = last_run(workdir)
    assert r["validate"]["reason"] == "output logs/schema_report.json is missing"
    run_automend(["-q", "run", "--force"], cwd=workdir)
    assert {e["status"] for e in last_run(workdir).values()} == {"ran"}


def test_failing_stage_stops_the_run_with_its_status(workdir):
    set_config(workdir, "fail_on_anomaly: false", "fail_on_anomaly: true")
    set_config(workdir, "min_records: 10", "min_records: 1000")
    proc = run_automend(["-q", "run"], cwd=workdir, check=False)
    assert proc.returncode == 1
    r = last_run(workdir)
    assert r["anomaly_check"]["status"] == "failed" and r["anomaly_check"]["exit_code"] == 1
    assert "bias_detection" not in r


def big_demo(workdir, copies):
    """The demo rows repeated with new hexsha values, so stages take long enough to kill."""
    rows = [json.loads(l) for l in open(workdir / "examples/demo/rows.jsonl")]
    with open(workdir / "big.jsonl", "w") as f:
        for c in range(copies):
            for r in rows:
                r = dict(r, hexsha=hashlib.sha1(f"{r['hexsha']}{c}".encode()).hexdigest())
                f.write(json.dumps(r) + "\n")
    set_config(workdir, "location: examples/demo/rows.jsonl", "location: big.jsonl")


def snapshot(workdir):
    return {o: (workdir / o).read_bytes() for o in OUTPUTS if (workdir / o).exists()}


@pytest.mark.parametrize("target", ["data/raw/rows.jsonl", "data/processed/training_records.jsonl",
                                    "data/processed/training_records_balanced.jsonl"])
def test_sigkill_mid_write_leaves_outputs_complete_or_absent(workdir, target):
    big_demo(workdir, 300)
    run_automend(["-q", "run"], cwd=workdir)
    complete = snapshot(workdir)
    (workdir / "config/pipeline.yaml").write_text(
        (workdir / "config/pipeline.yaml").read_text() + "\n")  # same params: nothing to do
    proc = subprocess.Popen([str(BINARY), "-q", "run", "--force"], cwd=workdir)
    folder = (workdir / target).parent
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if any(p.name.startswith((workdir / target).name + ".tmp.") for p in folder.iterdir()):
            break
        time.sleep(0.001)
    assert proc.poll() is None, "the stage finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Every output is either absent or exactly a complete earlier version.
    for name, data in snapshot(workdir).items():
        assert data == complete[name], name
    run_automend(["-q", "run"], cwd=workdir)
    assert snapshot(workdir) == complete
    assert not [p for p in workdir.rglob("*.tmp.*")]
