#!/usr/bin/env python3
"""Builds examples/demo/rows.jsonl from the demo repositories under repos/.

Each file under repos/<owner>/<name>/ becomes one row in the schema of The Stack
(`bigcode/the-stack-dedup`, see ../shared/corpus/README.md), so the demo can be
fed to `automend preprocess --input examples/demo/rows.jsonl` like any JSONL
source. Repository metadata (licenses, head commit) comes from repos.json.

Rows are ordered by repository name, then by path (plain string order). Files
are read as bytes and decoded as UTF-8 with errors="surrogateescape", so a file
that is not valid UTF-8 keeps its bytes as lone surrogates U+DC80..U+DCFF, which
json.dumps writes as \\udcXX escapes; `hexsha` and `size` are always computed on
the raw bytes.

Deterministic and stdlib-only. `--check` exits 1 (and writes nothing) when
rows.jsonl is not what this script would write.
"""
import argparse
import hashlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPOS_DIR = HERE / "repos"
REPOS_JSON = HERE / "repos.json"
ROWS_JSONL = HERE / "rows.jsonl"


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def extension(path: str) -> str:
    """The extension as The Stack records it: after the last dot of the file name."""
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[1] if "." in name else ""


def line_stats(text: str):
    lines = text.splitlines()
    lengths = [len(line) for line in lines] or [0]
    avg = sum(lengths) / len(lengths)
    alnum = sum(1 for c in text if c.isalnum()) / len(text) if text else 0.0
    return avg, max(lengths), alnum


def load_repos():
    meta = json.loads(REPOS_JSON.read_text(encoding="utf-8"))
    repos = {}
    for entry in meta["repositories"]:
        name = entry["name"]
        head = entry["head_hexsha"]
        if name in repos:
            raise SystemExit(f"repos.json: {name} listed twice")
        if len(head) != 40 or any(c not in "0123456789abcdef" for c in head):
            raise SystemExit(f"repos.json: {name}: head_hexsha must be 40 lower-case hex digits")
        repos[name] = entry
    return repos


def collect_files(repos):
    """(repo, path, absolute file) for every file, sorted by repo then path."""
    found = []
    on_disk = set()
    for owner_dir in REPOS_DIR.iterdir():
        for repo_dir in owner_dir.iterdir():
            repo = f"{owner_dir.name}/{repo_dir.name}"
            on_disk.add(repo)
            if repo not in repos:
                raise SystemExit(f"{repo_dir} has no entry in repos.json")
            for f in repo_dir.rglob("*"):
                if f.is_file():
                    found.append((repo, f.relative_to(repo_dir).as_posix(), f))
    missing = sorted(set(repos) - on_disk)
    if missing:
        raise SystemExit(f"repos.json lists repositories with no folder: {missing}")
    found.sort(key=lambda t: (t[0], t[1]))
    return found


def make_row(repo_entry, path: str, data: bytes):
    content = data.decode("utf-8", errors="surrogateescape")
    avg, max_len, alnum = line_stats(content)
    name = repo_entry["name"]
    head = repo_entry["head_hexsha"]
    licenses = list(repo_entry["licenses"])
    row = {
        "hexsha": git_blob_sha1(data),
        "size": len(data),
        "ext": extension(path),
        "lang": "YAML",
    }
    for prefix, event in (("max_stars", "stars"), ("max_issues", "issues"), ("max_forks", "forks")):
        row[f"{prefix}_repo_path"] = path
        row[f"{prefix}_repo_name"] = name
        row[f"{prefix}_repo_head_hexsha"] = head
        row[f"{prefix}_repo_licenses"] = list(licenses)
        row[f"{prefix}_count"] = None
        row[f"{prefix}_repo_{event}_event_min_datetime"] = None
        row[f"{prefix}_repo_{event}_event_max_datetime"] = None
    row["content"] = content
    row["avg_line_length"] = avg
    row["max_line_length"] = max_len
    row["alphanum_fraction"] = alnum
    return row


def render() -> bytes:
    repos = load_repos()
    lines = []
    for repo, path, f in collect_files(repos):
        lines.append(json.dumps(make_row(repos[repo], path, f.read_bytes())))
    return ("\n".join(lines) + "\n").encode("ascii")


def main() -> int:
    ap = argparse.ArgumentParser(description="Build examples/demo/rows.jsonl from examples/demo/repos/.")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if rows.jsonl differs from what would be written")
    args = ap.parse_args()
    data = render()
    if args.check:
        if not ROWS_JSONL.exists() or ROWS_JSONL.read_bytes() != data:
            print(f"{ROWS_JSONL} is out of date; run python3 {pathlib.Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    ROWS_JSONL.write_bytes(data)
    rows = data.count(b"\n")
    print(f"wrote {ROWS_JSONL.relative_to(HERE.parent.parent)} ({rows} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
