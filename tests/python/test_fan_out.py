"""The fan-out of preprocess from the command line, as the Airflow DAG drives it:
`automend shards` lists the pieces (local parquet files, or hub files pinned to the commit,
served by a real HTTP server on loopback that behaves like the hub), each piece is
preprocessed alone with explicit paths, and `automend merge-records` joins them into the
records and report of one preprocess over everything."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import BINARY, CORPUS_DIR, demo_config, run_automend
from hub_server import HubFixture

TOKEN = "hf_fan_out_test_token_7"
REPO = "bigcode/the-stack-dedup"


def corpus_shards():
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}")
    return sorted(CORPUS_DIR.glob("*.parquet"))


def shards_of(cwd, *args, env=None):
    proc = subprocess.run([str(BINARY), "shards", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 1  # one JSON array on one line
    return json.loads(proc.stdout)


def fan_out(cwd, shards, env=None):
    """Preprocesses each shard alone, as the DAG's mapped tasks do, then merges them."""
    outputs = []
    for i, shard in enumerate(shards):
        out = cwd / "shards" / f"{i:05d}.jsonl"
        subprocess.run([str(BINARY), "-q", "preprocess", "--input", shard, "--output", str(out),
                        "--report", str(out.with_suffix(".report.json")),
                        "--rejects", str(out.with_suffix(".rejects.jsonl"))],
                       cwd=cwd, check=True, env=dict(os.environ, **(env or {})))
        outputs.append(str(out))
    run_automend(["-q", "merge-records", "--output", "merged.jsonl", "--report", "merged.report.json",
                  *outputs], cwd=cwd)
    return (cwd / "merged.jsonl").read_bytes(), json.loads((cwd / "merged.report.json").read_text())


def single(cwd, location):
    run_automend(["-q", "preprocess", "--input", location, "--output", "single.jsonl",
                  "--report", "single.report.json"], cwd=cwd)
    return (cwd / "single.jsonl").read_bytes(), json.loads((cwd / "single.report.json").read_text())


def counts(report, *also_ignored):
    ignored = ("seconds", "threads", "source") + also_ignored
    return {k: v for k, v in report.items() if k not in ignored}


def test_local_parquet_shards_merge_to_one_preprocess(tmp_path):
    files = corpus_shards()
    shards = shards_of(tmp_path, "--input", str(CORPUS_DIR))
    assert shards == [str(f) for f in files]
    records, report = fan_out(tmp_path, shards)
    one_records, one_report = single(tmp_path, str(CORPUS_DIR))
    assert records.count(b"\n") > 1000 and records == one_records
    assert counts(report) == counts(one_report)


def test_hub_shards_are_pinned_to_the_commit_and_merge_to_one_preprocess(tmp_path):
    files = corpus_shards()
    served = tmp_path / "repo" / "data" / "yaml"
    served.mkdir(parents=True)
    for f in files:
        shutil.copy(f, served / f.name)
    hub = HubFixture(str(tmp_path / "repo"), repo=REPO, token=TOKEN)
    try:
        env = {"HF_ENDPOINT": hub.endpoint, "HF_TOKEN": TOKEN, "HF_HOME": "/nonexistent-hf-home"}
        shards = shards_of(tmp_path, "--input", f"hf://datasets/{REPO}@main/data/yaml", env=env)
        assert shards == [f"hf://datasets/{REPO}@{hub.commit}/data/yaml/{f.name}" for f in files]
        # Listing asks the tree API, not every file.
        assert not [r for r in hub.requests(server="hub") if r["method"] == "HEAD"]
        work = tmp_path / "work"
        work.mkdir()
        records, report = fan_out(work, shards, env=env)
    finally:
        hub.close()
    one_records, one_report = single(tmp_path, str(CORPUS_DIR))
    assert records == one_records
    # Examples name their origin: hub locations here, local paths there.
    assert counts(report, "examples", "malformed_rows") == counts(one_report, "examples", "malformed_rows")


def test_pipeline_shards_follow_the_config(tmp_path):
    # The demo config reads a JSONL source: preprocess reads the raw sample, one shard.
    config = demo_config(tmp_path / "demo.yaml")
    assert shards_of(tmp_path, "--config", str(config)) == [str(tmp_path / "data/raw/rows.jsonl")]
    # A parquet source read whole: its files.
    files = corpus_shards()
    (tmp_path / "all.yaml").write_text(f"source: {{location: {CORPUS_DIR}, sample_rows: all}}\n")
    assert shards_of(tmp_path, "--config", "all.yaml") == [str(f) for f in files]
    # Sampled: what download chose, in the raw folder.
    (tmp_path / "some.yaml").write_text(f"source: {{location: {CORPUS_DIR}, sample_rows: 500}}\n")
    assert shards_of(tmp_path, "--config", "some.yaml") == [str(tmp_path / "data/raw/rows.jsonl")]


def test_merge_records_defaults_come_from_the_config(tmp_path):
    config = demo_config(tmp_path / "config.yaml")
    run_automend(["-q", "--config", str(config), "download"], cwd=tmp_path)
    rows = str(tmp_path / "data/raw/rows.jsonl")
    run_automend(["-q", "preprocess", "--input", rows, "--output", "s/0.jsonl", "--report",
                  "s/0.report.json", "--rejects", "s/0.rejects.jsonl"], cwd=tmp_path)
    run_automend(["-q", "--config", str(config), "merge-records", "s/0.jsonl"], cwd=tmp_path)
    records = (tmp_path / "data/processed/training_records.jsonl").read_bytes()
    assert records == (tmp_path / "s/0.jsonl").read_bytes()
    report = json.loads((tmp_path / "logs/preprocess_report.json").read_text())
    assert report["records"] == records.count(b"\n")
    assert (tmp_path / "logs/merge_records.log").stat().st_size > 0


def test_merge_records_usage_and_missing_inputs(tmp_path):
    assert run_automend(["merge-records"], cwd=tmp_path, check=False).returncode == 2
    proc = run_automend(["merge-records", "--output", "m.jsonl", "nope.jsonl"], cwd=tmp_path,
                        check=False)
    assert proc.returncode == 3 and "nope" in proc.stderr
    assert not (tmp_path / "m.jsonl").exists()
