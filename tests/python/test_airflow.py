"""The Airflow DAG (dags/iac_payload_pipeline.py) run by the real Airflow, pinned in
requirements-orchestration.txt and installed into .venv-orch by
scripts/setup_orchestration.sh: the DAG file imports cleanly, `airflow dags test` (SQLite,
no scheduler) runs the demo data to the same outputs as the program's own stages, fans
preprocess out over the shared corpus's parquet shards and merges them to exactly the
records of one preprocess, and a failing stage fails the run."""
import json
import os
import re
import subprocess

import pytest

from conftest import (BINARY, CORPUS_DIR, SOURCE_DIR, demo_config, orchestration_tool,
                      run_automend, run_stages)

DAG_ID = "iac_payload_pipeline"
STAGE_TASKS = ["download", "analyze", "preprocess", "validate", "anomaly_check", "bias_detection"]
OUTPUTS = ["data/processed/training_records.jsonl",
           "data/processed/training_records_balanced.jsonl",
           "logs/analysis_report.json", "logs/preprocess_report.json", "logs/schema_report.json",
           "logs/anomaly_report.json", "logs/bias_report.json"]


class Airflow:
    """Runs the airflow command line against a private AIRFLOW_HOME (SQLite)."""

    def __init__(self, tool, home):
        self.tool = tool
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("AIRFLOW", "AUTOMEND_"))}
        self.env.update({
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(SOURCE_DIR / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "PYTHONWARNINGS": "ignore",
            "AUTOMEND_BIN": str(BINARY),
        })

    def run(self, *args, env=None, check=True, timeout=300):
        proc = subprocess.run([str(self.tool), *args], env={**self.env, **(env or {})},
                              capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"airflow {' '.join(args)} exited {proc.returncode}:\n"
                                 f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        return proc

    def json(self, *args, env=None, check=True):
        """A command's `-o json` answer (the last line: warnings may come before it)."""
        out = self.run(*args, "-o", "json", env=env, check=check).stdout.strip().splitlines()
        return json.loads(out[-1]) if out else []

    def dags_test(self, workdir, config, conf=None, env=None):
        """`airflow dags test` with the program working in `workdir` on `config`; returns
        (exit status, output, {task_id: [state per map index]})."""
        run_env = {"AUTOMEND_WORKDIR": str(workdir), "AUTOMEND_CONFIG": str(config), **(env or {})}
        args = ["dags", "test", DAG_ID] + (["-c", json.dumps(conf)] if conf else [])
        proc = self.run(*args, env=run_env, check=False, timeout=600)
        output = proc.stdout + proc.stderr
        m = re.search(r"DagRun Finished: .*?run_id=([^,\s]+)", output)
        assert m, f"no DagRun in the output of dags test:\n{output[-4000:]}"
        states = {}
        for ti in self.json("tasks", "states-for-dag-run", DAG_ID, m.group(1)):
            states.setdefault(ti["task_id"], []).append(ti["state"])
        return proc.returncode, output, states


@pytest.fixture(scope="module")
def airflow(tmp_path_factory, binary):
    af = Airflow(orchestration_tool("airflow"), tmp_path_factory.mktemp("airflow-home"))
    af.run("db", "migrate")
    af.run("dags", "reserialize")
    return af


@pytest.fixture(scope="module")
def demo_reference(tmp_path_factory, binary):
    """The demo data through the six subcommands, run by hand: what the DAG must reproduce."""
    work = tmp_path_factory.mktemp("reference")
    config = demo_config(work / "config.yaml")
    run_stages(work, config)
    return work


def assert_succeeded(rc, output, states, tasks):
    assert rc == 0, output[-6000:]
    for t in tasks:
        assert states.get(t) and all(s == "success" for s in states[t]), (t, states)


def test_dag_imports_cleanly_and_is_manual_only(airflow):
    assert airflow.json("dags", "list-import-errors") == []
    assert airflow.json("dags", "list-import-errors", "--local") == []
    details = airflow.json("dags", "details", DAG_ID)[0]
    assert details["timetable_description"] == "Never, external triggers only"
    assert details["max_active_runs"] == "1"
    tasks = airflow.run("tasks", "list", DAG_ID).stdout.split()
    assert set(STAGE_TASKS + ["list_shards", "plan_preprocess", "preprocess_shard",
                              "merge_records"]) <= set(tasks)


def test_import_error_check_sees_a_broken_dag_file(airflow, tmp_path):
    # The check above could not fail if Airflow never parsed the folder: a DAG file that
    # does not import must show up.
    dags = tmp_path / "dags"
    dags.mkdir()
    text = (SOURCE_DIR / "dags" / "iac_payload_pipeline.py").read_text()
    (dags / "broken_pipeline.py").write_text(text.replace("import pendulum", "import pendulum_nope"))
    errors = airflow.json("dags", "list-import-errors", "--local", check=False,
                          env={"AIRFLOW__CORE__DAGS_FOLDER": str(dags)})
    assert len(errors) == 1 and "pendulum_nope" in errors[0]["error"]


def test_demo_run_matches_the_stages_run_by_hand(airflow, demo_reference, tmp_path):
    config = demo_config(tmp_path / "config.yaml")
    rc, output, states = airflow.dags_test(tmp_path, config)
    assert_succeeded(rc, output, states, STAGE_TASKS + ["list_shards", "plan_preprocess"])
    # One shard (the raw sample): the single preprocess ran, the fan-out was skipped.
    assert states["preprocess_shard"] == ["skipped"] and states["merge_records"] == ["skipped"]
    for out in OUTPUTS:
        assert (tmp_path / out).read_bytes() == (demo_reference / out).read_bytes(), out
    report = json.loads((tmp_path / "logs/schema_report.json").read_text())
    assert report["total"] > 10 and report["pass_rate_pct"] == 100.0
    assert json.loads((tmp_path / "logs/anomaly_report.json").read_text())["status"] == "PASS"


def test_demo_run_matches_automend_run(demo_reference, tmp_path, binary):
    # The built-in runner gives what the DAG (previous test) and the stages by hand give.
    config = demo_config(tmp_path / "config.yaml")
    run_automend(["-q", "--config", str(config), "run"], cwd=tmp_path)
    for out in OUTPUTS:
        assert (tmp_path / out).read_bytes() == (demo_reference / out).read_bytes(), out


def test_fan_out_on_one_shard_and_variables_over_environment(airflow, demo_reference, tmp_path):
    # fan_out=always sends the single raw sample through preprocess_shard + merge_records.
    # The config comes from the Airflow Variable (here from AIRFLOW_VAR_..., Airflow's
    # environment secrets backend), which wins over the plain environment variable that
    # names a config the program would refuse.
    config = demo_config(tmp_path / "config.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("gates: {min_bytes: not-a-number}\n")
    rc, output, states = airflow.dags_test(tmp_path, broken, conf={"fan_out": "always"},
                                           env={"AIRFLOW_VAR_AUTOMEND_CONFIG": str(config)})
    assert_succeeded(rc, output, states, STAGE_TASKS[:2] + STAGE_TASKS[3:] +
                     ["preprocess_shard", "merge_records"])
    assert states["preprocess"] == ["skipped"]
    for out in OUTPUTS:
        if out.endswith("preprocess_report.json"):
            continue  # names the shard by its absolute path: compared below
        assert (tmp_path / out).read_bytes() == (demo_reference / out).read_bytes(), out
    merged = json.loads((tmp_path / "logs/preprocess_report.json").read_text())
    single = json.loads((demo_reference / "logs/preprocess_report.json").read_text())
    assert comparable(merged, "examples", "malformed_rows") == \
        comparable(single, "examples", "malformed_rows")


def comparable(report, *also_ignored):
    """A preprocess report without what names the input (and `also_ignored`)."""
    ignored = ("seconds", "threads", "source") + also_ignored
    return {k: v for k, v in report.items() if k not in ignored}


def test_sharded_corpus_fans_out_and_merges_like_one_preprocess(airflow, tmp_path, binary):
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}")
    shards = sorted(CORPUS_DIR.glob("*.parquet"))
    assert len(shards) > 1
    config = tmp_path / "config.yaml"
    config.write_text(f"source:\n  location: {CORPUS_DIR}\n  sample_rows: all\n")
    rc, output, states = airflow.dags_test(tmp_path, config)
    assert_succeeded(rc, output, states, STAGE_TASKS[:2] + STAGE_TASKS[3:] +
                     ["preprocess_shard", "merge_records"])
    assert states["preprocess"] == ["skipped"]
    assert states["preprocess_shard"] == ["success"] * len(shards)
    # Each mapped task read one parquet file and wrote its own outputs.
    shard_dir = tmp_path / "data/processed/shards"
    assert sorted(p.name for p in shard_dir.glob("*.report.json")) == [
        f"{i:05d}.report.json" for i in range(len(shards))]
    for i, shard in enumerate(shards):
        report = json.loads((shard_dir / f"{i:05d}.report.json").read_text())
        assert shard.name in report["source"]

    single = tmp_path / "single"
    single.mkdir()
    run_automend(["-q", "--config", str(config), "preprocess", "--input", str(CORPUS_DIR),
                  "--output", "records.jsonl", "--report", "report.json"], cwd=single)
    merged = (tmp_path / "data/processed/training_records.jsonl").read_bytes()
    assert merged.count(b"\n") > 1000
    assert merged == (single / "records.jsonl").read_bytes()
    merged_report = json.loads((tmp_path / "logs/preprocess_report.json").read_text())
    single_report = json.loads((single / "report.json").read_text())
    assert merged_report["rejected"]["duplicate"] > 0  # the corpus repeats rows across shards
    assert comparable(merged_report) == comparable(single_report)


def test_failing_stage_fails_the_run(airflow, tmp_path):
    # Too few records for the anomaly rules, and anomalies made fatal: anomaly-check exits 1.
    config = demo_config(tmp_path / "config.yaml",
                         anomaly={"min_records": 100000, "fail_on_anomaly": True})
    rc, output, states = airflow.dags_test(tmp_path, config)
    assert rc != 0
    assert states["validate"] == ["success"]
    assert states["anomaly_check"] == ["failed"]
    assert states["bias_detection"] == ["upstream_failed"]
    assert json.loads((tmp_path / "logs/anomaly_report.json").read_text())["status"] == "FAIL"
    assert not (tmp_path / "data/processed/training_records_balanced.jsonl").exists()


def test_broken_config_fails_the_first_stage(airflow, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("gates: {no_such_key: 1}\n")
    rc, output, states = airflow.dags_test(tmp_path, config)
    assert rc != 0
    assert states["download"] == ["failed"]
    assert all(states[t] == ["upstream_failed"] for t in STAGE_TASKS[1:])
    assert not (tmp_path / "data").exists()
