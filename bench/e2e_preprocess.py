"""End-to-end preprocess benchmark: automend on one thread and on all cores, beside the two
Python peers (python_peers.py), on the inputs made by make_inputs.py. Prints a Markdown
table: content MB/s and rows/s by wall clock, CPU seconds, and peak RSS.

Usage: e2e_preprocess.py INPUT_DIR [--peer-best-mb 200] [--peer-prototype-mb 20] [--repeat 3]
                          [--page-cache settled|as-is]
The peers are timed on the first N MB of the same file (they are slow; MB/s is what
compares), by their own loop's CPU time (interpreter start-up excluded). Every
configuration runs --repeat times and the run with the least CPU time is kept, for
automend and the peers alike. Each input is first dropped from the page cache and read back
(bench_util.settle_page_cache) unless --page-cache as-is: how the file came into the cache
changes the kernel's cost of reading it. Run on an otherwise idle machine.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_util import measured, settle_page_cache  # noqa: E402

BINARY = HERE.parent / "build" / "automend"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", type=pathlib.Path)
    ap.add_argument("--peer-best-mb", type=float, default=200)
    ap.add_argument("--peer-prototype-mb", type=float, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--page-cache", choices=("settled", "as-is"), default="settled")
    args = ap.parse_args()

    def best_of(run):  # run() -> a table row whose 6th field is CPU seconds
        return min((run() for _ in range(args.repeat)), key=lambda row: row[5])

    def rate(x):  # the prototype's 1.4 MB/s would show as 1
        return f"{x:.1f}" if x < 10 else f"{x:.0f}"

    cores = os.cpu_count()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("dense", "stacklike"):
            src = args.inputs / f"{name}.jsonl"
            if args.page_cache == "settled":
                settle_page_cache(src)
            for threads in sorted({1, cores}):
                def run_automend():
                    wall, cpu, rss, _ = measured([BINARY, "-q", "preprocess", "--input", src, "--output",
                                                  "out.jsonl", "--threads", str(threads)], tmp)
                    rep = json.load(open(pathlib.Path(tmp) / "logs" / "preprocess_report.json"))
                    return (name, f"automend, {threads} thread(s)", rep["content_bytes"] / 1e6,
                            rep["rows_in"], wall, cpu, rss, rep["records"])
                rows.append(best_of(run_automend))
            for mode, limit in (("best", args.peer_best_mb), ("prototype", args.peer_prototype_mb)):
                def run_peer():
                    _, _, rss, out = measured(
                        [sys.executable, HERE / "python_peers.py", mode, src, "peer.jsonl",
                         "--max-bytes", str(int(limit * 1e6))], tmp)
                    res = json.loads(out)
                    return (name, f"Python {mode}", res["bytes"] / 1e6, res["rows"], res["seconds"],
                            res["cpu_seconds"], rss, res["records"])
                rows.append(best_of(run_peer))
    print("| input | implementation | content MB | rows | wall s | MB/s | rows/s | CPU s | MB/s per CPU s | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, impl, mb, n, wall, cpu, rss, _ in rows:
        print(f"| {name} | {impl} | {mb:.0f} | {n} | {wall:.2f} | {rate(mb / wall)} | {n / wall:.0f} | "
              f"{cpu:.2f} | {rate(mb / cpu)} | {rss:.0f} |")


if __name__ == "__main__":
    main()
