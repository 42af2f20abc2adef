"""Checks the bundled demo data set in examples/demo/ against itself and the spec.

The demo is what the README's main command runs on and what end-to-end tests
compare the pipeline with, so it must be internally consistent: rows.jsonl is
built from repos/ by build_rows.py, and expected.json (worked out by hand) must
agree with PyYAML's CSafeLoader on gates 5-6 and with the reference in
oracle.py on every outcome, iac_type, prompt and redaction count.
Uses only the repository (no ../shared) and the pinned test requirements.
"""
import collections
import hashlib
import json
import os
import pathlib
import subprocess
import sys

import pytest

import oracle

SOURCE_DIR = pathlib.Path(os.environ.get("AUTOMEND_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
DEMO = SOURCE_DIR / "examples" / "demo"
GATES = ("ext", "size", "license", "keyword", "yaml", "k8s")
REASONS = ("duplicate", "encoding") + GATES + ("revalidate",)
NULL_COLUMNS = [f"{p}_count" for p in ("max_stars", "max_issues", "max_forks")] + [
    f"{p}_repo_{e}_event_{m}_datetime"
    for p, e in (("max_stars", "stars"), ("max_issues", "issues"), ("max_forks", "forks"))
    for m in ("min", "max")]


def load_rows():
    with open(DEMO / "rows.jsonl", encoding="ascii") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def rows():
    return load_rows()


@pytest.fixture(scope="module")
def expected():
    return json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def paired(rows, expected):
    """(row, expected entry) in file order; the two files must list the same rows."""
    entries = expected["rows"]
    assert [(r["max_stars_repo_name"], r["max_stars_repo_path"]) for r in rows] == \
        [(e["repo"], e["path"]) for e in entries]
    return list(zip(rows, entries))


@pytest.fixture(scope="module")
def outcomes(rows):
    """The reference oracle's verdict on every row, in file order."""
    seen, results = set(), []
    for row in rows:
        if row["hexsha"] in seen:
            results.append({"reason": "duplicate"})
            continue
        seen.add(row["hexsha"])
        results.append(oracle.evaluate(row))
    return results


def raw_bytes(row) -> bytes:
    return row["content"].encode("utf-8", errors="surrogateescape")


def test_rows_jsonl_is_up_to_date():
    done = subprocess.run([sys.executable, str(DEMO / "build_rows.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_large_manifest_is_up_to_date():
    done = subprocess.run([sys.executable, str(DEMO / "make_large_manifest.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_enough_files(rows):
    assert len(rows) >= 60
    files = [p for p in (DEMO / "repos").rglob("*") if p.is_file()]
    assert len(files) == len(rows)


def test_rows_are_sorted_by_repo_then_path(rows):
    keys = [(r["max_stars_repo_name"], r["max_stars_repo_path"]) for r in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_hexsha_and_size_match_content(rows):
    for row in rows:
        data = raw_bytes(row)
        assert (DEMO / "repos" / row["max_stars_repo_name"] / row["max_stars_repo_path"]).read_bytes() == data
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        assert row["hexsha"] == blob, row["max_stars_repo_path"]
        assert row["size"] == len(data)


def test_columns_follow_the_stack_schema(rows):
    repos = {r["name"]: r for r in json.loads((DEMO / "repos.json").read_text())["repositories"]}
    for row in rows:
        assert len(row) == 29
        assert row["lang"] == "YAML"
        name = row["max_stars_repo_path"].rsplit("/", 1)[-1]
        assert row["ext"] == (name.rsplit(".", 1)[1] if "." in name else "")
        repo = repos[row["max_stars_repo_name"]]
        assert row["max_stars_repo_head_hexsha"] == repo["head_hexsha"]
        assert row["max_stars_repo_licenses"] == repo["licenses"]
        for prefix in ("max_issues", "max_forks"):
            for col in ("path", "name", "head_hexsha", "licenses"):
                assert row[f"{prefix}_repo_{col}"] == row[f"max_stars_repo_{col}"]
        assert all(row[c] is None for c in NULL_COLUMNS)
        lines = row["content"].splitlines()
        assert row["max_line_length"] == max(len(x) for x in lines)
        assert row["avg_line_length"] == pytest.approx(sum(len(x) for x in lines) / len(lines))
        assert row["alphanum_fraction"] == pytest.approx(
            sum(c.isalnum() for c in row["content"]) / len(row["content"]))


def test_lines_are_what_json_dumps_writes():
    with open(DEMO / "rows.jsonl", encoding="ascii") as f:
        for line in f:
            assert json.dumps(json.loads(line)) + "\n" == line


def test_every_reason_occurs(expected):
    counts = collections.Counter(e["outcome"] for e in expected["rows"])
    for reason in REASONS:
        assert counts[reason] >= 1, reason
    assert counts["pass"] >= 40
    assert set(counts) <= set(REASONS) | {"pass"}


def test_only_the_encoding_row_is_invalid_utf8(paired):
    for row, entry in paired:
        try:
            raw_bytes(row).decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            valid = False
        assert valid == (entry["outcome"] != "encoding"), entry["path"]


def test_size_boundaries_are_exercised(rows):
    sizes = {r["size"] for r in rows}
    assert {199, 200, 204801} <= sizes


def test_yaml_and_k8s_outcomes_agree_with_csafeloader(paired):
    """Gates 5-6 straight from CSafeLoader (compose_all, standard tags, top-level keys)."""
    checked = 0
    for row, entry in paired:
        if entry["outcome"] not in ("yaml", "k8s", "revalidate", "pass"):
            continue
        docs, _ = oracle.compose(raw_bytes(row).decode("utf-8"))
        got = "yaml" if docs is None else None if oracle.k8s_objects(docs) else "k8s"
        want = entry["outcome"] if entry["outcome"] in ("yaml", "k8s") else None
        assert got == want, entry["path"]
        checked += 1
    assert checked >= 50


def test_expected_matches_reference_oracle(paired, outcomes):
    for (row, entry), got in zip(paired, outcomes):
        where = f'{entry["repo"]}/{entry["path"]}'
        assert got["reason"] == entry["outcome"], where
        if got["reason"] == "pass":
            assert got["iac_type"] == entry["iac_type"], where
            assert got["prompt_type"] == entry["prompt_type"], where
            assert got["words"] == entry["prompt_words"], where
            assert got["counts"] == entry["redactions"], where
            assert sum(got["counts"].values()) == entry["redactions_total"], where
            assert {k: v for k, v in got["secrets"].items() if v} == \
                entry.get("secret_rules", {}), where


def test_redacted_manifests_leak_nothing(paired, outcomes):
    """No text class or secret rule fires again on a redacted manifest (the validate
    stage's PII check)."""
    for (row, entry), got in zip(paired, outcomes):
        if got["reason"] != "pass":
            continue
        assert oracle.leaks(got["manifest"]) == {"ipv4": 0, "email": 0, "api_key": 0,
                                                  "secret": 0}, entry["path"]


def test_every_redaction_class_appears_in_several_passing_rows(expected):
    passes = [e for e in expected["rows"] if e["outcome"] == "pass"]
    for cls in ("credential", "ipv4", "email", "api_key", "secret"):
        assert sum(1 for e in passes if e["redactions"][cls] > 0) >= 3, cls


def test_every_prompt_and_iac_category_appears(expected):
    passes = [e for e in expected["rows"] if e["outcome"] == "pass"]
    assert {e["prompt_type"] for e in passes} == {"gpu", "inference", "deploy", "service", "fallback"}
    assert {e["iac_type"] for e in passes} == {"kserve", "seldon", "k8s_workload", "k8s_config"}


def test_funnel_and_summary_match_rows(expected):
    entries = expected["rows"]
    counts = collections.Counter(e["outcome"] for e in entries)
    funnel = expected["funnel"]
    assert funnel["rows"] == len(entries)
    assert funnel["duplicate"] == counts["duplicate"]
    assert funnel["encoding"] == counts["encoding"]
    entering = len(entries) - counts["duplicate"] - counts["encoding"]
    assert [g["gate"] for g in funnel["gates"]] == list(GATES)
    for gate in funnel["gates"]:
        assert gate["entering"] == entering
        assert gate["rejected"] == counts[gate["gate"]]
        entering -= counts[gate["gate"]]
        assert gate["leaving"] == entering
    assert funnel["revalidate"] == counts["revalidate"]
    assert funnel["records"] == counts["pass"] == entering - counts["revalidate"]
    summary = expected["summary"]
    assert summary["rejections"] == {r: counts[r] for r in REASONS}
    passes = [e for e in entries if e["outcome"] == "pass"]
    for cls in ("credential", "ipv4", "email", "api_key", "secret"):
        assert summary["redactions"][cls] == sum(e["redactions"][cls] for e in passes)
    assert summary["iac_type"] == dict(collections.Counter(e["iac_type"] for e in passes))
    assert summary["prompt_type"] == dict(collections.Counter(e["prompt_type"] for e in passes))
