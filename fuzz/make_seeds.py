#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from the demo data into a folder (by default
build-fuzz/seeds/<target>/), so no binary corpus is kept in the repository:

- yaml_redact_fuzzer: every demo manifest (examples/demo/repos), plus small manifests
  holding one secret of each rule in a comment, a value and a block scalar;
- jsonl_row_fuzzer: each row of examples/demo/rows.jsonl, and runs of a few rows;
- config_fuzzer: config/pipeline.yaml and each of its sections alone;
- json_writer_fuzzer: the demo manifests' bytes, and invalid UTF-8 samples;
- keyword_matcher_fuzzer: the demo manifests' bytes;
- parquet_reader_fuzzer: the small parquet fixtures of the unit tests (tests/data/parquet),
  one per codec, page version and encoding.

    python3 fuzz/make_seeds.py [OUT]
Standard library only.
"""
import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"

SECRETS = [
    "-----BEGIN RSA PRIVATE KEY-----\n    MIIBOgIBAAJBAKj34GkxFhD9\n    -----END RSA PRIVATE KEY-----",
    "postgresql://mlflow:Sup3r!Secret@db.example.com:5432/mlflow",
    "redis://:pw@redis:6379/0",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "github_pat_11ABCDEFG0123456789abcd_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGH",
    "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",
    "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "AIzaSyD-aG_mWKa4JsXZ-HjGw7ISLn_3namBGewQe",
    "ops@example.com 8.8.8.8 sk-abcdefghijklmnopqrstuvwxyz",
]


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    (folder / name).write_bytes(data)


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build-fuzz" / "seeds"
    manifests = sorted(p for p in (DEMO / "repos").rglob("*") if p.is_file())
    for p in manifests:
        data = p.read_bytes()
        name = hashlib.sha1(data).hexdigest()[:16]
        write(out / "yaml_redact_fuzzer", name, data)
        write(out / "json_writer_fuzzer", name, data)
        write(out / "keyword_matcher_fuzzer", name, data)
    for i, secret in enumerate(SECRETS):
        indented = secret.replace("\n", "\n    ")
        write(out / "yaml_redact_fuzzer", f"secret-{i}",
              f"# {secret.splitlines()[0]}\napiVersion: v1\nkind: ConfigMap\ndata:\n"
              f"  value: \"{secret.splitlines()[0]}\"\n  file: |\n    {indented}\n")
    for i, sample in enumerate([b"caf\xe9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
                                b"\x00\x1f\x7f\"\\", "😀 日本".encode()]):
        write(out / "json_writer_fuzzer", f"bytes-{i}", sample)

    lines = (DEMO / "rows.jsonl").read_bytes().splitlines(keepends=True)
    for i, line in enumerate(lines):
        write(out / "jsonl_row_fuzzer", f"row-{i:03d}", line)
    for i in range(0, len(lines), 7):
        write(out / "jsonl_row_fuzzer", f"rows-{i:03d}", b"".join(lines[i:i + 3]) + b"\n \nnot json\n")

    config = (ROOT / "config" / "pipeline.yaml").read_text()
    write(out / "config_fuzzer", "pipeline.yaml", config)
    for i, section in enumerate(config.split("\n\n")):
        write(out / "config_fuzzer", f"section-{i}", section + "\n")
    for p in sorted((ROOT / "tests" / "data" / "parquet").glob("*.parquet")):
        if p.stat().st_size <= 64 * 1024:
            write(out / "parquet_reader_fuzzer", p.name, p.read_bytes())
    print(f"seeds written to {out}")


if __name__ == "__main__":
    main()
