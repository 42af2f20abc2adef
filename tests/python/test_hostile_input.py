"""Hostile input never crashes the program and loses nothing: every row ends up either as
a record or counted under a reason."""
import json

from conftest import assert_peak_below, run_automend, run_measured, stack_row, write_rows

K8S_HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kserve-config\n"


def preprocess(tmp_path, rows, *extra):
    write_rows(tmp_path / "rows.jsonl", rows)
    proc = run_automend(["-q", "preprocess", "--input", "rows.jsonl", "--output", "out.jsonl",
                         "--rejects", "rejects.jsonl", *extra], cwd=tmp_path)
    rejects = [json.loads(l) for l in open(tmp_path / "rejects.jsonl")]
    records = open(tmp_path / "out.jsonl").read().splitlines()
    report = json.load(open(tmp_path / "logs" / "preprocess_report.json"))
    assert report["rows_in"] == len(rejects) + len(records)
    return proc, rejects, records, report


def test_invalid_utf8_is_rejected_as_encoding(tmp_path):
    bad = K8S_HEAD + "data:\n  x: caf\udce9\n" + "#" * 200
    _, rejects, records, _ = preprocess(tmp_path, [stack_row("a.yaml", bad)])
    assert records == []
    assert rejects[0]["reason"] == "encoding"
    assert "byte" in rejects[0]["detail"]


def test_invalid_utf8_in_a_yaml_folder(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "bad.yaml").write_bytes(K8S_HEAD.encode() + b"data:\n  x: \xff\xfe\n" + b"#" * 200)
    (repo / "empty.yaml").write_bytes(b"")
    (repo / "notes.txt").write_bytes(b"\xff")
    run_automend(["-q", "preprocess", "--input", "repo", "--output", "out.jsonl", "--license", "MIT",
                  "--rejects", "rejects.jsonl"], cwd=tmp_path)
    reasons = {json.loads(l)["path"]: json.loads(l)["reason"] for l in open(tmp_path / "rejects.jsonl")}
    assert reasons == {"bad.yaml": "encoding", "empty.yaml": "size"}


def test_ten_thousand_levels_of_nesting(tmp_path):
    deep = K8S_HEAD + "data:\n  x: " + "[" * 10000 + "]" * 10000 + "\n"
    _, rejects, _, _ = preprocess(tmp_path, [stack_row("deep.yaml", deep)])
    assert rejects[0]["reason"] == "yaml"
    assert "nesting deeper than 1000" in rejects[0]["detail"]


def test_nesting_limit_is_configurable(tmp_path):
    (tmp_path / "deep.yaml").write_text("gates:\n  max_yaml_depth: 20000\n")
    deep = K8S_HEAD + "data:\n  x: " + "[" * 10000 + "]" * 10000 + "\n"
    write_rows(tmp_path / "rows.jsonl", [stack_row("deep.yaml", deep)])
    run_automend(["-q", "--config", "deep.yaml", "preprocess", "--input", "rows.jsonl",
                  "--output", "out.jsonl"], cwd=tmp_path)
    assert len(open(tmp_path / "out.jsonl").readlines()) == 1


def test_alias_bomb_is_not_expanded(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = K8S_HEAD + "data:\n" + "".join("  " + l + "\n" for l in lines)
    _, rejects, records, _ = preprocess(tmp_path, [stack_row("bomb.yaml", bomb)])
    assert len(records) == 1 and rejects == []
    status, peak_kb = run_measured(["-q", "preprocess", "--input", "rows.jsonl", "--output", "o2.jsonl",
                                    "--threads", "1"], tmp_path)
    assert status == 0
    assert_peak_below(peak_kb, 64)  # expanding 9^9 nodes would need gigabytes


def test_hundred_megabyte_single_line(tmp_path):
    huge = "x: " + "a" * (100 << 20) + " kserve\n"
    _, rejects, records, _ = preprocess(tmp_path, [stack_row("huge.yaml", huge),
                                                   stack_row("small.yaml", "x: 1\n")])
    assert records == []
    assert [r["reason"] for r in rejects] == ["size", "size"]


def test_empty_input_file_gives_an_empty_output(tmp_path):
    (tmp_path / "rows.jsonl").write_text("")
    run_automend(["-q", "preprocess", "--input", "rows.jsonl", "--output", "out.jsonl"], cwd=tmp_path)
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_line_that_is_not_json_is_counted_with_its_line_number(tmp_path):
    good = stack_row("kserve-isvc.yaml", K8S_HEAD + "data:\n  note: kserve\n" + "#" * 200)
    write_rows(tmp_path / "rows.jsonl", [good])
    with open(tmp_path / "rows.jsonl", "a") as f:
        f.write("this is not json\n")
        f.write('{"content": "no path"}\n')
    proc = run_automend(["preprocess", "--input", "rows.jsonl", "--output", "out.jsonl"], cwd=tmp_path)
    assert "rows.jsonl:2" in proc.stderr
    report = json.load(open(tmp_path / "logs" / "preprocess_report.json"))
    assert report["rejected"]["malformed"] == 2
    assert [m["origin"] for m in report["malformed_rows"]] == ["rows.jsonl:2", "rows.jsonl:3"]
    assert report["records"] == 1


def test_bad_config_stops_with_exit_2_naming_the_key(tmp_path):
    (tmp_path / "bad.yaml").write_text("gates:\n  keyword: [vllm]\n")
    proc = run_automend(["--config", "bad.yaml", "preprocess", "--input", "x.jsonl", "--output", "o"],
                        cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert "gates.keyword" in proc.stderr and "gates.keywords" in proc.stderr


def test_missing_input_exits_3_without_output(tmp_path):
    proc = run_automend(["preprocess", "--input", "nope.jsonl", "--output", "out.jsonl"],
                        cwd=tmp_path, check=False)
    assert proc.returncode == 3
    assert not (tmp_path / "out.jsonl").exists()
