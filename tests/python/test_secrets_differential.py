"""Differential test of the secret scanners against the reference's regular expressions on
random near-misses of every rule (prefixes, separators, runs one short or one long,
foreign characters on either side), so that every boundary of every rule is crossed many
times. The text goes into a literal block scalar and into
comment lines of a valid manifest; the record lines must equal the reference's."""
import collections
import json
import random
import string

import oracle
from conftest import run_automend, stack_row, write_rows

ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
EDGES = ["", "", " ", "a", "Z", "0", "_", "-", "=", "/", "+", ".", ":", "\n", "'", "@"]
FRAGMENTS = ["\n", "\n# ", "\\n", " ", "\t", ":", "=", ",", "'", '"', ".", "_", "-", "/",
             "@", "#", "{", "}", "REDACTED_EMAIL", "REDACTED_SECRET", "8.8.4.4", "a@b.io", "sk-"]


def run(rng, alphabet, lengths):
    return "".join(rng.choice(alphabet) for _ in range(rng.choice(lengths)))


def near(rng, n):
    """A length at, just under or just over `n`."""
    return [n - 1, n, n, n, n + 1]


# One generator per rule: an instance of the rule's shape with each part sometimes a little
# off (a length one short or long, a missing or wrong separator, a foreign character).
def pem(rng):
    mark = lambda word: ("-----" + word + rng.choice([" RSA", " EC", "", " OPENSSH", " PUBLIC"]) +  # noqa: E731
                         rng.choice([" PRIVATE KEY", " PRIVATE KEY BLOCK", "PRIVATE KEY", " KEY"]) +
                         rng.choice(["-----", "-----", "----"]))
    body = "".join(rng.choice([run(rng, B64, [4, 64]), "\n", "\n    ", "\n# ", "\\n", "=",
                               "Proc-Type: 4,ENCRYPTED", rng.choice(FRAGMENTS)])
                   for _ in range(rng.randrange(0, 8)))
    return mark("BEGIN") + body + rng.choice([mark("END"), mark("END"), ""])


def url(rng):
    scheme = rng.choice(["https", "postgresql", "1", "a+b.c-d", "", "s3"])
    user = run(rng, ALNUM + "!._%+-", [0, 4])
    pw = run(rng, ALNUM + "!*&()~^._%+-@:", [0, 3, 9]) + rng.choice(["", "$(X)", "$PW", "%s"])
    host = rng.choice(["db:5432/x", "db.example.com:5432/x", "8.8.4.4", "h", "REDACTED_EMAIL", ""])
    return (scheme + rng.choice(["://", "://", ":/"]) + user + rng.choice([":", ":", ""]) + pw +
            rng.choice(["@", "@", "", "@x@"]) + host)


def aws_secret(rng):
    name = rng.choice(["aws_secret_access_key", "SecretAccessKey", "secret-key", "secret_key_id",
                       "SECRETKEY", "secretKeyRef", "AKIA" + run(rng, UPPER, near(rng, 16))])
    sep = "".join(rng.choice(["", "", "'", '"', " ", "\t", ":", "=", ",", "|", "::"]) for _ in range(3))
    return name + sep + run(rng, B64, near(rng, 40)) + rng.choice(EDGES)


def token(prefix, alphabet, length):
    return lambda rng: (rng.choice(EDGES) + rng.choice(prefix) + run(rng, alphabet, near(rng, length))
                        + rng.choice(EDGES))


def jwt(rng):
    return (rng.choice(EDGES) + "eyJ" + run(rng, B64URL, [3, 6, 7, 20]) + rng.choice([".", ".", ""]) +
            run(rng, B64URL, [0, 1, 10]) + rng.choice([".", ".", ""]) + run(rng, B64URL, [0, 1, 43]) +
            rng.choice(EDGES))


def webhook(rng):
    return ("https://hooks.slack.com/services/" + rng.choice(["T", "T", "T", "t"]) +
            run(rng, UPPER, [0, 9, 9]) + "/" + rng.choice(["B", "B", "B", "b"]) +
            run(rng, UPPER, [0, 9, 9]) + rng.choice(["/", "/", "/", ""]) +
            run(rng, ALNUM, [0, 24, 24]) + rng.choice(EDGES))


GENERATORS = [
    pem, url, jwt, aws_secret, token(["AKIA", "ASIA", "AKIB"], UPPER, 16),
    token(["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "ghx_"], ALNUM, 36),
    token(["github_pat_"], ALNUM + "_", 82), token(["hf_"], ALNUM, 34), webhook,
    token(["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxz-"], ALNUM + "-", 10),
    token(["AIza"], B64URL, 35),
]


def random_text(rng):
    parts = []
    for _ in range(rng.randrange(1, 6)):
        parts.append(rng.choice(GENERATORS)(rng))
        parts.append("".join(rng.choice(FRAGMENTS) for _ in range(rng.randrange(0, 3))))
    return "".join(parts)


def manifest(text):
    block = "".join("    " + line + "\n" for line in text.split("\n"))
    comments = "".join("# " + line + "\n" for line in text.split("\n"))
    return ("# A ConfigMap whose data is a random near-miss of the secret rules, for the\n"
            "# differential test of the scanners against the reference's expressions.\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kserve-differential\n"
            "data:\n  blob: |\n" + block + comments + "  end: x\n")


def test_records_equal_the_reference_on_random_fragments(tmp_path):
    rng = random.Random(1234)
    rows = [stack_row(f"d/{i}.yaml", manifest(random_text(rng))) for i in range(3000)]
    write_rows(tmp_path / "rows.jsonl", rows)
    run_automend(["-q", "preprocess", "--input", "rows.jsonl", "--output", "out.jsonl",
                  "--rejects", "rejects.jsonl"], cwd=tmp_path)
    got_lines = open(tmp_path / "out.jsonl", encoding="utf-8").read().splitlines(keepends=True)
    rejected = {json.loads(l)["path"]: json.loads(l)["reason"] for l in open(tmp_path / "rejects.jsonl")}
    want_lines, fired = [], collections.Counter()
    for row in rows:
        result = oracle.evaluate(row)
        assert rejected.get(row["max_stars_repo_path"], "pass") == result["reason"], row["content"]
        if result["reason"] == "pass":
            want_lines.append(result["line"])
            fired.update(rule for rule, n in result["secrets"].items() if n)
    assert len(got_lines) == len(want_lines)
    for got, want in zip(got_lines, want_lines):
        assert got == want
    # The near-misses do hit: every rule fires in many rows (and misses in many more).
    assert all(fired[rule] >= 50 for rule in oracle.SECRET_RULE_NAMES), fired
