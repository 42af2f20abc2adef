"""Record lines are byte-identical to Python's json.dumps for every kind of character: the
metadata and prompt (taken from paths and repository names) carry control characters, DEL,
quotes, backslashes, non-ASCII and astral characters; manifests carry everything YAML allows."""
import json
import random

import oracle
from conftest import run_automend, stack_row, write_rows

BODY = ("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
        "  name: m\n  annotations:\n    note: {note}\nspec:\n  predictor:\n    model:\n"
        "      modelFormat: {{name: sklearn}}\n      storageUri: gs://b/m\n")


def check_against_oracle(tmp_path, rows):
    write_rows(tmp_path / "rows.jsonl", rows)
    run_automend(["-q", "preprocess", "--input", "rows.jsonl", "--output", "out.jsonl"], cwd=tmp_path)
    got = open(tmp_path / "out.jsonl", encoding="utf-8").read().splitlines(keepends=True)
    want = [line for _, line in map(oracle.process, rows) if line]
    assert len(got) == len(want) >= len(rows) // 2
    for g, w in zip(got, want):
        assert json.dumps(json.loads(g)) + "\n" == g
        assert g == w
    return got


def test_every_control_character_del_and_astral_in_metadata_and_prompt(tmp_path):
    specials = "".join(chr(c) for c in range(0x20)) + '\x7f"\\/é日😀\u2028\ufeff'
    rows = [stack_row(f"dir/{specials}-{i}-gpuModel.yaml", BODY.format(note=f"n{i}"),
                      licenses=["MIT"], repo=f"o/{specials}") for i in range(3)]
    got = check_against_oracle(tmp_path, rows)
    assert "\\u0000" in got[0] and "\\u007f" in got[0] and "\\ud83d\\ude00" in got[0]


def test_manifest_text_with_quotes_escapes_and_unicode(tmp_path):
    notes = ['"double \\"quoted\\" \\t tab \\u00e9 \\U0001F600"', "'single ''quoted'''",
             "plain with \\ backslash and \t tab", "\"\\x7f\\x85 \\u2028 nel\"",
             "Grüße 日本語 😀 \U0010FFFF"]
    rows = [stack_row(f"m{i}.yaml", BODY.format(note=n)) for i, n in enumerate(notes)]
    rows.append(stack_row("crlf.yaml", BODY.format(note="x").replace("\n", "\r\n")))
    check_against_oracle(tmp_path, rows)


def test_random_unicode_annotations(tmp_path):
    rng = random.Random(1234)
    alphabet = [chr(c) for c in list(range(0x20, 0x7f)) + [0xe9, 0x3b1, 0x65e5, 0x1f600, 0x10437]]
    rows = []
    for i in range(200):
        note = f"{i}:" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        rows.append(stack_row(f"r{i}.yaml", BODY.format(note=json.dumps(note))))
    check_against_oracle(tmp_path, rows)
