"""Shared fixtures for the Python-driven tests: the built program, the repository, and the
shared corpus (../shared/corpus beside the checkout, as in CI) converted to JSONL rows."""
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

SOURCE_DIR = pathlib.Path(os.environ.get("AUTOMEND_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BINARY = pathlib.Path(os.environ.get("AUTOMEND_BINARY", SOURCE_DIR / "build" / "automend"))
CORPUS_DIR = SOURCE_DIR.parent / "shared" / "corpus" / "stack-yaml-sample"


@pytest.fixture(scope="session")
def binary():
    assert BINARY.exists(), f"build the program first: {BINARY}"
    return BINARY


def run_automend(args, cwd, check=True, **kwargs):
    proc = subprocess.run([str(BINARY), *args], cwd=cwd, capture_output=True, text=True, **kwargs)
    if check and proc.returncode != 0:
        raise AssertionError(f"automend {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


# Runs a command and prints its exit status and peak RSS. It runs in a fresh, small Python
# process because Linux carries a forking parent's resident size into the child's
# ru_maxrss, and the test process may hold the whole corpus.
# A run that outlives `hang_after` seconds is killed (status -9): a guard against a hang,
# not a timing assertion.
_MEASURE = """
import os, signal, subprocess, sys
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
signal.signal(signal.SIGALRM, lambda *_: p.kill())
signal.setitimer(signal.ITIMER_REAL, float(sys.argv[1]))
_, status, usage = os.wait4(p.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def copy_demo(path, config_changes=()):
    """A working folder at `path` with the shipped config/ and examples/, as a user's checkout
    has them, so `automend run` there uses the demo data; each (old, new) pair of
    `config_changes` is replaced in config/pipeline.yaml (and must be found there)."""
    shutil.copytree(SOURCE_DIR / "config", path / "config")
    shutil.copytree(SOURCE_DIR / "examples", path / "examples")
    config = path / "config" / "pipeline.yaml"
    text = config.read_text()
    for old, new in config_changes:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text)
    return path


@pytest.fixture
def workdir(tmp_path):
    return copy_demo(tmp_path)


def last_run_entries(workdir):
    """The run log's entries of the most recent run, in order."""
    entries = [json.loads(l) for l in open(workdir / "logs" / "run_log.jsonl")]
    return [e for e in entries if e["run_id"] == entries[-1]["run_id"]]


def run_measured(args, cwd, hang_after=600):
    """Runs the program and returns (exit status, its own peak RSS in KiB)."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(hang_after), str(BINARY), *args],
                         cwd=cwd, capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


# Peak-memory bounds hold for the normal build; ASan's shadow memory and quarantine add their
# own, so sanitizer builds (AUTOMEND_SANITIZED, set by CMake) skip the assertion.
SANITIZED = bool(os.environ.get("AUTOMEND_SANITIZED"))


def assert_peak_below(peak_kb, limit_mb):
    if not SANITIZED:
        assert peak_kb < limit_mb * 1024, f"peak {peak_kb // 1024} MiB, bound {limit_mb} MiB"


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def stack_row(path, content, licenses=("MIT",), repo="acme/ml", hexsha=None):
    import hashlib
    data = content.encode("utf-8", "surrogateescape")
    return {
        "hexsha": hexsha or hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest(),
        "size": len(data), "ext": path.rsplit(".", 1)[-1], "lang": "YAML",
        "max_stars_repo_path": path, "max_stars_repo_name": repo,
        "max_stars_repo_licenses": list(licenses), "content": content,
    }


@pytest.fixture(scope="session")
def corpus_rows():
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}")
    import pyarrow.parquet as pq
    rows = []
    for f in sorted(CORPUS_DIR.glob("*.parquet")):
        rows.extend(pq.read_table(f).to_pylist())
    return rows


@pytest.fixture(scope="session")
def corpus_jsonl(tmp_path_factory, corpus_rows):
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_rows(path, corpus_rows)
    return path


# The orchestrators (Airflow, DVC) live in their own virtualenv, made by
# scripts/setup_orchestration.sh (which .ci/run calls).
ORCHESTRATION_VENV = SOURCE_DIR / ".venv-orch"


def orchestration_tool(name):
    """The path of `name` (airflow, dvc) in .venv-orch; skips the test when it is absent."""
    tool = ORCHESTRATION_VENV / "bin" / name
    if not tool.exists():
        pytest.skip(f"{tool} not found: run scripts/setup_orchestration.sh "
                    "(it installs the pinned Airflow and DVC)")
    return tool


def demo_config(path, **sections):
    """Writes the shipped config/pipeline.yaml to `path` with the demo source as an absolute
    path (so the pipeline can run in any folder) and `sections` ({"anomaly": {...}}) merged
    over it."""
    import yaml
    config = yaml.safe_load((SOURCE_DIR / "config" / "pipeline.yaml").read_text())
    config["source"]["location"] = str(SOURCE_DIR / "examples" / "demo" / "rows.jsonl")
    for name, values in sections.items():
        config.setdefault(name, {}).update(values)
    pathlib.Path(path).write_text(yaml.safe_dump(config, sort_keys=False))
    return path


STAGE_COMMANDS = ["download", "analyze", "preprocess", "validate", "anomaly-check", "bias-detection"]


def run_stages(workdir, config):
    """The six stages one subcommand after another, as the DAG and dvc.yaml order them."""
    for stage in STAGE_COMMANDS:
        run_automend(["-q", "--config", str(config), stage], cwd=workdir)
