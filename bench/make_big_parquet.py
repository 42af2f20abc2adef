"""Writes at least --gigabytes of parquet files (default 2) made of the shared corpus
repeated, each copy with new hexsha values, in pyarrow's default layout (snappy, data page
v1, row groups of 1000 rows): the input for the streaming-memory measurement.

Usage: make_big_parquet.py OUT_FOLDER [--gigabytes 2] [--rows-per-shard 60000]
"""
import argparse
import hashlib
import pathlib

import pyarrow as pa
import pyarrow.parquet as pq

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "corpus" / "stack-yaml-sample"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--gigabytes", type=float, default=2.0)
    ap.add_argument("--rows-per-shard", type=int, default=60000)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    table = pa.concat_tables(pq.read_table(p) for p in sorted(CORPUS.glob("*.parquet")))
    base = table.column("hexsha").to_pylist()
    idx = table.schema.get_field_index("hexsha")
    written, copy, shard, rows_in_shard, writer = 0, 0, 0, 0, None
    while written < args.gigabytes * 1e9:
        new = pa.array([hashlib.sha1(f"{h}:{copy}".encode()).hexdigest() for h in base])
        part = table.set_column(idx, "hexsha", new)
        if writer is None:
            path = args.out / f"big-{shard:05d}.parquet"
            writer = pq.ParquetWriter(path, table.schema, compression="snappy", data_page_version="1.0")
        writer.write_table(part, row_group_size=1000)
        rows_in_shard += part.num_rows
        copy += 1
        if rows_in_shard >= args.rows_per_shard:
            writer.close()
            written += path.stat().st_size
            writer, rows_in_shard, shard = None, 0, shard + 1
    if writer:
        writer.close()
        written += path.stat().st_size
    print(f"{written} bytes of parquet in {shard + (1 if rows_in_shard else 0)} files, {copy} copies")


if __name__ == "__main__":
    main()
