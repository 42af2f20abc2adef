"""Faults and limits of `automend preprocess`: the disk fills up while records are written,
the input cannot be read, and hostile sizes (a row over the size limit, a document over
the depth limit, alias and merge-key bombs). Each ends with a clear message and exit
status 3 and no partial output under the final name, or is processed, within bounded
memory (docs/pipeline.md, Limits). Peak memory is the program's own maximum resident size;
runs that outlive a generous guard are killed and fail the test (a hang, not a timing
assertion)."""
import json
import os
import resource
import signal
import subprocess

import pytest

from conftest import (BINARY, SOURCE_DIR, assert_peak_below, run_automend, run_measured, stack_row,
                      write_rows)

K8S_HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kserve-config\n"


def many_records(path, count=3000):
    """Rows that all pass, about 1.5 KB of records each: real demo manifests made distinct."""
    demo = [json.loads(l) for l in open(SOURCE_DIR / "examples" / "demo" / "rows.jsonl")]
    base = next(r for r in demo if r["max_stars_repo_path"] == "kserve/inference-graph.yaml")
    write_rows(path, [stack_row(f"kserve/graph-{i}.yaml", base["content"] + f"# copy {i}\n",
                                licenses=base["max_stars_repo_licenses"]) for i in range(count)])


def no_output_left(folder, name):
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(name)]
    assert leftovers == [], leftovers


def limited_file_size(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so write() fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_file_size_limit_while_writing_records_exits_3_keeping_the_old_output(tmp_path):
    many_records(tmp_path / "rows.jsonl")
    (tmp_path / "out.jsonl").write_text("records of an earlier run\n")
    proc = subprocess.run([str(BINARY), "preprocess", "--input", "rows.jsonl", "--output",
                           "out.jsonl", "--threads", "2"], cwd=tmp_path, capture_output=True,
                          text=True, preexec_fn=limited_file_size(1 << 20), timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert "automend: IO error: cannot write out.jsonl: File too large" in proc.stderr
    assert (tmp_path / "out.jsonl").read_text() == "records of an earlier run\n"
    assert [p.name for p in tmp_path.iterdir() if ".tmp." in p.name] == []
    assert not (tmp_path / "logs" / "preprocess_report.json").exists()


def test_full_disk_exits_3_without_output(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        many_records(tmp_path / "rows.jsonl")
        proc = run_automend(["preprocess", "--input", "rows.jsonl", "--output", "disk/out.jsonl",
                             "--rejects", "disk/rejects.jsonl"], cwd=tmp_path, check=False)
        assert proc.returncode == 3, proc.stderr
        assert "automend: IO error: cannot write disk/out.jsonl: No space left on device" in proc.stderr
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_input_that_fails_while_being_read_exits_3_without_output(tmp_path):
    (tmp_path / "rows.jsonl").mkdir()  # opens, then every read fails (EISDIR)
    proc = run_automend(["preprocess", "--input", "rows.jsonl", "--output", "out.jsonl"],
                        cwd=tmp_path, check=False)
    assert proc.returncode == 3, proc.stderr
    assert "cannot read rows.jsonl: Is a directory" in proc.stderr
    no_output_left(tmp_path, "out.jsonl")


def test_unreadable_inputs_exit_3_without_output(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    many_records(tmp_path / "rows.jsonl", count=10)
    (tmp_path / "rows.jsonl").chmod(0)
    proc = run_automend(["preprocess", "--input", "rows.jsonl", "--output", "out.jsonl"],
                        cwd=tmp_path, check=False)
    assert proc.returncode == 3 and "Permission denied" in proc.stderr, proc.stderr
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.yaml").write_text(K8S_HEAD)
    (repo / "b.yaml").write_text(K8S_HEAD)
    (repo / "b.yaml").chmod(0)
    proc = run_automend(["preprocess", "--input", "repo", "--license", "MIT", "--output",
                         "out.jsonl"], cwd=tmp_path, check=False)
    assert proc.returncode == 3 and "b.yaml" in proc.stderr, proc.stderr
    no_output_left(tmp_path, "out.jsonl")


def test_row_over_the_size_limit_is_rejected_in_bounded_memory(tmp_path):
    huge = "x: " + "a" * (100 << 20) + " kserve\n"
    write_rows(tmp_path / "rows.jsonl", [stack_row("huge.yaml", huge)])
    status, peak_kb = run_measured(["-q", "preprocess", "--input", "rows.jsonl", "--output",
                                    "out.jsonl", "--rejects", "rejects.jsonl"], tmp_path)
    assert status == 0
    assert json.loads(open(tmp_path / "rejects.jsonl").read())["reason"] == "size"
    assert_peak_below(peak_kb, 600)  # about 4.5 times the 100 MiB line while it is decoded


def test_document_over_the_depth_limit_is_rejected_in_bounded_memory(tmp_path):
    deep = K8S_HEAD + "data:\n  x: " + "[" * 100000 + "]" * 100000 + "\n"
    assert len(deep) < 204800
    write_rows(tmp_path / "rows.jsonl", [stack_row("deep.yaml", deep)])
    status, peak_kb = run_measured(["-q", "preprocess", "--input", "rows.jsonl", "--output",
                                    "out.jsonl", "--rejects", "rejects.jsonl"], tmp_path)
    assert status == 0
    reject = json.loads(open(tmp_path / "rejects.jsonl").read())
    assert reject["reason"] == "yaml" and "nesting deeper than 1000" in reject["detail"]
    assert_peak_below(peak_kb, 64)


def merge_bomb(levels):
    lines = ["a0: &a0 {apiVersion: v1, kind: ConfigMap}"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} {{<<: [" + ", ".join([f"*a{i - 1}"] * 9) + "]}")
    return "# kserve\n" + "\n".join(lines) + f"\n<<: *a{levels}\n"


def test_merge_key_bomb_is_processed_in_bounded_time_and_memory(tmp_path):
    """Regression: 9^12 merge paths to the document's apiVersion made the k8s gate hang."""
    write_rows(tmp_path / "rows.jsonl", [stack_row("merge-bomb.yaml", merge_bomb(12))])
    status, peak_kb = run_measured(["-q", "preprocess", "--input", "rows.jsonl", "--output",
                                    "out.jsonl"], tmp_path, hang_after=120)
    assert status == 0
    assert len(open(tmp_path / "out.jsonl").readlines()) == 1
    assert_peak_below(peak_kb, 64)


def test_alias_bomb_under_a_secrets_data_is_processed_in_bounded_memory(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{'abcdefghi'[i]}"] * 9) + "]")
    bomb = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: kserve-creds\n  labels:\n" +
            "".join("    " + l + "\n" for l in lines) + "data:\n  all: *i\n  more: [*i, *h, *i]\n")
    write_rows(tmp_path / "rows.jsonl", [stack_row("bomb.yaml", bomb)])
    status, peak_kb = run_measured(["-q", "preprocess", "--input", "rows.jsonl", "--output",
                                    "out.jsonl", "--threads", "1"], tmp_path, hang_after=120)
    assert status == 0
    record = json.loads(open(tmp_path / "out.jsonl").read())
    manifest = json.loads(record["messages"][1]["content"])["params"]["manifest_content"]
    assert '"lol"' not in manifest and manifest.count('"REDACTED_CREDS"') == 9
    assert_peak_below(peak_kb, 64)
