"""AutoMend's pipeline as an Airflow DAG: `iac_payload_pipeline`.

    download -> analyze -> preprocess -> validate -> anomaly_check -> bias_detection

Every task runs one subcommand of the `automend` program (spec sections 1 and 7); the
program does the work, Airflow only orders it, retries it and shows its logs. Manual
trigger only (no schedule); one run at a time, because every run writes the same files.

Where things are (read at run time on the worker, so they can differ per machine): an
Airflow Variable of that name, else the environment variable, else the default beside this
file (docs/orchestration.md):

    AUTOMEND_BIN        the program            <repo>/build/automend
    AUTOMEND_CONFIG     the config file        <repo>/config/pipeline.yaml
    AUTOMEND_WORKDIR    where data/ and logs/ are written (relative paths in the
                        config are relative to it)       <repo>
    AUTOMEND_SHARD_DIR  per-shard preprocess outputs     <workdir>/data/processed/shards

Fan-out of preprocess (trigger parameter `fan_out`): `list_shards` asks the program which
independent pieces preprocess reads (`automend shards`: the source's parquet files when
`source.sample_rows` is `all`, else the raw sample alone). With `auto` (the default) more
than one shard fans out: one mapped task per shard runs a self-contained
`automend preprocess --input SHARD --output/--report/--rejects FILES` (absolute paths, so
it runs on any worker of a Celery or Kubernetes executor that sees the same files), then
`merge_records` joins the outputs in shard order and dedups again; the records are byte
for byte those of a single `preprocess`. `always` fans out even one shard; `never` runs
the single `preprocess` task.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

import pendulum
from airflow.sdk import Param, Variable, dag, get_current_context, task

REPO = Path(__file__).resolve().parent.parent

# The stages in order: task id -> the program's subcommand.
STAGES = {
    "download": "download",
    "analyze": "analyze",
    "preprocess": "preprocess",
    "validate": "validate",
    "anomaly_check": "anomaly-check",
    "bias_detection": "bias-detection",
}


def _setting(name: str, default: str) -> str:
    """An Airflow Variable, else the environment, else `default` (at run time only: a
    Variable lookup while the scheduler parses this file would hit the database)."""
    value = Variable.get(name, default=None)
    return value or os.environ.get(name) or default


def _paths() -> dict[str, str]:
    workdir = Path(_setting("AUTOMEND_WORKDIR", str(REPO)))

    def resolve(name: str, default: Path) -> str:
        return str(workdir / _setting(name, str(default)))  # an absolute setting stays as it is

    return {
        "workdir": str(workdir),
        "bin": resolve("AUTOMEND_BIN", REPO / "build" / "automend"),
        "config": resolve("AUTOMEND_CONFIG", REPO / "config" / "pipeline.yaml"),
        "shard_dir": resolve("AUTOMEND_SHARD_DIR", workdir / "data" / "processed" / "shards"),
    }


def _command(*args: str) -> str:
    """The bash command that runs `automend --config CONFIG ARGS...` in the work folder.
    `exec` hands signals (a task killed from the UI) straight to the program."""
    p = _paths()
    program = [p["bin"], "--config", p["config"], *args]
    return f"cd {shlex.quote(p['workdir'])} && exec {shlex.join(program)}"


def _shard_output(shard_dir: str, index: int) -> str:
    return f"{shard_dir}/{index:05d}.jsonl"


def _stage_task(task_id: str, **kwargs):
    @task.bash(task_id=task_id, **kwargs)
    def run_stage() -> str:
        return _command(STAGES[task_id])

    return run_stage()


@task
def list_shards() -> list[str]:
    """The shards preprocess reads, from `automend shards` (a JSON array on stdout)."""
    p = _paths()
    proc = subprocess.run([p["bin"], "--config", p["config"], "shards"], cwd=p["workdir"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"automend shards exited {proc.returncode}: {proc.stderr.strip()}")
    shards = json.loads(proc.stdout)
    print(f"{len(shards)} shard(s): {shards}")
    return shards


@task.branch
def plan_preprocess(shards: list[str], params: dict | None = None) -> str:
    """Fans out when asked to, or (auto) when there is more than one shard."""
    mode = (params or {}).get("fan_out", "auto")
    fan_out = mode == "always" or (mode == "auto" and len(shards) > 1)
    print(f"fan_out={mode}, {len(shards)} shard(s): "
          f"{'one task per shard' if fan_out else 'a single preprocess'}")
    return "preprocess_shard" if fan_out else "preprocess"


@task.bash(map_index_template="{{ shard_name }}")
def preprocess_shard(shard: str) -> str:
    """One shard alone; every path explicit so any worker can run it."""
    context = get_current_context()
    index = context["ti"].map_index
    context["shard_name"] = shard.rsplit("/", 1)[-1]
    out = _shard_output(_paths()["shard_dir"], index)
    stem = out[: -len(".jsonl")]
    return _command("preprocess", "--input", shard, "--output", out,
                    "--report", f"{stem}.report.json", "--rejects", f"{stem}.rejects.jsonl")


@task.bash
def merge_records(shards: list[str]) -> str:
    """The shard outputs in shard order into the configured records file and report."""
    shard_dir = _paths()["shard_dir"]
    return _command("merge-records", *(_shard_output(shard_dir, i) for i in range(len(shards))))


@dag(
    dag_id="iac_payload_pipeline",
    description="AutoMend: Kubernetes ML-infrastructure manifests -> training records",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["automend"],
    doc_md=__doc__,
    params={
        "fan_out": Param("auto", type="string", enum=["auto", "always", "never"],
                         description="preprocess one task per shard: auto (more than one "
                                     "shard), always, or never"),
    },
)
def iac_payload_pipeline():
    download = _stage_task("download")
    analyze = _stage_task("analyze")
    shards = list_shards()
    plan = plan_preprocess(shards)
    preprocess = _stage_task("preprocess")
    fanned = preprocess_shard.expand(shard=shards)
    merged = merge_records(shards)
    # Runs after whichever preprocess path ran; the other one is skipped, not failed.
    validate = _stage_task("validate", trigger_rule="none_failed_min_one_success")
    anomaly_check = _stage_task("anomaly_check")
    bias_detection = _stage_task("bias_detection")

    download >> analyze >> shards >> plan
    plan >> preprocess >> validate
    plan >> fanned >> merged >> validate
    validate >> anomaly_check >> bias_detection


iac_payload_pipeline()
