"""Recall of the secret rules on the labelled set (secret_plants.py): real demo manifests
with secrets of every rule planted in every position. Every planted secret must be gone
from the program's output (recall 100%), every other byte must be as it was, and the
per-rule counts in the report must be the planted ones."""
import collections
import json

import pytest

import oracle
import secret_plants
from conftest import run_automend, write_rows


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    labelled = secret_plants.labelled_rows()
    tmp = tmp_path_factory.mktemp("recall")
    write_rows(tmp / "rows.jsonl", [row for row, _ in labelled])
    run_automend(["-q", "preprocess", "--input", "rows.jsonl", "--output", "out.jsonl",
                  "--rejects", "rejects.jsonl"], cwd=tmp)
    records = {}
    for line in open(tmp / "out.jsonl", encoding="utf-8"):
        record = json.loads(line)
        call = json.loads(record["messages"][1]["content"])
        records[record["metadata"]["hexsha"]] = (record, call["params"]["manifest_content"], line)
    report = json.load(open(tmp / "logs" / "preprocess_report.json"))
    return labelled, records, report


def planted(segs):
    return [s for s in segs if s.secrets]


def rule_of(row):
    """The rule of the variant planted in `row` (its path is planted/<variant>/...)."""
    name = row["max_stars_repo_path"].split("/")[1]
    return next(v.rule for v in secret_plants.VARIANTS if v.name.split("/")[0] == name)


def test_every_planted_secret_is_gone(outcome):
    labelled, records, _ = outcome
    total, caught, by_credential = (collections.Counter() for _ in range(3))
    for row, segs in labelled:
        _, manifest, _ = records[row["hexsha"]]
        for seg in planted(segs):
            for label in seg.labels:
                rule = label[7:] if label.startswith("secret:") else rule_of(row)
                total[rule] += 1
                caught[rule] += all(secret not in manifest for secret in seg.secrets)
                by_credential[rule] += label == "credential"
                break
    print("\nrule                     planted  gone  (in credential positions)")
    for rule in oracle.SECRET_RULE_NAMES:
        print(f"{rule:24} {total[rule]:7} {caught[rule]:5}  ({by_credential[rule]})")
    print(f"{'all':24} {sum(total.values()):7} {sum(caught.values()):5}  "
          f"({sum(by_credential.values())})")
    assert set(total) == set(oracle.SECRET_RULE_NAMES)
    assert caught == total


def test_output_is_the_input_with_exactly_the_planted_spans_replaced(outcome):
    labelled, records, _ = outcome
    assert len(records) == len(labelled)
    for row, segs in labelled:
        record, manifest, _ = records[row["hexsha"]]
        assert manifest == "".join(s.expected for s in segs), row["max_stars_repo_path"]
        assert record["metadata"]["redactions"] == sum(len(s.labels) for s in segs)


def test_counts_per_rule_are_the_planted_ones(outcome):
    labelled, _, report = outcome
    want = collections.Counter(l for _, segs in labelled for s in segs for l in s.labels)
    assert report["secret_redactions_by_rule"] == {
        rule: want["secret:" + rule] for rule in oracle.SECRET_RULE_NAMES}
    assert report["redactions"]["secret"] == sum(want["secret:" + r] for r in oracle.SECRET_RULE_NAMES)
    assert report["redactions"]["credential"] == want["credential"]
    assert report["redactions"]["email"] == want["email"]


def test_records_equal_the_reference(outcome):
    labelled, records, _ = outcome
    for row, _ in labelled:
        assert records[row["hexsha"]][2] == oracle.process(row)[1], row["max_stars_repo_path"]


def test_every_rule_in_every_position_kind(outcome):
    """The set covers each rule in comments, values, env entries, Secret data, flow
    collections, block scalars and URLs."""
    labelled, _, _ = outcome
    for variant in secret_plants.VARIANTS:
        rows = [segs for row, segs in labelled
                if row["max_stars_repo_path"].startswith(f"planted/{variant.name}/")]
        assert len(rows) == len(secret_plants.bases()) >= 20
        assert all(len(planted(segs)) >= 18 for segs in rows), variant.name
