"""What a user would pick instead of automend: datatrove (PyPI) reading the same parquet
with its ParquetReader, the same gates as LambdaFilters (cheap ones first, then PyYAML's
CSafeLoader for the yaml and k8s gates, through tests/python/oracle.py), datatrove's
PIIFormatter (emails and IPs) and its JsonlWriter, on a LocalPipelineExecutor with one task
per shard. Timed by bench/e2e_parquet.py; needs `pip install datatrove==0.6.0` (not part
of the test requirements).

Usage: datatrove_peer.py PARQUET_FOLDER OUT_FOLDER --workers N
Prints one JSON line: seconds, documents written, CPU seconds of this process and of the
workers it reaped, and the largest worker's peak RSS.
"""
import argparse
import json
import pathlib
import resource
import sys
import time

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import LambdaFilter
from datatrove.pipeline.formatters import PIIFormatter
from datatrove.pipeline.readers import ParquetReader
from datatrove.pipeline.writers import JsonlWriter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
import oracle  # noqa: E402


def ext_ok(doc):
    return oracle.ascii_lower(doc.metadata["max_stars_repo_path"]).endswith((".yaml", ".yml"))


def size_ok(doc):
    return 200 <= len(doc.text.encode("utf-8")) <= 204800


def license_ok(doc):
    lic = doc.metadata.get("max_stars_repo_licenses") or []
    return bool(lic) and all(l in oracle.ALLOW for l in lic)


def keyword_ok(doc):
    low = doc.text.lower()
    return any(k in low for k in oracle.KEYWORDS)


def yaml_k8s_ok(doc):
    docs, _ = oracle.compose(doc.text)
    return docs is not None and oracle.k8s_objects(docs) is not None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    tasks = len(list(pathlib.Path(args.data).glob("*.parquet")))
    start = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[
            ParquetReader(args.data, text_key="content", id_key="hexsha", glob_pattern="*.parquet"),
            LambdaFilter(ext_ok), LambdaFilter(size_ok), LambdaFilter(license_ok),
            LambdaFilter(keyword_ok), LambdaFilter(yaml_k8s_ok),
            PIIFormatter(),
            JsonlWriter(args.out, compression=None),
        ],
        tasks=tasks, workers=args.workers, logging_dir=args.out + "/logs",
        skip_completed=False, start_method="fork",  # workers are our children: their CPU is counted
    ).run()
    seconds = time.perf_counter() - start
    written = sum(sum(1 for _ in open(p)) for p in pathlib.Path(args.out).glob("*.jsonl"))
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime
    print(json.dumps({"seconds": seconds, "documents": written, "cpu_seconds": cpu,
                      "worker_peak_rss_mb": workers.ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
