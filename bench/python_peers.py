"""The two Python implementations the end-to-end benchmark times beside automend, doing the
same gates, redaction and records (the shared reference in tests/python/oracle.py):

  prototype  the prototype's way: yaml.safe_load_all (PyYAML's pure-Python SafeLoader) on
             every file first, then the other gates, then redaction on the nodes of a
             second, pure-Python compose
  best       the best plain Python can do: cheap gates first (ext, size, license, keyword),
             then libyaml through CSafeLoader, one compose reused for redaction

Usage: python_peers.py {prototype|best} ROWS.jsonl OUT.jsonl [--max-bytes N]
Prints one JSON line: rows, content bytes, records, seconds (wall) and cpu_seconds of the
loop (interpreter start-up and imports excluded, so the peer is not charged for them).
"""
import argparse
import json
import pathlib
import sys
import time

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
import oracle  # noqa: E402


def record_line(row, text, counts, objs):
    p, ptype = oracle.prompt(row["max_stars_repo_path"])
    call = json.dumps({"tool": "apply_manifest", "params": {"manifest_content": text}})
    return json.dumps({
        "messages": [{"role": "user", "content": p}, {"role": "assistant", "content": call}],
        "metadata": {"hexsha": row["hexsha"], "repo": row.get("max_stars_repo_name") or "",
                     "path": row["max_stars_repo_path"],
                     "licenses": row.get("max_stars_repo_licenses") or [],
                     "iac_type": oracle.iac_type(objs), "prompt_type": ptype,
                     "size_bytes": len(row["content"].encode("utf-8")),
                     "redactions": sum(counts.values())}}) + "\n"


def cheap_gates(row):
    content = row["content"]
    lic = row.get("max_stars_repo_licenses") or []
    if not oracle.ascii_lower(row["max_stars_repo_path"]).endswith((".yaml", ".yml")):
        return False
    if not 200 <= len(content.encode("utf-8")) <= 204800:
        return False
    if not lic or any(l not in oracle.ALLOW for l in lic):
        return False
    low = content.lower()
    return any(k in low for k in oracle.KEYWORDS)


def finish(row, content, docs, loader):
    objs = oracle.k8s_objects(docs)
    if objs is None:
        return None
    text, counts, _ = oracle.redact(content, docs)
    if text != content:
        docs2, _ = oracle.compose(text, loader)
        objs = oracle.k8s_objects(docs2) if docs2 is not None else None
        if objs is None:
            return None
    return record_line(row, text, counts, objs)


def prototype(row):
    content = row["content"]
    try:
        list(yaml.safe_load_all(content))
    except Exception:
        return None
    if not cheap_gates(row):
        return None
    docs, _ = oracle.compose(content, yaml.SafeLoader)
    return None if docs is None else finish(row, content, docs, yaml.SafeLoader)


def best(row):
    if not cheap_gates(row):
        return None
    docs, _ = oracle.compose(row["content"])
    return None if docs is None else finish(row, row["content"], docs, yaml.CSafeLoader)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["prototype", "best"])
    ap.add_argument("rows")
    ap.add_argument("out")
    ap.add_argument("--max-bytes", type=int, default=0, help="stop after this much content")
    args = ap.parse_args()
    fn = prototype if args.mode == "prototype" else best
    seen, rows, nbytes, records = set(), 0, 0, 0
    start, start_cpu = time.perf_counter(), time.process_time()
    with open(args.rows, encoding="utf-8") as f, open(args.out, "w", encoding="utf-8") as out:
        for line in f:
            row = json.loads(line)
            rows += 1
            content = row["content"]  # counted without encoding when it is ASCII (O(1) check)
            nbytes += len(content) if content.isascii() else len(content.encode("utf-8"))
            if row["hexsha"] in seen:
                continue
            seen.add(row["hexsha"])
            rec = fn(row)
            if rec:
                out.write(rec)
                records += 1
            if args.max_bytes and nbytes >= args.max_bytes:
                break
    print(json.dumps({"mode": args.mode, "rows": rows, "bytes": nbytes, "records": records,
                      "seconds": time.perf_counter() - start,
                      "cpu_seconds": time.process_time() - start_cpu}))


if __name__ == "__main__":
    main()
