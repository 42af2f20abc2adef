"""End-to-end tests of the hub client (build/hub_fetch) against a local hub and file store.

The servers (hub_server.py) are real HTTP servers on loopback that behave like the
Hugging Face hub: revision and tree APIs, resolve URLs that redirect to a file store on
another origin, a required bearer token, and injectable faults. What the servers recorded
is the evidence: the token reaches the hub only, retries happen, pagination is followed.
"""

import hashlib
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from hub_server import HubFixture

TOKEN = "hf_testtoken_0123456789"
REPO = "test-org/test-data"
LOCATION = "hf://datasets/%s/data/yaml" % REPO

SIZES = {
    "data/yaml/data_0000.parquet": 700_000,
    "data/yaml/data_0001.parquet": 2_500_000,
    "data/yaml/data_0002.parquet": 5,
    "data/yaml/data_0003.parquet": 1234,
    "data/yaml/data_0004.parquet": 17 * 1024 * 1024,
    "data/yaml/notes.txt": 100,
    "data/yaml/sub/nested.parquet": 300,
    "data/json/other.parquet": 400,
    "README.md": 50,
}
LISTED = sorted(p for p in SIZES if p.startswith("data/yaml/data_"))


def hub_fetch_binary():
    binary = os.environ.get("AUTOMEND_BINARY")
    if binary:
        return str(Path(binary).parent / "hub_fetch")
    return str(Path(__file__).resolve().parents[2] / "build" / "hub_fetch")


@pytest.fixture(scope="module")
def repo_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    for i, (path, size) in enumerate(sorted(SIZES.items())):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # Deterministic, position-dependent bytes: a wrong offset shows as a mismatch.
        seed = hashlib.sha256(path.encode()).digest()
        data = bytearray()
        counter = 0
        while len(data) < size:
            data += hashlib.sha256(seed + counter.to_bytes(8, "little")).digest()
            counter += 1
        target.write_bytes(bytes(data[:size]))
    return root


@pytest.fixture
def hub(repo_dir):
    fixture = HubFixture(str(repo_dir), repo=REPO, token=TOKEN, page_size=2)
    yield fixture
    fixture.close()


def local_bytes(repo_dir, path):
    return (repo_dir / path).read_bytes()


def run(hub, *args, token=TOKEN, extra_env=None, tmp_home=None, backoff_ms=10, attempts=6):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HF_ENDPOINT": hub.endpoint,
        # An empty home: the developer's own token file must never be read by a test.
        "HF_HOME": str(tmp_home) if tmp_home else "/nonexistent-hf-home",
        "HOME": "/nonexistent-home",
    }
    if token is not None:
        env["HF_TOKEN"] = token
    env.update(extra_env or {})
    cmd = [hub_fetch_binary(), "--initial-backoff-ms", str(backoff_ms),
           "--max-attempts", str(attempts)] + list(args)
    result = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    # Whatever happened, no token reaches the terminal.
    for secret in {TOKEN, token} - {None}:
        assert secret.encode() not in result.stderr
    return result


def listing(result):
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return lines[0], lines[1:]


def read(hub, index, offset, length, location=LOCATION, **kwargs):
    return run(hub, "read", location, str(index), str(offset), str(length), **kwargs)


# --- listing -------------------------------------------------------------------------

def test_list_reports_commit_files_sizes_and_etags(hub):
    head, files = listing(run(hub, "list", LOCATION))
    assert head["commit"] == hub.commit
    assert head["files"] == len(LISTED)
    assert [f["path"] for f in files] == LISTED  # not notes.txt, not sub/, not data/json
    for i, f in enumerate(files):
        repo_file = hub.files[f["path"]]
        assert f["index"] == i
        assert f["size"] == repo_file.size
        assert f["etag"] == repo_file.sha256  # X-Linked-Etag, quotes removed
        assert f["lfs_sha256"] == repo_file.sha256
        assert f["oid"] == repo_file.git_oid


def test_listing_follows_tree_pagination(hub):
    _, files = listing(run(hub, "list", LOCATION))
    tree = hub.requests("hub", "GET", "/tree/")
    # 8 entries (5 parquet, notes.txt, sub/, ...) at 2 a page.
    assert len(tree) >= 4
    assert all(hub.commit in r["path"] for r in tree)  # listed at the resolved commit
    assert any("cursor=" in r["path"] for r in tree)
    assert files[-1]["path"] == LISTED[-1]  # from the last page


def test_list_records_metadata_from_head_on_resolve_urls(hub):
    listing(run(hub, "list", LOCATION))
    heads = hub.requests("hub", "HEAD", "/resolve/")
    assert sorted(r["path"].split("/resolve/%s/" % hub.commit)[1] for r in heads) == LISTED
    # HEAD does not follow the redirect to the store.
    assert hub.requests("store", "HEAD") == []


def test_tag_revision_resolves_to_commit_and_pins_reads(hub, repo_dir):
    location = "hf://datasets/%s@v1.0/data/yaml/" % REPO
    head, _ = listing(run(hub, "list", location))
    assert head["commit"] == hub.commit
    result = read(hub, 1, 10, 100, location=location)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[1])[10:110]
    assert all("/resolve/%s/" % hub.commit in r["path"] for r in hub.requests("hub", None, "/resolve/"))


def test_single_file_location(hub):
    head, files = listing(run(hub, "list", "hf://datasets/%s/data/yaml/data_0003.parquet" % REPO))
    assert [f["path"] for f in files] == ["data/yaml/data_0003.parquet"]


def test_list_without_metadata_skips_head(hub):
    _, files = listing(run(hub, "--no-metadata", "list", LOCATION))
    assert all(f["etag"] == "" for f in files)
    assert hub.requests("hub", "HEAD") == []


# --- reading -------------------------------------------------------------------------

@pytest.mark.parametrize("index,offset,length", [
    (0, 0, 700_000),          # a whole file
    (0, 0, 1),                # first byte
    (0, 699_999, 1),          # last byte
    (0, 699_992, 8),          # a parquet footer read
    (1, 1_000_000, 300_000),  # a column chunk in the middle
    (2, 0, 5),                # a tiny file
    (3, 100, 0),              # nothing
])
def test_read_ranges_equal_local_bytes(hub, repo_dir, index, offset, length):
    result = read(hub, index, offset, length)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[index])[offset:offset + length]


def test_reads_use_range_requests_and_reuse_the_store_url(hub, repo_dir):
    # 17 MiB are read as three chunks; the first goes through the hub's redirect, the
    # others straight to the store URL learned from it.
    result = read(hub, 4, 0, SIZES[LISTED[4]])
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[4])
    store_gets = hub.requests("store", "GET")
    assert len(store_gets) == 3
    assert all(r["headers"].get("range", "").startswith("bytes=") for r in store_gets)
    assert len(hub.requests("hub", "GET", "/resolve/")) == 1


def test_read_past_the_end_is_an_error(hub):
    result = read(hub, 2, 3, 10)
    assert result.returncode == 3
    assert b"past the end" in result.stderr


def test_store_never_sees_the_token(hub, repo_dir):
    assert read(hub, 0, 5, 5000).returncode == 0
    assert read(hub, 4, 0, SIZES[LISTED[4]]).returncode == 0
    store = hub.requests("store")
    assert store, "the reads should have reached the file store"
    for r in store:
        assert "authorization" not in r["headers"]
        assert TOKEN not in json.dumps(r)
    for r in hub.requests("hub"):
        assert r["headers"].get("authorization") == "Bearer " + TOKEN


# --- faults --------------------------------------------------------------------------

def test_recovers_from_server_errors_on_hub_and_store(hub, repo_dir):
    hub.faults.add("hub", "500", 2)
    hub.faults.add("store", "500", 2)
    result = read(hub, 0, 1000, 50_000)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[0])[1000:51_000]
    revision = hub.requests("hub", "GET", "/revision/")
    assert len(revision) == 3  # two 500s, then the answer
    assert len(hub.requests("store", "GET")) == 3
    assert b"retrying" in result.stderr


def test_honours_429_with_retry_after(hub, repo_dir):
    hub.faults.retry_after = "1"
    hub.faults.add("store", "429", 1)
    result = read(hub, 1, 0, 4096, backoff_ms=1)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[1])[:4096]
    assert len(hub.requests("store", "GET")) == 2
    assert b"HTTP 429" in result.stderr


def test_connection_dropped_mid_body_is_retried(hub, repo_dir):
    hub.faults.add("store", "drop", 1)
    result = read(hub, 1, 100_000, 1_000_000)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[1])[100_000:1_100_000]
    assert len(hub.requests("store", "GET")) == 2


def test_server_ignoring_range_gets_sliced_and_cut_short(hub, repo_dir):
    hub.faults.ignore_range = True
    result = read(hub, 4, 3_000_000, 300_000)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[4])[3_000_000:3_300_000]
    # The client hung up once it had its slice, before the 17 MiB were sent. The server's
    # handler thread notices on its next write, which on a loaded machine can come after the
    # client has exited: wait for it (bounded) rather than race it.
    deadline = time.monotonic() + 10
    while hub.aborted_transfers < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub.aborted_transfers >= 1


def test_wrong_content_range_is_detected_and_retried(hub, repo_dir):
    hub.faults.add("store", "bad_range", 1)
    result = read(hub, 0, 500, 300_000)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[0])[500:300_500]
    assert b"for a request of bytes 500-300499" in result.stderr


def test_gives_up_after_the_configured_attempts(hub):
    hub.faults.add("store", "500", 100)
    result = read(hub, 0, 0, 1000, attempts=3)
    assert result.returncode == 3
    assert b"gave up after 3 attempts" in result.stderr
    assert len(hub.requests("store", "GET")) == 3


def test_expired_store_url_falls_back_to_the_hub(hub, repo_dir):
    hub.faults.single_use_urls = True
    result = read(hub, 4, 0, SIZES[LISTED[4]])
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[4])
    # Each reuse of a URL was refused, so every chunk after the first went back to the hub.
    assert len(hub.requests("hub", "GET", "/resolve/")) == 3


# --- credentials and usage -----------------------------------------------------------

def test_wrong_token_is_refused_with_a_clear_message(hub):
    wrong = "hf_wrongtoken_abcdefghij"
    result = run(hub, "list", LOCATION, token=wrong)
    assert result.returncode == 3
    err = result.stderr.decode()
    assert "Permission denied" in err and "HF_TOKEN" in err
    assert wrong not in err and wrong not in result.stdout.decode()
    assert len(hub.requests("hub")) == 1  # a refused token is not retried


def test_missing_token_says_to_set_hf_token(hub):
    result = run(hub, "list", LOCATION, token=None)
    assert result.returncode == 3
    assert b"No token is set" in result.stderr and b"HF_TOKEN" in result.stderr


def test_token_from_hf_home_file(hub, tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n")
    _, files = listing(run(hub, "list", LOCATION, token=None, tmp_home=tmp_path))
    assert len(files) == len(LISTED)


def test_token_from_hf_token_path(hub, tmp_path):
    (tmp_path / "my-token").write_text("  " + TOKEN + "  ")
    result = run(hub, "list", LOCATION, token=None,
                 extra_env={"HF_TOKEN_PATH": str(tmp_path / "my-token")})
    listing(result)


def test_unknown_revision_is_a_source_error(hub):
    result = run(hub, "list", "hf://datasets/%s@nope/data/yaml" % REPO)
    assert result.returncode == 3
    assert b"revision does not exist" in result.stderr


def test_missing_folder_is_a_source_error(hub):
    result = run(hub, "list", "hf://datasets/%s/data/toml" % REPO)
    assert result.returncode == 3
    assert b"not found" in result.stderr


@pytest.mark.parametrize("args", [
    ["list", "hf://models/a/b"],
    ["list", "hf://datasets/only-owner"],
    ["list", "hf://datasets/a/b@/data"],
    ["list", "/local/path"],
    ["read", LOCATION, "0", "x", "10"],
    ["frobnicate"],
    [],
])
def test_bad_usage_exits_2(hub, args):
    result = run(hub, *args)
    assert result.returncode == 2, result.stderr.decode()
    assert hub.requests() == []


def test_file_index_out_of_range_exits_2(hub):
    result = read(hub, 99, 0, 1)
    assert result.returncode == 2
    assert b"out of range" in result.stderr


# --- concurrency ---------------------------------------------------------------------

def test_concurrent_reads_through_one_file(hub, repo_dir):
    hub.faults.add("store", "drop", 2)
    hub.faults.add("store", "500", 2)
    size = SIZES[LISTED[4]]
    result = run(hub, "read", LOCATION, "4", "0", str(size), "--threads", "6",
                 "--chunk-bytes", "700000")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == local_bytes(repo_dir, LISTED[4])
    assert len(hub.requests("store", "GET")) >= 26  # 26 pieces, plus the retried ones
    assert all("authorization" not in r["headers"] for r in hub.requests("store"))
