"""An independent, slow and obviously-written reference of the pipeline's row semantics
(spec sections 2-5), used by the differential tests: PyYAML's CSafeLoader (the same
libyaml parser) for the YAML and k8s gates, Python's `re` with the spec's regular
expressions for the text classes and with the secret rules' expressions, PyYAML node marks for credential spans, and Python's
json.dumps for records. It shares no code with the C++ implementation.
"""
import json
import re

import yaml

STD = "tag:yaml.org,2002:"
KEYWORDS = ["nvidia.com/gpu", "amd.com/gpu", "kserve", "seldon", "inferenceservice",
            "servingruntime", "triton", "torchserve", "tensorflow/serving", "kubeflow",
            "ray.io", "vllm", "mlflow", "bentoml"]
ALLOW = {"MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "ISC",
         "Unlicense", "CC0-1.0", "Zlib", "BSL-1.0", "PostgreSQL"}
SUFFIXES = ["password", "passwd", "pwd", "secret", "token", "apikey", "accesskey",
            "secretkey", "privatekey", "clientsecret", "credential", "credentials"]
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
             "Job", "CronJob", "Pod"}
CATEGORIES = [
    ("gpu", {"gpu", "gpus", "cuda", "nvidia"}, "Apply the GPU serving configuration: {words}."),
    ("inference", {"inference", "infer", "serving", "serve", "server", "predictor", "model",
                   "kserve", "seldon", "triton"}, "Deploy the model inference service: {words}."),
    ("deploy", {"deploy", "deployment", "deployments", "prod", "production"},
     "Deploy the production configuration: {words}."),
    ("service", {"service", "svc", "ingress", "gateway", "route"},
     "Expose the service configuration: {words}."),
]
FALLBACK = "Apply the Kubernetes manifest: {words}."

IPV4 = re.compile(r"(?<![A-Za-z0-9_.])([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})"
                  r"(?![A-Za-z0-9_]|\.[0-9])")
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                   r"\.[A-Za-z]{2,}")
APIKEY = re.compile(r"(?<![A-Za-z0-9_-])(?:sk-[A-Za-z0-9]{20,}|sk-(?:proj|svcacct|admin)-"
                    r"[A-Za-z0-9_-]{20,})")
# The secret rules (docs/secrets.md), in the order they run, each with the regular
# expression the C++ scanners in src/redact/secret_scanners.h mirror. For rules whose
# replaced part is a group, the group is replaced and the rest of the match kept.
_UI = r"[^ \t\n\r\f\v/?#\"'`<>\\\[\]{}|]"
_UN = r"[^ \t\n\r\f\v/?#\"'`<>\\\[\]{}|@]"
_NOT_EMAIL_TOKEN = r"(?:(?!REDACTED_EMAIL)" + _UN + ")*"
_DOMAIN = r"([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"  # EMAIL's domain part
_VARIABLE = re.compile(r"\$\([A-Za-z_][A-Za-z0-9_]*\)|\$[A-Za-z_][A-Za-z0-9_]*|%s|%v")
_B = r"[A-Za-z0-9+/=\\#:,\- \t\r\n]"
_PEM_MARK = r"[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
SECRET_RULES = [
    ("pem_private_key", re.compile(r"-----BEGIN" + _PEM_MARK + _B + r"*?-----END" + _PEM_MARK)),
    ("jwt", re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{7,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")),
    ("aws_secret_access_key", re.compile(
        r"(?:[Ss][Ee][Cc][Rr][Ee][Tt][_.-]?(?:[Aa][Cc][Cc][Ee][Ss][Ss][_.-]?)?[Kk][Ee][Yy]"
        r"|(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])"
        r"[\"']?[ \t]*[:=,;|]?[ \t]*[\"']?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")),
    ("aws_access_key_id", re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])")),
    ("github_token", re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}"
                                r"|github_pat_[A-Za-z0-9_]{82,})(?![A-Za-z0-9_])")),
    ("huggingface_token", re.compile(r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,}(?![A-Za-z0-9_])")),
    ("slack_webhook", re.compile(r"hooks\.slack\.com/services/(T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+)")),
    ("slack_token", re.compile(r"(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}(?![A-Za-z0-9_-])")),
    ("google_api_key", re.compile(r"(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])")),
    # user:password@, or what the e-mail class left of it: user:pa!REDACTED_EMAIL (a host
    # that is an e-mail domain goes too, else "REDACTED_SECRET@host.io" would be an e-mail
    # address for the leak check). Last, so no later rule reshapes an authority.
    ("url_basic_auth", re.compile(
        r"://(?:(" + _UI + r"*:" + _UI + r"*@)" + _DOMAIN + r"?|(?!" + _UN + r"*@)(" +
        _NOT_EMAIL_TOKEN + ":" + _NOT_EMAIL_TOKEN + r"REDACTED_EMAIL))")),
]
SECRET_RULE_NAMES = [name for name, _ in SECRET_RULES]


def _secret_kept(name, m):
    """A match the rule leaves alone: a URL whose password is a variable reference."""
    if name != "url_basic_auth" or m.group(1) is None:
        return False
    return _VARIABLE.fullmatch(m.group(1)[:-1].split(":", 1)[1]) is not None


def _secret_replacement(name, m):
    if name == "url_basic_auth":
        if m.group(1) is not None and m.group(2) is None:
            return "REDACTED_SECRET@"
        return "REDACTED_SECRET@REDACTED_EMAIL"
    return "REDACTED_SECRET"


def redact_secrets(text, rules=None):
    """Applies the secret rules (all, or the names in `rules`) in order; returns the text and
    the number of replaced spans per rule."""
    counts = {}
    for name, pattern in SECRET_RULES:
        if rules is not None and name not in rules:
            continue
        n = 0

        def replace(m):
            nonlocal n
            if _secret_kept(name, m):
                return m.group(0)
            n += 1
            # The replaced part runs from the first group that took part to the match's end
            # (or is the whole match when the rule has no groups).
            group = next((g for g in range(1, m.re.groups + 1) if m.group(g) is not None), 0)
            return m.string[m.start():m.start(group)] + _secret_replacement(name, m)

        text = pattern.sub(replace, text)
        counts[name] = n
    return text, counts


def secret_matches(text, rules=None):
    """How often each secret rule fires on `text` as it is (the leak check)."""
    return {name: sum(1 for m in pattern.finditer(text) if not _secret_kept(name, m))
            for name, pattern in SECRET_RULES if rules is None or name in rules}


RESERVED = [(0, 8), (10, 8), ((100 << 8) + 64, 10), (127, 8), ((169 << 8) + 254, 16),
            ((172 << 8) + 16, 12), ((192 << 16) + 2, 24), ((192 << 8) + 168, 16),
            ((198 << 8) + 18, 15), ((198 << 16) + (51 << 8) + 100, 24),
            ((203 << 16) + 113, 24), (224, 4), (240, 4)]


def _reserved(octets):
    ip = (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]
    for prefix, bits in RESERVED:
        # prefix is written with as many octets as it needs; shift it to the top
        width = 8 * ((bits + 7) // 8)
        base = prefix << (32 - width)
        if ip >> (32 - bits) == base >> (32 - bits):
            return True
    return False


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


# ---- gates -------------------------------------------------------------------------------

def walk(nodes):
    seen, stack = set(), list(nodes)
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        yield n
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))


def compose(content, loader=yaml.CSafeLoader):
    """(documents, None) when gate 5 passes, else (None, why)."""
    try:
        docs = list(yaml.compose_all(content, Loader=loader))
    except yaml.YAMLError as e:
        return None, str(e).split("\n")[0]
    for n in walk(docs):
        if not n.tag.startswith(STD):
            return None, "non-standard tag " + n.tag
    return docs, None


def flatten(node, depth=0):
    """The (key, value) pairs of a mapping as SafeConstructor.flatten_mapping orders them."""
    merge, own = [], []
    for k, v in node.value:
        if k.tag == STD + "merge" and depth < 32:
            if isinstance(v, yaml.MappingNode):
                merge.extend(flatten(v, depth + 1))
            elif isinstance(v, yaml.SequenceNode):
                subs = [flatten(s, depth + 1) for s in v.value if isinstance(s, yaml.MappingNode)]
                for s in reversed(subs):
                    merge.extend(s)
        else:
            own.append((k, v))
    return merge + own


def lookup(mapping, key):
    found = None
    for k, v in flatten(mapping):
        if isinstance(k, yaml.ScalarNode) and k.tag in (STD + "str", STD + "value") and k.value == key:
            found = v
    return found


def is_empty_doc(d):
    return isinstance(d, yaml.ScalarNode) and d.tag == STD + "null"


def k8s_objects(docs):
    """[(apiVersion, kind)] when gate 6 passes, else None."""
    objs = []
    for d in docs:
        if is_empty_doc(d):
            continue
        if not isinstance(d, yaml.MappingNode):
            return None
        pair = []
        for key in ("apiVersion", "kind"):
            v = lookup(d, key)
            if not (isinstance(v, yaml.ScalarNode) and v.tag == STD + "str" and v.value):
                return None
            pair.append(v.value)
        objs.append(tuple(pair))
    return objs or None


# ---- redaction ---------------------------------------------------------------------------

PROPS = re.compile(r"(?:(?:&[^\s,\[\]{}]*|!<[^>]*>|![^\s,\[\]{}]*)(?:\s|#[^\n]*)*)+")


def cred_name(key):
    norm = ascii_lower(key).replace("-", "").replace("_", "").replace(".", "")
    return any(norm.endswith(s) for s in SUFFIXES)


def credential_spans(content, docs):
    base = 1 if content.startswith("\ufeff") else 0
    spans = {}

    def add(node):
        if not (isinstance(node, yaml.ScalarNode) and node.tag == STD + "str"):
            return
        start, end = node.start_mark.index + base, node.end_mark.index + base
        m = PROPS.match(content, start, end)
        if m and m.end() > start:
            start = m.end()
        if node.style in ("|", ">"):
            while end > start + 1 and content[end - 1] in " \t\r\n":
                end -= 1
        rep = {"'": "'REDACTED_CREDS'", '"': '"REDACTED_CREDS"'}.get(node.style, "REDACTED_CREDS")
        spans[start] = (end, rep)

    def add_all(node):
        if isinstance(node, yaml.ScalarNode):
            add(node)
            return
        for n in walk([node]):
            if isinstance(n, yaml.SequenceNode):
                for item in n.value:
                    if isinstance(item, yaml.ScalarNode):
                        add(item)
            elif isinstance(n, yaml.MappingNode):
                for _, v in n.value:
                    if isinstance(v, yaml.ScalarNode):
                        add(v)

    for n in walk(docs):
        if not isinstance(n, yaml.MappingNode):
            continue
        env_name, env_values = False, []
        for k, v in n.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            if cred_name(k.value):
                add(v)
            if k.value == "name":
                if isinstance(v, yaml.ScalarNode) and v.tag == STD + "str" and cred_name(v.value):
                    env_name = True
            elif k.value == "value":
                env_values.append(v)
        if env_name:
            for v in env_values:
                add(v)
    for d in docs:
        if not isinstance(d, yaml.MappingNode):
            continue
        kind = lookup(d, "kind")
        if not (isinstance(kind, yaml.ScalarNode) and kind.value == "Secret"):
            continue
        for k, v in d.value:
            if isinstance(k, yaml.ScalarNode) and k.value in ("data", "stringData"):
                add_all(v)
    return sorted((s, e, r) for s, (e, r) in spans.items())


def redact(content, docs, keep_reserved=True, secret_rules=None):
    """(redacted text, counts by class, secret counts by rule)."""
    counts = {"credential": 0, "ipv4": 0, "email": 0, "api_key": 0, "secret": 0}
    out, pos = [], 0
    for s, e, r in credential_spans(content, docs):
        out.append(content[pos:s])
        out.append(r)
        pos = e
        counts["credential"] += 1
    text = "".join(out) + content[pos:]

    def ip(m):
        octets = [int(g) for g in m.groups()]
        if max(octets) > 255 or (keep_reserved and _reserved(octets)):
            return m.group(0)
        counts["ipv4"] += 1
        return "IPV4_REDACTED"

    def email(m):
        counts["email"] += 1
        return "REDACTED_EMAIL"

    def key(m):
        counts["api_key"] += 1
        return "sk-REDACTED"

    text = IPV4.sub(ip, text)
    text = EMAIL.sub(email, text)
    text = APIKEY.sub(key, text)
    text, by_rule = redact_secrets(text, secret_rules)
    counts["secret"] = sum(by_rule.values())
    return text, counts, by_rule


# ---- prompts and records -----------------------------------------------------------------

def words(path):
    stem = path.rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:[yY][aA][mM][lL]|[yY][mM][lL])$", "", stem)
    stem = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem)
    return [ascii_lower(w) for w in re.split(r"[-_. ]+", stem) if w]


def prompt(path):
    ws = words(path)
    joined = " ".join(ws) or "manifest"
    for name, vocab, template in CATEGORIES:
        if vocab & set(ws):
            return template.replace("{words}", joined), name
    return FALLBACK.replace("{words}", joined), "fallback"


def iac_type(objs):
    if any(a.split("/")[0] == "serving.kserve.io" for a, _ in objs):
        return "kserve"
    if any("seldon.io" in a for a, _ in objs):
        return "seldon"
    if any(k in WORKLOADS for _, k in objs):
        return "k8s_workload"
    return "k8s_config"


def evaluate(row):
    """The fate of one deduplicated row (a dict in The Stack's schema): a dict with
    `reason`, and for a pass `line` (the record line), `manifest`, `counts` (redactions by
    class), `iac_type`, `prompt_type` and `words`."""
    content = row["content"]
    if any(0xD800 <= ord(c) <= 0xDFFF for c in content):
        return {"reason": "encoding"}
    path = row["max_stars_repo_path"]
    lic = row.get("max_stars_repo_licenses") or []
    if not ascii_lower(path).endswith((".yaml", ".yml")):
        return {"reason": "ext"}
    if not 200 <= len(content.encode("utf-8")) <= 204800:
        return {"reason": "size"}
    if not lic or any(l not in ALLOW for l in lic):
        return {"reason": "license"}
    low = ascii_lower(content)
    if not any(k in low for k in KEYWORDS):
        return {"reason": "keyword"}
    docs, _ = compose(content)
    if docs is None:
        return {"reason": "yaml"}
    objs = k8s_objects(docs)
    if objs is None:
        return {"reason": "k8s"}
    text, counts, by_rule = redact(content, docs)
    if text != content:
        docs2, _ = compose(text)
        objs = k8s_objects(docs2) if docs2 is not None else None
        if objs is None:
            return {"reason": "revalidate", "counts": counts}
    p, ptype = prompt(path)
    call = json.dumps({"tool": "apply_manifest", "params": {"manifest_content": text}})
    record = {
        "messages": [{"role": "user", "content": p}, {"role": "assistant", "content": call}],
        "metadata": {"hexsha": row["hexsha"], "repo": row.get("max_stars_repo_name") or "",
                     "path": path, "licenses": lic, "iac_type": iac_type(objs),
                     "prompt_type": ptype, "size_bytes": len(content.encode("utf-8")),
                     "redactions": sum(counts.values())},
    }
    return {"reason": "pass", "line": json.dumps(record) + "\n", "manifest": text,
            "counts": counts, "secrets": by_rule, "iac_type": iac_type(objs),
            "prompt_type": ptype, "words": words(path)}


def process(row):
    """(reason, record line or None) for one deduplicated row."""
    result = evaluate(row)
    return result["reason"], result.get("line")


def leaks(text):
    """How often each text class and the secret rules (together) fire on `text` (the
    validate stage's leak check)."""
    counts = {"ipv4": 0, "email": 0, "api_key": 0}
    for m in IPV4.finditer(text):
        octets = [int(g) for g in m.groups()]
        if max(octets) <= 255 and not _reserved(octets):
            counts["ipv4"] += 1
    counts["email"] = len(EMAIL.findall(text))
    counts["api_key"] = len(APIKEY.findall(text))
    counts["secret"] = sum(secret_matches(text).values())
    return counts
