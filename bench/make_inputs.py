"""Builds the end-to-end benchmark inputs from the shared corpus (pyarrow reads the
parquet): JSONL rows grown by repetition to at least --gigabytes of content, each repeated
row with a new hexsha so dedup keeps it.

  dense.jsonl       the corpus as it is (dense in ML manifests), repeated
  stacklike.jsonl   a mix where about 1% of rows pass every gate (the real corpus's yield):
                    every passing row once per ~99 rejected ones
With --parquet, each is also written as a folder of parquet shards (dense/, stacklike/) the
way The Stack's were: pyarrow, snappy, data page v1, row groups of 1000 rows, the corpus's
29-column schema.
Usage: make_inputs.py OUT_DIR [--gigabytes 1.0] [--parquet] [--shards 8]
"""
import argparse
import hashlib
import json
import pathlib
import sys

import pyarrow as pa
import pyarrow.parquet as pq

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "python"))
import oracle  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus" / "stack-yaml-sample"


def load_rows():
    rows = []
    for f in sorted(CORPUS.glob("*.parquet")):
        rows.extend(pq.read_table(f).to_pylist())
    return rows


def write(path, rows, target_bytes):
    """Cycles through `rows` until target_bytes of content; every written row gets a
    hexsha of its own, so nothing in the output is a duplicate."""
    written, index = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target_bytes:
            for r in rows:
                r = dict(r)
                r["hexsha"] = hashlib.sha1(f"{r['hexsha']}:{index}".encode()).hexdigest()
                index += 1
                out.write(json.dumps(r) + "\n")
                written += len(r["content"].encode("utf-8"))
    return written


def to_parquet(jsonl, folder, shards):
    """Splits `jsonl` into `shards` parquet files of about equal row counts."""
    folder.mkdir(exist_ok=True)
    schema = pq.read_schema(sorted(CORPUS.glob("*.parquet"))[0])
    total = sum(1 for _ in open(jsonl, encoding="utf-8"))
    per_shard = -(-total // shards)
    writer, chunk, written = None, [], 0

    def flush():
        nonlocal chunk
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema), row_group_size=1000)
            chunk = []

    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            if written % per_shard == 0:
                if writer:
                    flush()
                    writer.close()
                name = folder / f"data-{written // per_shard:05d}-of-{shards:05d}.parquet"
                writer = pq.ParquetWriter(name, schema, compression="snappy", data_page_version="1.0")
            chunk.append(json.loads(line))
            written += 1
            if len(chunk) == 1000:
                flush()
    flush()
    writer.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--gigabytes", type=float, default=1.0)
    ap.add_argument("--parquet", action="store_true")
    ap.add_argument("--shards", type=int, default=8)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = load_rows()
    target = int(args.gigabytes * 1e9)
    print("dense:", write(args.out / "dense.jsonl", rows, target), "content bytes")
    seen, passing, failing = set(), [], []
    for r in rows:
        if r["hexsha"] in seen:
            continue
        seen.add(r["hexsha"])
        (passing if oracle.process(r)[0] == "pass" else failing).append(r)
    # Interleave: one passing row after every 99 failing ones, cycling through both lists.
    mix, fi = [], 0
    for p in passing:
        for _ in range(99):
            mix.append(failing[fi % len(failing)])
            fi += 1
        mix.append(p)
    print("stacklike:", write(args.out / "stacklike.jsonl", mix, target), "content bytes,",
          f"{len(passing)} passing of {len(mix)} rows per cycle")
    if args.parquet:
        for name in ("dense", "stacklike"):
            to_parquet(args.out / f"{name}.jsonl", args.out / name, args.shards)
            print(name, "parquet:", sum(p.stat().st_size for p in (args.out / name).iterdir()), "bytes")


if __name__ == "__main__":
    main()
