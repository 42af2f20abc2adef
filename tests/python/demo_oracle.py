"""A slow, obviously-correct reference for PIPELINE.md sections 2-5, in Python.

It exists to cross-check examples/demo/expected.json (which was worked out by hand)
and, later, the C++ pipeline: it decides a row's fate (duplicate, encoding, the six
gates, revalidate), counts redactions per class, and derives iac_type and
prompt_type. It is written for clarity, not speed, and only uses PyYAML (with
libyaml, for gates 5-6, exactly as the spec names it) and `re`.

Where the spec leaves room, the choices made here:
- a credential value reached through an alias (`password: *pw`) is redacted where
  the anchored scalar is written (`&pw "..."`), once, however many aliases use it;
- a document whose content is empty (e.g. after a trailing `---`) is an empty
  document, ignored by gate 6;
- iac_type and kind/apiVersion are taken from the top level of each document only.
The redacted text it produces is used for re-validation and the leak check; only
the counts are compared with expected.json, not the exact bytes of each replacement.

Thread safety: pure functions with no shared state; safe to call from any thread.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

MIN_BYTES = 200
MAX_BYTES = 204800
ALLOWED_LICENSES = frozenset({
    "MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "ISC",
    "Unlicense", "CC0-1.0", "Zlib", "BSL-1.0", "PostgreSQL",
})
KEYWORDS = (
    "nvidia.com/gpu", "amd.com/gpu", "kserve", "seldon", "inferenceservice",
    "servingruntime", "triton", "torchserve", "tensorflow/serving", "kubeflow",
    "ray.io", "vllm", "mlflow", "bentoml",
)
STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
STR_TAG = STANDARD_TAG_PREFIX + "str"
NULL_TAG = STANDARD_TAG_PREFIX + "null"

CREDENTIAL_SUFFIXES = (
    "password", "passwd", "pwd", "secret", "token", "apikey", "accesskey",
    "secretkey", "privatekey", "clientsecret", "credential", "credentials",
)
WORKLOAD_KINDS = frozenset({
    "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
    "ReplicationController", "Job", "CronJob", "Pod",
})
PROMPT_CATEGORIES = (
    ("gpu", frozenset({"gpu", "gpus", "cuda", "nvidia"})),
    ("inference", frozenset({"inference", "infer", "serving", "serve", "server",
                             "predictor", "model", "kserve", "seldon", "triton"})),
    ("deploy", frozenset({"deploy", "deployment", "deployments", "prod", "production"})),
    ("service", frozenset({"service", "svc", "ingress", "gateway", "route"})),
)

REDACTED_CREDS = "REDACTED_CREDS"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])"
IPV4_RE = re.compile(r"(?<![A-Za-z0-9_.])(" + r"\.".join([_OCTET] * 4) + r")(?![A-Za-z0-9_])(?!\.[0-9])")
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
APIKEY_RE = re.compile(r"(?<![A-Za-z0-9_-])(?:sk-[A-Za-z0-9]{20,}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,})")
RESERVED_NETS = (
    ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8),
    ("169.254.0.0", 16), ("172.16.0.0", 12), ("192.0.2.0", 24), ("192.168.0.0", 16),
    ("198.18.0.0", 15), ("198.51.100.0", 24), ("203.0.113.0", 24), ("224.0.0.0", 4),
    ("240.0.0.0", 4),
)
REDACTION_CLASSES = ("credential", "ipv4", "email", "apikey")


def _ip_int(dotted: str) -> int:
    a, b, c, d = (int(x) for x in dotted.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


def is_reserved_ipv4(dotted: str) -> bool:
    ip = _ip_int(dotted)
    for net, bits in RESERVED_NETS:
        mask = (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF
        if ip & mask == _ip_int(net) & mask:
            return True
    return False


def ascii_lower(text: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


# ---------------------------------------------------------------- gates 1-4

def ext_ok(path: str) -> bool:
    return ascii_lower(path).endswith((".yaml", ".yml"))


def size_ok(raw: bytes) -> bool:
    return MIN_BYTES <= len(raw) <= MAX_BYTES


def license_ok(licenses) -> bool:
    return bool(licenses) and all(lic in ALLOWED_LICENSES for lic in licenses)


def keywords_in(text: str) -> list[str]:
    low = ascii_lower(text)
    return [k for k in KEYWORDS if k in low]


# ---------------------------------------------------------------- gates 5-6

def _walk(node, seen=None):
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _walk(k, seen)
            yield from _walk(v, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, seen)


def parse_yaml(text: str):
    """Gate 5: the documents (libyaml, as CSafeLoader composes them) or None."""
    try:
        docs = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return None
    for doc in docs:
        for node in _walk(doc):
            if not node.tag.startswith(STANDARD_TAG_PREFIX):
                return None
    return docs


def is_empty_document(doc) -> bool:
    return isinstance(doc, yaml.ScalarNode) and doc.tag == NULL_TAG and doc.value == ""


def top_level_scalar(doc, key: str):
    """The string value of a top-level key, or None when absent or not a string."""
    for k, v in doc.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            if isinstance(v, yaml.ScalarNode) and v.tag == STR_TAG:
                return v.value
            return None
    return None


def k8s_ok(docs) -> bool:
    """Gate 6."""
    non_empty = [d for d in docs if not is_empty_document(d)]
    if not non_empty:
        return False
    for doc in non_empty:
        if not isinstance(doc, yaml.MappingNode):
            return False
        if not top_level_scalar(doc, "apiVersion") or not top_level_scalar(doc, "kind"):
            return False
    return True


# ---------------------------------------------------------------- redaction

def normalize_key(name: str) -> str:
    return ascii_lower(name).replace("-", "").replace("_", "").replace(".", "")


def is_credential_name(name: str) -> bool:
    return normalize_key(name).endswith(CREDENTIAL_SUFFIXES)


def _is_string_scalar(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG


def credential_nodes(docs) -> list:
    """The scalar nodes whose text is a credential value, each once."""
    found = {}

    def mark(node):
        if _is_string_scalar(node):
            found[id(node)] = node

    for doc in docs:
        if isinstance(doc, yaml.MappingNode) and top_level_scalar(doc, "kind") == "Secret":
            for k, v in doc.value:
                if isinstance(k, yaml.ScalarNode) and k.value in ("data", "stringData") \
                        and isinstance(v, yaml.MappingNode):
                    for _, item in v.value:
                        mark(item)
        for node in _walk(doc):
            if not isinstance(node, yaml.MappingNode):
                continue
            value_node = None
            named_credential = False
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    continue
                if is_credential_name(k.value):
                    mark(v)
                if k.value == "value":
                    value_node = v
                if k.value == "name" and _is_string_scalar(v) and is_credential_name(v.value):
                    named_credential = True
            if named_credential and value_node is not None:
                mark(value_node)
    return list(found.values())


def _scalar_tokens(text: str) -> dict:
    """end index -> (start index, style) of every scalar token (pure-Python scanner,
    whose marks are character indices into `text`)."""
    spans = {}
    for tok in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(tok, yaml.ScalarToken):
            spans[tok.end_mark.index] = (tok.start_mark.index, tok.style)
    return spans


_TRAILING_WS = re.compile(r"[ \t\r\n]*\Z")
_BREAK = re.compile(r"\r\n|\r|\n")


def _replacement(token_text: str, style) -> str:
    if style in ('"', "'"):
        return style + REDACTED_CREDS + style
    if style in ("|", ">"):
        tail = _TRAILING_WS.search(token_text).group(0)
        breaks = _BREAK.findall(tail)
        after_last_break = tail[max(tail.rfind("\n"), tail.rfind("\r")) + 1:] if breaks else ""
        return REDACTED_CREDS + "".join(breaks) + after_last_break
    return REDACTED_CREDS


def redact_credentials(text: str) -> tuple[str, int]:
    docs = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    nodes = credential_nodes(docs)
    if not nodes:
        return text, 0
    tokens = _scalar_tokens(text)
    spans = []
    for node in nodes:
        start, style = tokens[node.end_mark.index]
        spans.append((start, node.end_mark.index, style))
    spans.sort()
    out, pos = [], 0
    for start, end, style in spans:
        assert start >= pos, "overlapping credential spans"
        out.append(text[pos:start])
        out.append(_replacement(text[start:end], style))
        pos = end
    out.append(text[pos:])
    return "".join(out), len(spans)


def redact(text: str) -> tuple[str, dict]:
    counts = dict.fromkeys(REDACTION_CLASSES, 0)
    text, counts["credential"] = redact_credentials(text)

    def ip_sub(m):
        if is_reserved_ipv4(m.group(1)):
            return m.group(0)
        counts["ipv4"] += 1
        return "IPV4_REDACTED"

    text = IPV4_RE.sub(ip_sub, text)
    text, counts["email"] = EMAIL_RE.subn("REDACTED_EMAIL", text)
    text, counts["apikey"] = APIKEY_RE.subn("sk-REDACTED", text)
    return text, counts


# ---------------------------------------------------------------- records

def iac_type(docs) -> str:
    api_versions, kinds = [], []
    for doc in docs:
        if isinstance(doc, yaml.MappingNode):
            api_versions.append(top_level_scalar(doc, "apiVersion") or "")
            kinds.append(top_level_scalar(doc, "kind") or "")
    if any(a.split("/")[0] == "serving.kserve.io" for a in api_versions):
        return "kserve"
    if any("seldon.io" in a for a in api_versions):
        return "seldon"
    if any(k in WORKLOAD_KINDS for k in kinds):
        return "k8s_workload"
    return "k8s_config"


def prompt_words(path: str) -> list[str]:
    stem = path.rsplit("/", 1)[-1]
    low = ascii_lower(stem)
    for suffix in (".yaml", ".yml"):
        if low.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    words = []
    for piece in re.split(r"[-_. ]+", stem):
        piece = re.sub(r"([a-z])([A-Z])", r"\1 \2", piece)
        words.extend(w for w in piece.split(" ") if w)
    return [ascii_lower(w) for w in words]


def prompt_type(path: str) -> str:
    words = set(prompt_words(path))
    for name, vocabulary in PROMPT_CATEGORIES:
        if words & vocabulary:
            return name
    return "fallback"


# ---------------------------------------------------------------- one row

@dataclass
class Outcome:
    outcome: str                      # "pass" or a rejection reason
    iac_type: str | None = None
    prompt_type: str | None = None
    prompt_words: list = field(default_factory=list)
    redactions: dict = field(default_factory=dict)
    manifest: str | None = None


def evaluate(row: dict, seen_hexsha: set) -> Outcome:
    """The fate of one row, in spec order; `seen_hexsha` is updated."""
    if row["hexsha"] in seen_hexsha:
        return Outcome("duplicate")
    seen_hexsha.add(row["hexsha"])
    path = row["max_stars_repo_path"]
    raw = row["content"].encode("utf-8", errors="surrogateescape")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Outcome("encoding")
    if not ext_ok(path):
        return Outcome("ext")
    if not size_ok(raw):
        return Outcome("size")
    if not license_ok(row["max_stars_repo_licenses"]):
        return Outcome("license")
    if not keywords_in(text):
        return Outcome("keyword")
    docs = parse_yaml(text)
    if docs is None:
        return Outcome("yaml")
    if not k8s_ok(docs):
        return Outcome("k8s")
    manifest, counts = redact(text)
    redacted_docs = parse_yaml(manifest)
    if redacted_docs is None or not k8s_ok(redacted_docs):
        return Outcome("revalidate", redactions=counts)
    return Outcome("pass", iac_type=iac_type(docs), prompt_type=prompt_type(path),
                   prompt_words=prompt_words(path), redactions=counts, manifest=manifest)
