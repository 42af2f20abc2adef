"""dvc.yaml run by the real DVC (pinned in requirements-orchestration.txt, installed into
.venv-orch by scripts/setup_orchestration.sh) in a fresh git repository holding what the
pipeline needs: `dvc repro` runs the six stages, a second one runs none, changing a
parameter in config/pipeline.yaml reruns exactly the stages downstream of it, and
`dvc dag`, `dvc metrics show` and `dvc metrics diff` answer from the reports."""
import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import BINARY, SOURCE_DIR, orchestration_tool

STAGES = ["download", "analyze", "preprocess", "validate", "anomaly_check", "bias_detection"]


class Repo:
    """A temporary git + DVC repository with the program, config, dvc.yaml and demo rows."""

    def __init__(self, root, dvc):
        self.root = root
        self.dvc_tool = dvc
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DVC_", "GIT_"))}
        self.env.update({"DVC_NO_ANALYTICS": "1", "GIT_AUTHOR_NAME": "test",
                         "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "test",
                         "GIT_COMMITTER_EMAIL": "test@example.com"})
        for rel in ["dvc.yaml", "config/pipeline.yaml", "examples/demo/rows.jsonl"]:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(SOURCE_DIR / rel, root / rel)
        (root / "build").mkdir()
        shutil.copy(BINARY, root / "build" / "automend")
        self.git("init", "-q")
        self.dvc("init", "-q")
        self.dvc("config", "core.check_update", "false")

    def run(self, *cmd, check=True):
        proc = subprocess.run(cmd, cwd=self.root, env=self.env, capture_output=True, text=True,
                              timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                                 f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        return proc

    def git(self, *args):
        return self.run("git", *args)

    def dvc(self, *args, check=True):
        return self.run(str(self.dvc_tool), *args, check=check)

    def repro(self):
        """Runs `dvc repro`; returns (stages run, stages skipped) as DVC reports them."""
        out = self.dvc("repro").stdout
        ran = re.findall(r"Running stage '([^']+)'", out)
        skipped = re.findall(r"Stage '([^']+)' didn't change, skipping", out)
        assert set(ran) | set(skipped) == set(STAGES), out
        return ran, skipped

    def set_config(self, old, new):
        path = self.root / "config/pipeline.yaml"
        text = path.read_text()
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new))

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path, binary):
    return Repo(tmp_path, orchestration_tool("dvc"))


def test_repro_runs_each_stage_once_then_only_what_a_param_change_reaches(repo):
    ran, skipped = repo.repro()
    assert ran == STAGES and skipped == []
    for out in ["data/raw/rows.jsonl", "data/processed/training_records.jsonl",
                "data/processed/training_records_balanced.jsonl", "logs/schema_report.json"]:
        assert (repo.root / out).stat().st_size > 0, out
    assert (repo.root / "dvc.lock").exists()
    repo.commit("first run")

    ran, _ = repo.repro()
    assert ran == []

    # An anomaly threshold: only anomaly_check reads it.
    repo.set_config("min_pass_rate_pct: 80", "min_pass_rate_pct: 90")
    ran, _ = repo.repro()
    assert ran == ["anomaly_check"]

    # A gate: analyze and preprocess read it, and the new records reach everything after.
    repo.set_config("min_bytes: 200", "min_bytes: 1000")
    ran, skipped = repo.repro()
    assert ran == ["analyze", "preprocess", "validate", "anomaly_check", "bias_detection"]
    assert skipped == ["download"]

    # The program is a dependency of every stage: a new build reruns them all.
    with open(repo.root / "build/automend", "ab") as f:
        f.write(b"\0")
    ran, _ = repo.repro()
    assert ran == STAGES


def test_dag_matches_the_stage_inputs(repo):
    dot = repo.dvc("dag", "--dot").stdout
    edges = set(re.findall(r'"(\w+)" -> "(\w+)"', dot))
    assert edges == {("download", "analyze"), ("download", "preprocess"),
                     ("preprocess", "validate"), ("validate", "anomaly_check"),
                     ("preprocess", "bias_detection")}
    text = repo.dvc("dag").stdout
    assert all(stage in text for stage in STAGES)


def test_metrics_show_and_diff_after_a_param_change(repo):
    repo.repro()
    repo.commit("baseline")
    shown = repo.dvc("metrics", "show", "logs/schema_report.json").stdout
    header, values = shown.strip().splitlines()[:2]
    column = header.split().index("pass_rate_pct")
    assert values.split()[column] == "100.0"
    metrics = json.loads(repo.dvc("metrics", "show", "--json").stdout)
    files = next(iter(metrics.values()))["data"]
    assert {"logs/analysis_report.json", "logs/preprocess_report.json", "logs/schema_report.json",
            "logs/anomaly_report.json", "logs/bias_report.json"} <= set(files)

    assert "records" not in json.loads(repo.dvc("metrics", "diff", "--json").stdout).get(
        "logs/preprocess_report.json", {})
    repo.set_config("min_bytes: 200", "min_bytes: 1000")
    repo.repro()
    diff = json.loads(repo.dvc("metrics", "diff", "--json").stdout)
    records = diff["logs/preprocess_report.json"]["records"]
    assert records["new"] < records["old"] and records["diff"] == records["new"] - records["old"]
    assert diff["logs/schema_report.json"]["total"]["new"] == records["new"]
    text = repo.dvc("metrics", "diff").stdout
    assert re.search(r"logs/preprocess_report\.json\s+records\s+%d\s+%d" %
                     (records["old"], records["new"]), text), text
