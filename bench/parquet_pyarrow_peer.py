"""pyarrow's single-threaded read time for the files bench/parquet_bench.cc reads, as a
peer for the C++ reader's numbers (same columns, same content-byte count, files in memory).

    .venv/bin/python bench/parquet_pyarrow_peer.py [DIR] [--repeat N] [--rewrite OUT]

DIR defaults to ../shared/corpus/stack-yaml-sample beside the checkout. --rewrite OUT also
writes a copy of every file with pyarrow's defaults (snappy, data page v1, dictionary with
PLAIN fallback, row groups of 1000 rows): the layout of The Stack's real shards; point
AUTOMEND_PARQUET_BENCH_DIR at OUT to benchmark the C++ reader on it.
"""

import argparse
import pathlib
import time

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

COLUMNS = ["hexsha", "max_stars_repo_path", "max_stars_repo_name", "max_stars_repo_licenses",
           "content"]


def main():
    root = pathlib.Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default=root.parent / "shared/corpus/stack-yaml-sample")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rewrite", type=pathlib.Path)
    args = parser.parse_args()
    paths = sorted(pathlib.Path(args.dir).glob("*.parquet"))
    if not paths:
        raise SystemExit(f"no parquet files in {args.dir}")
    if args.rewrite:
        args.rewrite.mkdir(parents=True, exist_ok=True)
        for p in paths:
            pq.write_table(pq.read_table(p), args.rewrite / p.name, row_group_size=1000)
        print(f"wrote pyarrow-default copies to {args.rewrite}")
    buffers = [pa.BufferReader(p.read_bytes()) for p in paths]
    content_bytes = sum(pc.sum(pc.binary_length(pq.read_table(p, columns=["content"])["content"])).as_py()
                        for p in paths)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for b in buffers:
            b.seek(0)
            f = pq.ParquetFile(b)
            for g in range(f.num_row_groups):
                f.read_row_group(g, columns=COLUMNS, use_threads=False)
        best = min(best, time.perf_counter() - start)
    print(f"pyarrow {pa.__version__}, {len(paths)} files, {content_bytes} content bytes: "
          f"best of {args.repeat}: {best * 1000:.1f} ms, {content_bytes / best / 1e6:.0f} MB/s "
          f"of content (read_row_group, use_threads=False)")


if __name__ == "__main__":
    main()
