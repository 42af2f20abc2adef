"""End-to-end from parquet: automend (all cores) beside datatrove (same core count) on the
parquet folders made by `make_inputs.py --parquet`, pyarrow's read time of the same files,
and automend's peak memory while streaming the big folder made by make_big_parquet.py.

Usage: e2e_parquet.py INPUT_DIR --datatrove-python VENV/bin/python [--big BIG_FOLDER]
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_util import measured  # noqa: E402

BINARY = HERE.parent / "build" / "automend"


def pyarrow_read_seconds(folder):
    import pyarrow.parquet as pq
    start = time.perf_counter()
    for p in sorted(folder.glob("*.parquet")):
        f = pq.ParquetFile(p)
        for g in range(f.num_row_groups):
            f.read_row_group(g, columns=["hexsha", "max_stars_repo_path", "max_stars_repo_name",
                                         "max_stars_repo_licenses", "content"])
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", type=pathlib.Path)
    ap.add_argument("--datatrove-python", required=True)
    ap.add_argument("--big", type=pathlib.Path)
    args = ap.parse_args()
    cores = os.cpu_count()
    print("| input | implementation | content MB | wall s | MB/s | CPU s | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("dense", "stacklike"):
            folder = args.inputs / name
            wall, cpu, rss, _ = measured([BINARY, "-q", "preprocess", "--input", folder, "--output",
                                          "out.jsonl", "--threads", str(cores)], tmp)
            mb = json.load(open(pathlib.Path(tmp) / "logs/preprocess_report.json"))["content_bytes"] / 1e6
            print(f"| {name} | automend, {cores} threads | {mb:.0f} | {wall:.2f} | {mb / wall:.0f} | {cpu:.2f} | {rss:.0f} |")
            out = pathlib.Path(tmp) / "datatrove"
            shutil.rmtree(out, ignore_errors=True)
            wall, _, rss, report = measured([args.datatrove_python, HERE / "datatrove_peer.py", folder, out,
                                             "--workers", str(cores)], tmp)
            peer = json.loads(report)  # CPU and memory of the worker processes too
            print(f"| {name} | datatrove, {cores} workers | {mb:.0f} | {wall:.2f} | {mb / wall:.0f} | "
                  f"{peer['cpu_seconds']:.2f} | {max(rss, peer['worker_peak_rss_mb']):.0f} |")
            secs = pyarrow_read_seconds(folder)
            print(f"| {name} | pyarrow read only, 1 thread | {mb:.0f} | {secs:.2f} | {mb / secs:.0f} | | |")
        if args.big:
            for threads in sorted({1, cores}):
                wall, cpu, rss, _ = measured([BINARY, "-q", "preprocess", "--input", args.big, "--output",
                                              "big.jsonl", "--threads", str(threads)], tmp)
                mb = json.load(open(pathlib.Path(tmp) / "logs/preprocess_report.json"))["content_bytes"] / 1e6
                gb = sum(p.stat().st_size for p in args.big.glob("*.parquet")) / 1e9
                print(f"| {gb:.1f} GB of parquet | automend, {threads} thread(s) | {mb:.0f} | {wall:.2f} | "
                      f"{mb / wall:.0f} | {cpu:.2f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
