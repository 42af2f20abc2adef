"""The download stage: a seeded, reproducible sample of row groups spread over every shard,
from local parquet and from the hub (a real HTTP server on loopback that behaves like it),
with a lock file that pins what was read and notices when a served file changes."""
import json
import os
import shutil
import subprocess

import pyarrow.parquet as pq
import pytest

from conftest import BINARY, CORPUS_DIR, run_automend
from hub_server import HubFixture

TOKEN = "hf_download_test_token_42"
REPO = "bigcode/the-stack-dedup"
LOCATION = f"hf://datasets/{REPO}@main/data/yaml"


def shards():
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}")
    return sorted(CORPUS_DIR.glob("*.parquet"))


def download(cwd, source, *extra, env=None, check=True):
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([str(BINARY), "download", "--source", source, *extra], cwd=cwd,
                          capture_output=True, text=True, env=full_env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def hub_env(hub, token=TOKEN):
    return {"HF_ENDPOINT": hub.endpoint, "HF_TOKEN": token, "HF_HOME": "/nonexistent-hf-home"}


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / "data" / "yaml").mkdir(parents=True)
    for s in shards():
        shutil.copy(s, root / "data" / "yaml" / s.name)
    return root


def test_sample_is_seeded_spread_over_shards_and_byte_identical(tmp_path):
    files = shards()
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        download(tmp_path / run, str(CORPUS_DIR), "--sample-rows", "3000")
    for name in ("rows.jsonl", "manifest.lock.json"):
        assert (tmp_path / "a/data/raw" / name).read_bytes() == (tmp_path / "b/data/raw" / name).read_bytes()
    lock = json.loads((tmp_path / "a/data/raw/manifest.lock.json").read_text())
    rows = [json.loads(l) for l in open(tmp_path / "a/data/raw/rows.jsonl")]
    assert len(rows) == 3000 == lock["rows_written"]
    assert len({r["hexsha"] for r in rows}) == 3000
    assert all(f["row_groups_read"] for f in lock["files"])  # every shard contributed
    # The rows are those of the recorded row groups, as pyarrow reads them.
    expected = []
    for f, path in zip(lock["files"], files):
        assert f["sha256"] and f["size"] == path.stat().st_size
        pf = pq.ParquetFile(path)
        for g in f["row_groups_read"]:
            expected.extend(r["hexsha"] for r in pf.read_row_group(g, columns=["hexsha"]).to_pylist())
    assert {r["hexsha"] for r in rows} <= set(expected)


def test_other_seed_other_sample(tmp_path):
    (tmp_path / "c.yaml").write_text("source: {seed: 7}\n")
    download(tmp_path, str(CORPUS_DIR), "--sample-rows", "2000")
    first = (tmp_path / "data/raw/rows.jsonl").read_bytes()
    subprocess.run([str(BINARY), "--config", "c.yaml", "download", "--source", str(CORPUS_DIR),
                    "--sample-rows", "2000"], cwd=tmp_path, check=True, capture_output=True)
    assert (tmp_path / "data/raw/rows.jsonl").read_bytes() != first


def test_hub_download_matches_local_and_pins_the_commit(tmp_path, repo):
    hub = HubFixture(str(repo), repo=REPO, token=TOKEN)
    try:
        (tmp_path / "hub").mkdir()
        (tmp_path / "local").mkdir()
        download(tmp_path / "hub", LOCATION, "--sample-rows", "2500", env=hub_env(hub))
        download(tmp_path / "local", str(repo / "data" / "yaml"), "--sample-rows", "2500")
        assert (tmp_path / "hub/data/raw/rows.jsonl").read_bytes() == \
            (tmp_path / "local/data/raw/rows.jsonl").read_bytes()
        lock = json.loads((tmp_path / "hub/data/raw/manifest.lock.json").read_text())
        assert lock["kind"] == "hub" and lock["commit"] == hub.commit and lock["revision"] == "main"
        for f in lock["files"]:
            served = hub.files[f["path"]]
            assert f["size"] == served.size and f["sha256"] == served.sha256 and f["etag"]
        # The token went to the hub only, never to the file store.
        assert hub.requests(server="store")
        assert not [r for r in hub.requests(server="store")
                    if any(k.lower() == "authorization" for k in r["headers"])]
    finally:
        hub.close()


def test_changed_served_file_is_reported(tmp_path, repo):
    hub = HubFixture(str(repo), repo=REPO, token=TOKEN)
    try:
        download(tmp_path, LOCATION, "--sample-rows", "1000", env=hub_env(hub))
    finally:
        hub.close()
    names = sorted(p.name for p in (repo / "data" / "yaml").iterdir())
    shutil.copy(repo / "data" / "yaml" / names[1], repo / "data" / "yaml" / names[0])
    hub = HubFixture(str(repo), repo=REPO, token=TOKEN)
    try:
        proc = download(tmp_path, LOCATION, "--sample-rows", "1000", env=hub_env(hub))
    finally:
        hub.close()
    assert "changed since the last download" in proc.stderr and names[0] in proc.stderr
    lock = json.loads((tmp_path / "data/raw/manifest.lock.json").read_text())
    assert lock["changed_since_last_lock"] == [f"data/yaml/{names[0]}"]


def test_wrong_token_exits_3_without_printing_it(tmp_path, repo):
    hub = HubFixture(str(repo), repo=REPO, token=TOKEN)
    try:
        proc = download(tmp_path, LOCATION, env=hub_env(hub, token="hf_wrong_token_123"), check=False)
    finally:
        hub.close()
    assert proc.returncode == 3
    assert "HF_TOKEN" in proc.stderr and "hf_wrong_token_123" not in proc.stderr
    assert not (tmp_path / "data/raw/rows.jsonl").exists()


def test_preprocess_streams_from_the_hub(tmp_path, repo):
    hub = HubFixture(str(repo), repo=REPO, token=TOKEN)
    try:
        env = dict(os.environ, **hub_env(hub))
        subprocess.run([str(BINARY), "-q", "preprocess", "--input", LOCATION, "--output", "hub.jsonl"],
                       cwd=tmp_path, env=env, check=True)
    finally:
        hub.close()
    run_automend(["-q", "preprocess", "--input", str(CORPUS_DIR), "--output", "local.jsonl"], cwd=tmp_path)
    hub_records = (tmp_path / "hub.jsonl").read_bytes()
    assert len(hub_records) > 1_000_000 and hub_records == (tmp_path / "local.jsonl").read_bytes()
