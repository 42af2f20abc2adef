"""The YAML 1.1 implicit types decide the k8s gate (`kind` must be a string) and which
credential values are kept. Random plain scalars are resolved by PyYAML and by the
program (through the k8s gate) and must agree."""
import json
import random

import yaml

from conftest import run_automend, stack_row, write_rows

PAD = "# kserve " + "x" * 200 + "\n"


def test_random_plain_scalars_resolve_as_pyyaml(tmp_path):
    rng = random.Random(99)
    pieces = list("0123456789") + ["_", ":", ".", "-", "+", "e", "E", "x", "b", "o", "T", " ",
                                   "Z", "inf", "nan", "NaN", ".inf", "true", "no", "~", "null"]
    values = set()
    while len(values) < 3000:
        v = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))).strip()
        values.add(v)
    rows, expected = [], []
    resolver = yaml.resolver.Resolver()
    for i, v in enumerate(sorted(values)):
        text = f"apiVersion: v1\nkind: {v}\n{PAD}"
        try:
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue  # not a plain scalar in this position
        kind = [n for k, n in node.value if k.value == "kind"][0]
        if kind.style not in (None, ""):
            continue
        assert kind.tag == resolver.resolve(yaml.ScalarNode, kind.value, (True, False))
        is_str = kind.tag == "tag:yaml.org,2002:str" and kind.value != ""
        rows.append(stack_row(f"v{i}.yaml", text))
        expected.append("pass" if is_str else "k8s")
    assert len(rows) > 1500
    write_rows(tmp_path / "rows.jsonl", rows)
    run_automend(["-q", "preprocess", "--input", "rows.jsonl", "--output", "out.jsonl",
                  "--rejects", "rejects.jsonl"], cwd=tmp_path)
    got = ["pass"] * len(rows)
    for line in open(tmp_path / "rejects.jsonl"):
        d = json.loads(line)
        got[int(d["origin"].rsplit(":", 1)[1]) - 1] = d["reason"]
    wrong = [(rows[i]["content"].split("\n")[1], expected[i], got[i])
             for i in range(len(rows)) if got[i] != expected[i]]
    assert not wrong[:20], f"{len(wrong)} disagreements"
