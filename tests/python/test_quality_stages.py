"""The quality stages (analyze, validate, anomaly-check, bias-detection, diagnose) driven as a
user runs them: the Slack alert received by a real HTTP server on loopback, webhooks that
fail or hang, the bundled demo data, and the shared corpus, where every number of every
report is compared with an independent count made here (oracle.py for the row semantics,
the rest written out below from the spec and docs/pipeline.md)."""
import collections
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import oracle
from conftest import SOURCE_DIR, run_automend

DEMO = SOURCE_DIR / "examples" / "demo"
GATES = ("ext", "size", "license", "keyword", "yaml", "k8s")
CHECKS = ("required_keys", "roles", "assistant_json", "tool_call", "manifest_k8s", "pii_leak")
TOKENS = {"credential": "REDACTED_CREDS", "ipv4": "IPV4_REDACTED", "email": "REDACTED_EMAIL",
          "api_key": "sk-REDACTED", "secret": "REDACTED_SECRET"}


# ---- an independent reference of the reports ------------------------------------------------

def most_common(counter, limit=None):
    """Count descending, ties by key in byte order (docs/pipeline.md, Reports)."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].encode("utf-8", "surrogateescape")))
    return items[:limit] if limit else items


def nearest_rank(values):
    v = sorted(values)
    n = len(v)
    pick = lambda p: v[max(1, (p * n + 99) // 100) - 1]
    return {"count": n, "min": v[0], "p50": pick(50), "p90": pick(90), "p99": pick(99),
            "max": v[-1], "mean": sum(v) / n}


def size_bucket(n):
    return "<1KB" if n < 1024 else "1-10KB" if n < 10240 else "10-100KB" if n < 102400 else ">=100KB"


def extension(path):
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return oracle.ascii_lower(name[dot + 1:]) if dot > 0 and name[dot + 1:] else "none"


def first_gate_failed(row):
    """(the gate a deduplicated row fails or None, its parsed documents when it parses)."""
    content = row["content"]
    if any(0xD800 <= ord(c) <= 0xDFFF for c in content):
        return "encoding", None
    lic = row.get("max_stars_repo_licenses") or []
    if not oracle.ascii_lower(row["max_stars_repo_path"]).endswith((".yaml", ".yml")):
        return "ext", None
    if not 200 <= len(content.encode("utf-8")) <= 204800:
        return "size", None
    if not lic or any(l not in oracle.ALLOW for l in lic):
        return "license", None
    if not any(k in oracle.ascii_lower(content) for k in oracle.KEYWORDS):
        return "keyword", None
    docs, _ = oracle.compose(content)
    if docs is None:
        return "yaml", None
    return ("k8s" if oracle.k8s_objects(docs) is None else None), docs


def document_field(doc, key):
    v = oracle.lookup(doc, key)
    if isinstance(v, oracle.yaml.ScalarNode) and v.tag == oracle.STD + "str" and v.value:
        return v.value
    return None


def expected_analysis(rows):
    seen, unique = set(), []
    for row in rows:
        if row["hexsha"] not in seen:
            seen.add(row["hexsha"])
            unique.append(row)
    failed = collections.Counter()
    licenses, exts, sizes = collections.Counter(), collections.Counter(), collections.Counter()
    keywords, scanned = collections.Counter(), 0
    kinds, api_versions, documents = collections.Counter(), collections.Counter(), 0
    for row in unique:
        lic = row.get("max_stars_repo_licenses") or []
        licenses.update(lic or ["none"])
        exts[extension(row["max_stars_repo_path"])] += 1
        sizes[size_bucket(len(row["content"].encode("utf-8", "surrogateescape")))] += 1
        gate, docs = first_gate_failed(row)
        failed[gate] += 1
        if gate not in ("encoding", "ext", "size", "license"):
            scanned += 1
            low = oracle.ascii_lower(row["content"])
            keywords.update(k for k in oracle.KEYWORDS if k in low)
        for d in docs or []:
            if oracle.is_empty_doc(d) or not isinstance(d, oracle.yaml.MappingNode):
                continue
            documents += 1
            for key, counter in (("kind", kinds), ("apiVersion", api_versions)):
                if (value := document_field(d, key)) is not None:
                    counter[value] += 1
    entering = len(unique) - failed["encoding"]
    funnel = []
    for gate in GATES:
        funnel.append({"gate": gate, "in": entering, "out": entering - failed[gate],
                       "rejected": failed[gate]})
        entering -= failed[gate]
    return {"rows": len(rows), "duplicates": len(rows) - len(unique), "unique_rows": len(unique),
            "encoding_rejected": failed["encoding"], "funnel": funnel, "passing_rows": entering,
            "licenses": dict(most_common(licenses)), "extensions": dict(most_common(exts)),
            "sizes": dict(most_common(sizes)),
            "keywords": {"rows_scanned": scanned, "rows_without_keyword": failed["keyword"],
                         "rows_per_keyword": {k: keywords[k] for k in oracle.KEYWORDS}},
            "yaml_documents": documents,
            "kinds": {"distinct": len(kinds), "top": dict(most_common(kinds, 20))},
            "api_versions": {"distinct": len(api_versions), "top": dict(most_common(api_versions, 20))}}


def expected_schema(lines):
    prompts, manifests, kinds = [], [], collections.Counter()
    iac, ptype, tokens = collections.Counter(), collections.Counter(), collections.Counter()
    with_redactions = total_redactions = 0
    for line in lines:
        rec = json.loads(line)
        prompt = rec["messages"][0]["content"]
        manifest = json.loads(rec["messages"][1]["content"])["params"]["manifest_content"]
        prompts.append(len(prompt.encode("utf-8")))
        manifests.append(len(manifest.encode("utf-8")))
        for cls, token in TOKENS.items():
            tokens[cls] += manifest.count(token)
        docs, _ = oracle.compose(manifest)
        for _, kind in oracle.k8s_objects(docs):
            kinds[kind] += 1
        meta = rec["metadata"]
        iac[meta["iac_type"]] += 1
        ptype[meta["prompt_type"]] += 1
        total_redactions += meta["redactions"]
        with_redactions += meta["redactions"] > 0
    return {"total": len(lines), "valid": len(lines), "pass_rate_pct": 100.0,
            "violation_counts": dict.fromkeys(CHECKS, 0), "examples": {},
            "pii_leaks": dict.fromkeys(TOKENS, 0),
            "statistics": {"prompt_bytes": nearest_rank(prompts),
                           "manifest_bytes": nearest_rank(manifests),
                           "iac_types": dict(most_common(iac)),
                           "prompt_types": dict(most_common(ptype)),
                           "kinds": {"documents": sum(kinds.values()), "distinct": len(kinds),
                                     "top": dict(most_common(kinds, 25))},
                           "redactions": {"records_with_redactions": with_redactions,
                                          "total": total_redactions,
                                          "tokens_in_manifests": dict(tokens)}}}


MASK = (1 << 64) - 1


class SplitMix64:
    """docs/pipeline.md, "Which records stay": Vigna's splitmix64 and rejection sampling."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        reject_under = (1 << 64) % bound
        x = self.next()
        while x < reject_under:
            x = self.next()
        return x % bound


def expected_balance(lines, share=0.40, seed=42):
    """(cap or None, the balanced lines) by the documented algorithm."""
    iac = [json.loads(l)["metadata"]["iac_type"] for l in lines]
    counts = collections.Counter(iac)
    total, largest = len(iac), max(counts.values())
    cap = None
    if largest / total > share and len(counts) * share >= 1:
        cap = next(c for c in range(largest - 1, 0, -1)
                   if c <= share * sum(min(n, c) for n in counts.values()))
    keep = [True] * len(lines)
    if cap:
        rng = SplitMix64(seed)
        for name in sorted(counts, key=lambda s: s.encode()):
            members = [j for j, t in enumerate(iac) if t == name]
            if len(members) <= cap:
                continue
            for i in range(cap):
                r = i + rng.below(len(members) - i)
                members[i], members[r] = members[r], members[i]
            for j in members[cap:]:
                keep[j] = False
    kept = [j for j in range(len(lines)) if keep[j]]
    balanced_counts = collections.Counter(iac[j] for j in kept)
    out = []
    for j in kept:
        rec = json.loads(lines[j])
        rec["sampling_weight"] = len(kept) / (len(balanced_counts) * balanced_counts[iac[j]])
        out.append(json.dumps(rec))
    return cap, out


def expected_slices(lines):
    dims = {d: collections.Counter() for d in ("iac_type", "license", "size", "prompt_type")}
    for line in lines:
        meta = json.loads(line)["metadata"]
        dims["iac_type"][meta["iac_type"]] += 1
        dims["license"][(meta["licenses"] or ["none"])[0]] += 1
        dims["size"][size_bucket(meta["size_bytes"])] += 1
        dims["prompt_type"][meta["prompt_type"]] += 1
    n = len(lines)
    return {d: {k: {"count": v, "share": v / n, "over_represented": v / n > 0.40,
                    "under_represented": v / n < 0.05} for k, v in most_common(c)}
            for d, c in dims.items()}


def read_lines(path):
    return open(path, encoding="utf-8").read().splitlines()


def load(path):
    return json.load(open(path, encoding="utf-8"))


def subset(report, keys):
    return {k: report[k] for k in keys}


# ---- Slack ----------------------------------------------------------------------------------

class Webhook:
    """A Slack incoming webhook stand-in on loopback: records each request and answers
    `status`, or holds the connection until the test ends (hang=True)."""

    def __init__(self, status=200, hang=False):
        self.requests = []
        self.release = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                hook.requests.append({"path": self.path, "headers": dict(self.headers),
                                      "body": body})
                if hang:
                    hook.release.wait(60)
                    return
                answer = b"ok" if status == 200 else b"internal_error"
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/services/T000/B000/s3cr3tPath"

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook_factory():
    hooks = []

    def make(**kwargs):
        hooks.append(Webhook(**kwargs))
        return hooks[-1]

    yield make
    for h in hooks:
        h.close()


def write_schema(tmp_path, total, rate, pii=0, roles=0):
    (tmp_path / "logs").mkdir(exist_ok=True)
    violations = dict.fromkeys(CHECKS, 0)
    violations.update(pii_leak=pii, roles=roles)
    (tmp_path / "logs" / "schema_report.json").write_text(json.dumps(
        {"total": total, "valid": total, "pass_rate_pct": rate, "violation_counts": violations}))
    (tmp_path / "quick.yaml").write_text("anomaly:\n  slack_timeout_seconds: 1\n")


def anomaly_check(tmp_path, url, *extra):
    import os
    env = dict(os.environ, SLACK_WEBHOOK_URL=url)
    return run_automend(["--config", "quick.yaml", "anomaly-check", *extra], cwd=tmp_path,
                        check=False, env=env)


def test_slack_message_reaches_a_real_server(tmp_path, webhook_factory):
    hook = webhook_factory()
    write_schema(tmp_path, total=4, rate=50.0, roles=2)
    proc = anomaly_check(tmp_path, hook.url)
    assert proc.returncode == 0, proc.stderr
    assert len(hook.requests) == 1
    req = hook.requests[0]
    assert req["path"] == "/services/T000/B000/s3cr3tPath"
    assert req["headers"]["Content-Type"] == "application/json"
    body = json.loads(req["body"])
    assert body["text"].startswith("AutoMend anomaly check FAILED: 2 anomalies")
    assert "pass_rate: schema pass rate 50.00% is below 80%" in body["text"]
    assert "min_records: only 4 record(s), fewer than 10" in body["text"]
    assert [b["type"] for b in body["blocks"]] == ["header", "section"]
    report = load(tmp_path / "logs" / "anomaly_report.json")
    assert report["status"] == "FAIL" and report["anomalies_found"] == 2
    assert [a["rule"] for a in report["anomalies"]] == ["pass_rate", "min_records"]
    assert report["alert"] == {"channel": "slack", "delivered": True, "http_status": 200,
                               "detail": report["alert"]["detail"]}
    log = (tmp_path / "logs" / "anomaly_check.log").read_text()
    assert "s3cr3tPath" not in log + proc.stderr + json.dumps(report)


@pytest.mark.parametrize("behaviour", ["answers 500", "hangs"])
def test_failing_webhook_keeps_the_report_and_the_exit_status(tmp_path, webhook_factory,
                                                              behaviour):
    hook = webhook_factory(status=500, hang=behaviour == "hangs")
    write_schema(tmp_path, total=4, rate=100.0)
    proc = anomaly_check(tmp_path, hook.url)
    assert proc.returncode == 0, proc.stderr
    assert len(hook.requests) == 1
    report = load(tmp_path / "logs" / "anomaly_report.json")
    assert report["status"] == "FAIL" and report["anomalies_found"] == 1
    assert report["alert"]["delivered"] is False
    assert report["alert"]["http_status"] == (500 if behaviour == "answers 500" else 0)
    assert "s3cr3tPath" not in proc.stderr + json.dumps(report)


def test_pii_leak_fails_the_run_even_when_slack_is_down(tmp_path):
    write_schema(tmp_path, total=100, rate=99.0, pii=1)
    proc = anomaly_check(tmp_path, "http://127.0.0.1:9/unreachable")
    assert proc.returncode == 1
    report = load(tmp_path / "logs" / "anomaly_report.json")
    assert report["pii_leak"] is True and report["alert"]["delivered"] is False


def test_without_webhook_each_anomaly_is_logged_critical(tmp_path):
    write_schema(tmp_path, total=4, rate=50.0)
    proc = anomaly_check(tmp_path, "")
    assert proc.returncode == 0
    log = (tmp_path / "logs" / "anomaly_check.log").read_text()
    assert log.count(" critical ") == 2
    assert load(tmp_path / "logs" / "anomaly_report.json")["alert"] == {"channel": "log"}


# ---- the demo data --------------------------------------------------------------------------

def run_chain(cwd, rows):
    run_automend(["-q", "preprocess", "--input", str(rows)], cwd=cwd)
    analyze = run_automend(["analyze", "--input", str(rows)], cwd=cwd)
    for stage in ("validate", "anomaly-check", "bias-detection"):
        run_automend(["-q", stage], cwd=cwd)
    diagnose = run_automend(["diagnose", "--input", str(rows)], cwd=cwd, check=False)
    return analyze, diagnose


def test_demo_data_through_every_stage(tmp_path):
    analyze, diagnose = run_chain(tmp_path, DEMO / "rows.jsonl")
    expected = json.loads((DEMO / "expected.json").read_text())
    logs = tmp_path / "logs"

    analysis = load(logs / "analysis_report.json")
    assert analysis["rows"] == expected["funnel"]["rows"]
    assert analysis["duplicates"] == expected["funnel"]["duplicate"]
    assert analysis["encoding_rejected"] == expected["funnel"]["encoding"]
    assert [(s["gate"], s["in"], s["out"], s["rejected"]) for s in analysis["funnel"]] == \
        [(g["gate"], g["entering"], g["leaving"], g["rejected"]) for g in expected["funnel"]["gates"]]
    assert "gate funnel: ext 99->92 size 92->88" in analyze.stdout

    schema = load(logs / "schema_report.json")
    assert (schema["total"], schema["valid"], schema["pass_rate_pct"]) == (59, 59, 100.0)
    stats = schema["statistics"]
    assert stats["iac_types"] == expected["summary"]["iac_type"]
    assert stats["prompt_types"] == expected["summary"]["prompt_type"]
    assert stats["redactions"]["tokens_in_manifests"] == expected["summary"]["redactions"]
    assert stats["redactions"]["records_with_redactions"] == expected["summary"]["records_with_redactions"]
    assert load(logs / "anomaly_report.json")["status"] == "PASS"

    bias = load(logs / "bias_report.json")
    assert bias["slices"]["iac_type"]["k8s_workload"]["count"] == 24
    assert bias["slices"]["iac_type"]["k8s_workload"]["over_represented"] is True
    assert (bias["mitigation"]["cap"], bias["mitigation"]["balanced_total"]) == (23, 58)
    assert bias["mitigation"]["dropped_per_slice"] == \
        {"k8s_workload": 1, "k8s_config": 0, "kserve": 0, "seldon": 0}
    records = read_lines(tmp_path / "data" / "processed" / "training_records.jsonl")
    balanced = read_lines(tmp_path / "data" / "processed" / "training_records_balanced.jsonl")
    assert expected_balance(records) == (23, balanced)
    assert all(json.dumps(json.loads(l)) == l for l in balanced)
    weights = [json.loads(l)["sampling_weight"] for l in balanced]
    assert sum(weights) / len(weights) == pytest.approx(1.0, abs=1e-12)

    assert diagnose.returncode == 0, diagnose.stdout + diagnose.stderr
    report = load(logs / "diagnose_report.json")
    assert report["status"] == "OK"
    assert report["yield"]["records"] == 59
    assert report["yield"]["rejected"] == {"malformed": 0, **expected["summary"]["rejections"]}
    assert report["pii"]["redacted"] == expected["summary"]["redactions"]
    assert report["pii"]["after_redaction"] == dict.fromkeys(TOKENS, 0)
    for stage in ("analyze", "validate", "anomaly_check", "bias_detection", "diagnose"):
        assert (logs / f"{stage}.log").stat().st_size > 0, stage


def test_same_seed_same_balanced_file_other_seed_other_choice(tmp_path):
    run_automend(["-q", "preprocess", "--input", str(DEMO / "rows.jsonl")], cwd=tmp_path)
    outputs = []
    for seed in (42, 42, 7):
        (tmp_path / "seed.yaml").write_text(f"bias:\n  seed: {seed}\n")
        run_automend(["-q", "--config", "seed.yaml", "bias-detection", "--output", f"b{len(outputs)}.jsonl"],
                     cwd=tmp_path)
        outputs.append((tmp_path / f"b{len(outputs)}.jsonl").read_bytes())
    assert outputs[0] == outputs[1]
    records = read_lines(tmp_path / "data" / "processed" / "training_records.jsonl")
    assert outputs[2].decode().splitlines() == expected_balance(records, seed=7)[1]


def test_validate_reports_violations_with_line_numbers(tmp_path):
    run_automend(["-q", "preprocess", "--input", str(DEMO / "rows.jsonl"), "--output", "r.jsonl"],
                 cwd=tmp_path)
    lines = read_lines(tmp_path / "r.jsonl")
    bad = json.loads(lines[1])
    bad["messages"].reverse()
    lines[1] = json.dumps(bad)
    lines[3] = lines[3][:40]
    leak = json.loads(lines[5])
    call = json.loads(leak["messages"][1]["content"])
    call["params"]["manifest_content"] += "# ping 8.8.8.8\n"
    leak["messages"][1]["content"] = json.dumps(call)
    lines[5] = json.dumps(leak)
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n")
    run_automend(["-q", "validate", "--input", "r.jsonl"], cwd=tmp_path)
    schema = load(tmp_path / "logs" / "schema_report.json")
    assert (schema["total"], schema["valid"]) == (59, 56)
    assert schema["pass_rate_pct"] == 100.0 * 56 / 59
    assert schema["violation_counts"] == {**dict.fromkeys(CHECKS, 0), "roles": 1,
                                          "required_keys": 1, "pii_leak": 1}
    assert [e["line"] for e in schema["examples"]["roles"]] == [2]
    assert [e["line"] for e in schema["examples"]["required_keys"]] == [4]
    assert schema["examples"]["pii_leak"] == [{"line": 6, "detail": "unredacted 1 ipv4 in the manifest"}]
    assert schema["pii_leaks"]["ipv4"] == 1
    proc = run_automend(["-q", "anomaly-check"], cwd=tmp_path, check=False)
    assert proc.returncode == 1  # a PII leak fails the run by default


# ---- the shared corpus ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_chain(tmp_path_factory, corpus_jsonl):
    cwd = tmp_path_factory.mktemp("quality")
    run_chain(cwd, corpus_jsonl)
    return cwd


def test_corpus_analysis_matches_an_independent_count(corpus_chain, corpus_rows):
    report = load(corpus_chain / "logs" / "analysis_report.json")
    want = expected_analysis(corpus_rows)
    assert subset(report, want.keys()) == want
    assert report["bytes"] == sum(len(r["content"].encode("utf-8")) for r in corpus_rows)


def test_corpus_schema_report_matches_an_independent_count(corpus_chain):
    lines = read_lines(corpus_chain / "data" / "processed" / "training_records.jsonl")
    assert len(lines) > 1000
    report = load(corpus_chain / "logs" / "schema_report.json")
    want = expected_schema(lines)
    assert subset(report, want.keys()) == want
    assert load(corpus_chain / "logs" / "anomaly_report.json")["status"] == "PASS"


def test_corpus_bias_slices_and_balanced_records_match(corpus_chain):
    lines = read_lines(corpus_chain / "data" / "processed" / "training_records.jsonl")
    report = load(corpus_chain / "logs" / "bias_report.json")
    assert report["slices"] == expected_slices(lines)
    cap, want = expected_balance(lines)
    balanced = read_lines(corpus_chain / "data" / "processed" / "training_records_balanced.jsonl")
    assert report["mitigation"]["cap"] == cap
    assert report["mitigation"]["balanced_total"] == len(balanced)
    assert balanced == want
    assert all(json.dumps(json.loads(l)) == l for l in balanced)


def test_corpus_diagnose_agrees_with_preprocess(corpus_chain):
    diagnose = load(corpus_chain / "logs" / "diagnose_report.json")
    preprocess = load(corpus_chain / "logs" / "preprocess_report.json")
    assert diagnose["status"] == "OK", diagnose["failures"]
    assert diagnose["yield"]["rows"] == preprocess["rows_in"]
    assert diagnose["yield"]["records"] == preprocess["records"]
    assert diagnose["yield"]["rejected"] == preprocess["rejected"]
    assert diagnose["pii"]["redacted"] == preprocess["redactions"]
    assert diagnose["pii"]["after_redaction"] == dict.fromkeys(TOKENS, 0)
    assert diagnose["round_trip"]["records_checked"] == preprocess["records"]
