"""The labelled set for secret recall (test_secrets_recall.py): real manifests with known
secrets of every rule planted in every position.

Bases are the demo manifests (examples/demo/repos, via rows.jsonl) that pass every gate and
that redaction leaves unchanged, so the expected output of a planted manifest is known
byte for byte without running any redactor: each piece of text carries what it must
become. Into each base go, for one kind of secret (a "variant" of a rule): comments above
and inside the real document, a trailing comment on one of its lines, and three appended
documents holding the secret in every YAML position (plain, quoted, flow mapping and
sequence, literal and folded block, URL query, JSON annotation, env entries, args, a
Secret's data and stringData). Every planted secret is a fresh random one of the rule's
shape, from a seeded generator: the set is the same on every run.

    python3 tests/python/secret_plants.py OUT.jsonl   # writes the rows, prints counts
"""
import base64
import hashlib
import json
import random
import string
import sys
from dataclasses import dataclass, field

import yaml

import oracle

UPPER_DIGITS = string.ascii_uppercase + string.digits
ALNUM = string.ascii_letters + string.digits
BASE64 = ALNUM + "+/"
BASE64URL = ALNUM + "-_"
# Password characters: e-mail-local ones and others, none that ends a URL authority or
# means something to YAML inside a scalar.
PASSWORD = ALNUM + "!*&()~^._%+-"
SECRET = "REDACTED_SECRET"
CREDS = "REDACTED_CREDS"


@dataclass
class Seg:
    """A piece of a planted manifest: its text, what the output must hold in its place,
    the redactions it accounts for ("secret:<rule>", "credential", "email", "ipv4"), and
    the sensitive strings that must not survive."""
    text: str
    expected: str
    labels: tuple = ()
    secrets: tuple = ()


def keep(text):
    return Seg(text, text)


@dataclass
class Variant:
    name: str   # e.g. "github_token/ghp"
    rule: str   # the secret rule it exercises
    kind: str   # "token" (one line, plain-safe), "url" or "pem" (several lines)
    make: object  # rng -> list[Seg]


def rand(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def token(rule, text):
    return [Seg(text, SECRET, ("secret:" + rule,), (text,))]


def jwt(rng):
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {"sub": rand(rng, ALNUM, 12), "iat": rng.randrange(1 << 31)}
    return f"{header}.{b64(json.dumps(claims).encode())}.{rand(rng, BASE64URL, 43)}"


def password(rng):
    # Ends with an e-mail-local character so that, before a host with a top-level domain,
    # the e-mail class takes "<tail>@host" (see the url_basic_auth/fqdn variant).
    return rand(rng, PASSWORD, 14) + rng.choice(ALNUM)


def pem_lines(rng, label, headers=()):
    body = [rand(rng, BASE64, 64) for _ in range(4)] + [rand(rng, BASE64, 20) + "=="]
    return [f"-----BEGIN {label}-----", *headers, *body, f"-----END {label}-----"], body


def pem_variant(label, headers=()):
    def make(rng):
        lines, body = pem_lines(rng, label, headers)
        # A PEM variant is its lines plus the body strings that must vanish; the positions
        # lay the lines out (raw, commented or escaped).
        return [Seg("\n".join(lines), SECRET, ("secret:pem_private_key",), tuple(body))]
    return make


def url_variant(scheme, host, user_sep="@"):
    def make(rng):
        pw = password(rng)
        user = rand(rng, string.ascii_lowercase, 6)
        return [keep(scheme + "://"), Seg(f"{user}:{pw}{user_sep}", SECRET + "@",
                                          ("secret:url_basic_auth",), (pw,)), keep(host)]
    return make


def url_fqdn(rng):
    # The e-mail class (spec, runs first) takes "<password tail>@host"; url_basic_auth takes
    # what it left: no part of the password survives.
    pw = password(rng)
    return [keep("https://"), Seg(f"svc:{pw}@models.ml.example.com",
                                  SECRET + "@REDACTED_EMAIL",
                                  ("email", "secret:url_basic_auth"), (pw,)),
            keep(":8443/v2/models")]


def url_fqdn_symbol_end(rng):
    # A password ending in a character the e-mail class does not take escapes it;
    # url_basic_auth then takes the host too, so no e-mail-shaped text is left.
    pw = password(rng) + "!"
    return [keep("https://"), Seg(f"svc:{pw}@models.ml.example.com", SECRET + "@REDACTED_EMAIL",
                                  ("secret:url_basic_auth",), (pw,)), keep(":8443/v2/models")]


def url_public_ip(rng):
    pw = password(rng)
    return [keep("amqp://"), Seg(f"guest:{pw}@", SECRET + "@", ("secret:url_basic_auth",), (pw,)),
            Seg("203.0.114.5", "IPV4_REDACTED", ("ipv4",)), keep(":5672/")]


def aws_named(rng):
    key = rand(rng, BASE64, 40)
    return [keep("aws_secret_access_key="), *token("aws_secret_access_key", key)]


def aws_pair(rng):
    return [*token("aws_access_key_id", "AKIA" + rand(rng, UPPER_DIGITS, 16)), keep(":"),
            *token("aws_secret_access_key", rand(rng, BASE64, 40))]


def webhook(rng):
    path = f"T{rand(rng, UPPER_DIGITS, 10)}/B{rand(rng, UPPER_DIGITS, 10)}/{rand(rng, ALNUM, 24)}"
    return [keep("https://hooks.slack.com/services/"), *token("slack_webhook", path)]


def slack(prefix):
    return lambda rng: token("slack_token", f"{prefix}{rand(rng, string.digits, 12)}-"
                             f"{rand(rng, string.digits, 13)}-{rand(rng, ALNUM, 24)}")


VARIANTS = [
    Variant("pem_private_key/rsa", "pem_private_key", "pem", pem_variant("RSA PRIVATE KEY")),
    Variant("pem_private_key/pkcs8", "pem_private_key", "pem", pem_variant("PRIVATE KEY")),
    Variant("pem_private_key/openssh", "pem_private_key", "pem",
            pem_variant("OPENSSH PRIVATE KEY")),
    Variant("pem_private_key/encrypted", "pem_private_key", "pem",
            pem_variant("EC PRIVATE KEY", ("Proc-Type: 4,ENCRYPTED",
                                           "DEK-Info: AES-128-CBC,3F2A9C0D1E4B5A6F", ""))),
    Variant("url_basic_auth/service", "url_basic_auth", "url",
            url_variant("postgresql", "mlflow-db:5432/mlflow")),
    Variant("url_basic_auth/at_in_password", "url_basic_auth", "url",
            url_variant("s3", "minio:9000/models", user_sep="@x@")),
    Variant("url_basic_auth/fqdn", "url_basic_auth", "url", url_fqdn),
    Variant("url_basic_auth/fqdn_symbol_end", "url_basic_auth", "url", url_fqdn_symbol_end),
    Variant("url_basic_auth/public_ip", "url_basic_auth", "url", url_public_ip),
    Variant("jwt", "jwt", "token", lambda rng: token("jwt", jwt(rng))),
    Variant("aws_secret_access_key/named", "aws_secret_access_key", "token", aws_named),
    Variant("aws_secret_access_key/after_id", "aws_secret_access_key", "token", aws_pair),
    Variant("aws_access_key_id/akia", "aws_access_key_id", "token",
            lambda rng: token("aws_access_key_id", "AKIA" + rand(rng, UPPER_DIGITS, 16))),
    Variant("aws_access_key_id/asia", "aws_access_key_id", "token",
            lambda rng: token("aws_access_key_id", "ASIA" + rand(rng, UPPER_DIGITS, 16))),
    *[Variant(f"github_token/{p}", "github_token", "token",
              (lambda p: lambda rng: token("github_token", p + "_" + rand(rng, ALNUM, 36)))(p))
      for p in ("ghp", "gho", "ghu", "ghs", "ghr")],
    Variant("github_token/fine_grained", "github_token", "token",
            lambda rng: token("github_token", "github_pat_" + rand(rng, ALNUM, 22) + "_" +
                              rand(rng, ALNUM, 59))),
    Variant("huggingface_token", "huggingface_token", "token",
            lambda rng: token("huggingface_token", "hf_" + rand(rng, string.ascii_letters, 34))),
    Variant("slack_webhook", "slack_webhook", "url", webhook),
    *[Variant(f"slack_token/{p[:4]}", "slack_token", "token", slack(p))
      for p in ("xoxb-", "xoxp-", "xoxa-2-", "xoxr-", "xoxs-")],
    Variant("google_api_key", "google_api_key", "token",
            lambda rng: token("google_api_key", "AIza" + rand(rng, BASE64URL, 35))),
]


# ---- laying a secret out in a position -------------------------------------------------

def text_of(segs):
    return "".join(s.text for s in segs)


def as_credential(segs, token_text=CREDS):
    """The whole value becomes REDACTED_CREDS (the credential class runs first)."""
    return [Seg(text_of(segs), token_text, ("credential",),
                tuple(x for s in segs for x in s.secrets))]


def pem_layout(segs, prefix, joiner):
    """A PEM variant's lines joined with `joiner`, each after the first prefixed."""
    (seg,) = segs
    lines = seg.text.split("\n")
    return [Seg(joiner.join(lines), seg.expected, seg.labels, seg.secrets)] if prefix is None \
        else [Seg((joiner + prefix).join(lines), seg.expected, seg.labels, seg.secrets)]


def one_line(variant, segs):
    """The secret as one line of text: PEM with JSON-style "\\n" escapes."""
    return pem_layout(segs, None, "\\n") if variant.kind == "pem" else segs


def comment_lines(variant, segs, indent):
    if variant.kind == "pem":
        return [keep(indent + "# "), *pem_layout(segs, indent + "# ", "\n"), keep("\n")]
    return [keep(indent + "# planted: "), *segs, keep("\n")]


def block_lines(variant, segs, indent, before="export VALUE="):
    if variant.kind == "pem":
        return [keep(indent), *pem_layout(segs, indent, "\n"), keep("\n")]
    return [keep(indent + before), *segs, keep("\n" + indent + "echo done\n")]


def plain(variant, segs):
    """A plain scalar; an escaped PEM block (which may hold ": ") goes in double quotes."""
    return [keep('"'), *segs, keep('"')] if variant.kind == "pem" else segs


def configmap(variant, fresh, n):
    v = variant
    line = lambda: one_line(v, fresh())  # noqa: E731
    segs = [keep(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: planted-{n}\n"
                 "  annotations:\n    planted.example/note: "), *plain(v, line()),
            keep("\n    kubectl.kubernetes.io/last-applied-configuration: "
                 "'{\"apiVersion\":\"v1\",\"data\":{\"k\":\""), *line(),
            keep("\"}}'\ndata:\n  plain: "), *plain(v, line()),
            keep("\n  double: \""), *line(), keep("\"\n  single: '"), *line(),
            keep("'\n  flow: {a: 1, b: \""), *line(), keep("\", c: x}\n  list: [x, \""),
            *line(), keep("\"]\n  script.sh: |\n"), *block_lines(v, fresh(), "    "),
            keep("  folded: >\n"), *block_lines(v, fresh(), "    ", "see "),
            *comment_lines(v, fresh(), "  "),
            keep("  config.json: |\n    {\"key\": \""), *line(), keep("\"}\n")]
    if v.kind == "token":
        segs += [keep("  endpoint: https://api.example.com/v1/models?token="), *fresh(),
                 keep("&limit=1\n  flow_plain: {a: 1, b: "), *fresh(),
                 keep(", c: x}\n  list_plain: [x, "), *fresh(), keep("]\n")]
    return segs


def deployment(variant, fresh, n):
    line = lambda: one_line(variant, fresh())  # noqa: E731
    return [keep(f"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: planted-{n}\n"
                 "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n"
                 "        image: example/app:1\n        args: [\"--serve\", \"--key="), *line(),
            keep("\"]\n        command:\n        - --key\n        - \""), *line(),
            keep("\"\n        env:\n        - name: MODEL_SOURCE\n          value: \""), *line(),
            keep("\"\n        - name: UPSTREAM_TOKEN\n          value: \""),
            *as_credential(line()),
            keep("\"\n        - {name: PLANTED_URL, value: \""), *line(), keep("\"}\n")]


def secret_doc(variant, fresh, n):
    line = lambda: one_line(variant, fresh())  # noqa: E731
    data = fresh()
    encoded = base64.b64encode(text_of(data).encode()).decode()
    segs = [keep(f"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: planted-{n}\n"
                 "  annotations:\n    planted.example/note: \""), *line(),
            keep("\"\ntype: Opaque\ndata:\n  value: "),
            Seg(encoded, CREDS, ("credential",), tuple(x for s in data for x in s.secrets)),
            keep("\nstringData:\n  value: \""), *as_credential(line()), keep("\"\n")]
    if variant.kind == "pem":
        lines = fresh()
        segs += [keep("  key.pem: "),
                 *as_credential([keep("|\n    "), *pem_layout(lines, "    ", "\n")]), keep("\n")]
    return segs


# ---- planting into a real manifest -----------------------------------------------------

def same_data(a, b):
    try:
        return list(yaml.load_all(a, Loader=yaml.CSafeLoader)) == \
            list(yaml.load_all(b, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return False


def plant_inside(base, variant, fresh):
    """Segments of `base` with a comment line inside the document and (one-line kinds) a
    trailing comment on one of its lines, each at the first place that leaves the data
    unchanged."""
    lines = base.splitlines(keepends=True)
    comment_at = trailing_at = None
    for i in range(1, len(lines)):
        indent = lines[i][:len(lines[i]) - len(lines[i].lstrip(" "))]
        trial = "".join(lines[:i]) + indent + "# x\n" + "".join(lines[i:])
        if lines[i].strip() and same_data(base, trial):
            comment_at = (i, indent)
            break
    if variant.kind != "pem":
        for i, l in enumerate(lines):
            body = l.rstrip("\r\n")
            trial = "".join(lines[:i]) + body + " # x" + l[len(body):] + "".join(lines[i + 1:])
            if ":" in body and not body.lstrip().startswith("#") and same_data(base, trial):
                trailing_at = i
                break
    assert comment_at, "no place for a comment"
    segs = []
    for i, l in enumerate(lines):
        if comment_at[0] == i:
            segs += comment_lines(variant, fresh(), comment_at[1])
        if trailing_at == i:
            body = l.rstrip("\r\n")
            segs += [keep(body + " # "), *fresh(), keep(l[len(body):])]
        else:
            segs.append(keep(l))
    return segs


def bases():
    """The demo rows that pass every gate and come out of redaction unchanged."""
    rows, seen = [], set()
    with open(oracle_demo_rows(), encoding="ascii") as f:
        for line in f:
            row = json.loads(line)
            if row["hexsha"] in seen:
                continue
            seen.add(row["hexsha"])
            result = oracle.evaluate(row)
            if result["reason"] == "pass" and result["manifest"] == row["content"] \
                    and row["content"].endswith("\n"):
                rows.append(row)
    return rows


def oracle_demo_rows():
    import pathlib
    return pathlib.Path(__file__).resolve().parents[2] / "examples" / "demo" / "rows.jsonl"


def labelled_rows(seed=7):
    """[(row, segments)]: every variant planted into every base."""
    rng = random.Random(seed)
    out = []
    for b, base in enumerate(bases()):
        for v, variant in enumerate(VARIANTS):
            fresh = lambda variant=variant: variant.make(rng)  # noqa: E731
            n = b * len(VARIANTS) + v
            segs = [*comment_lines(variant, fresh(), ""), *plant_inside(base["content"], variant, fresh),
                    *configmap(variant, fresh, n), *deployment(variant, fresh, n),
                    *secret_doc(variant, fresh, n)]
            content = text_of(segs)
            data = content.encode()
            blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            row = dict(base, content=content, hexsha=blob, size=len(data),
                       max_stars_repo_path=f"planted/{variant.name}/{base['max_stars_repo_path']}")
            out.append((row, segs))
    return out


if __name__ == "__main__":
    labelled = labelled_rows()
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        for row, _ in labelled:
            f.write(json.dumps(row) + "\n")
    planted = sum(1 for _, segs in labelled for s in segs if s.secrets)
    print(f"{len(labelled)} rows, {planted} planted secrets")
