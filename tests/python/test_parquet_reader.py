"""Differential tests of the project's own parquet reader against pyarrow.

Files are written by pyarrow in temporary folders, covering every supported codec, data
page v1 and v2, dictionary encoding on and off and pyarrow's dictionary -> PLAIN fallback
inside one column chunk, null patterns, row-group sizes, string lengths (empty, non-ASCII,
astral, over 1 MB), list<string> with null and empty lists and null elements, and nullable
float64 / int64 / int32 / float32 / bool / binary columns. `build/parquet_dump` prints
them as JSON lines (see tools/parquet_dump.cc for the string encoding) and every value
must equal pyarrow's, row by row. The shared corpus (written by hyparquet-writer, data page
v2) is compared in full when it is present beside the checkout.
"""

import json
import math
import os
import pathlib
import random
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("AUTOMEND_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
_BINARY = os.environ.get("AUTOMEND_BINARY")
DUMP = (pathlib.Path(_BINARY).parent if _BINARY else SOURCE_DIR / "build") / "parquet_dump"
CORPUS = SOURCE_DIR.parent / "shared" / "corpus" / "stack-yaml-sample"

CODECS = ["none", "snappy", "gzip", "zstd"]
PAGE_VERSIONS = ["1.0", "2.0"]


def run_dump(path, *args):
    return subprocess.run([str(DUMP), *args, str(path)], capture_output=True, timeout=600)


def dump_rows(path, columns=None, row_groups=None):
    args = []
    if columns is not None:
        args += ["--columns", ",".join(columns)]
    if row_groups is not None:
        args += ["--row-groups", ",".join(str(g) for g in row_groups)]
    proc = run_dump(path, *args)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    # Split on b"\n" only: str.splitlines() would also split on U+2028 and friends, which
    # JSON strings may hold unescaped.
    return [json.loads(line) for line in proc.stdout.decode("utf-8").split("\n") if line]


def from_json(value, arrow_type):
    """A parquet_dump value as the Python value pyarrow's to_pylist() gives."""
    if value is None:
        return None
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return [from_json(v, arrow_type.value_type) for v in value]
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type) or \
            pa.types.is_fixed_size_binary(arrow_type):
        return value.encode("utf-8", "surrogateescape")
    return value


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def short(v):
    text = repr(v)
    return text if len(text) < 200 else text[:200] + "...(%d chars)" % len(text)


def assert_same_as_pyarrow(path, columns=None, row_groups=None):
    f = pq.ParquetFile(path)
    if row_groups is None:
        table = f.read(columns=columns)
    else:
        table = f.read_row_groups(row_groups, columns=columns)
    expected = table.to_pylist()
    got = dump_rows(path, columns, row_groups)
    assert len(got) == len(expected), f"{path}: {len(got)} rows, pyarrow has {len(expected)}"
    for i, (g, e) in enumerate(zip(got, expected)):
        assert list(g) == list(e), f"{path} row {i}: columns {list(g)} != {list(e)}"
        for field in table.schema:
            value = from_json(g[field.name], field.type)
            if not same(value, e[field.name]):
                pytest.fail(f"{path} row {i} column {field.name}: "
                            f"parquet_dump {short(value)} != pyarrow {short(e[field.name])}")
    return len(expected)


def column_pages(path, column):
    proc = run_dump(path, "--pages", "--columns", column)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


# Values chosen to hit edge cases; the table cycles through them.
STRINGS = ["", "a", "plain ascii text", "héllo wörld", "日本語のテキスト", "emoji 😀🎉 and 𝄞",
           "quote \" backslash \\ newline \n tab \t nul \x00 del \x7f", "\u2028\u2029", "z" * 300]
FLOATS = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-300, 5e-324, float("inf"), float("-inf"),
          float("nan"), 0.1, 123456789.125, 2.0 ** 53]
INTS = [0, 1, -1, 2 ** 63 - 1, -2 ** 63, 2 ** 31, -2 ** 31 - 1, 1234567890123, 42]
BINARIES = [b"", b"\xff\xfe\x00", b"\xc3\x28", b"ok", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
            "é".encode(), b"\x80" * 5]
LISTS = [None, [], ["MIT"], [None], ["Apache-2.0", None, "MIT"], ["a"] * 20, [""],
         ["BSD-3-Clause", "0BSD"]]

SCHEMA = pa.schema([
    pa.field("req_s", pa.string(), nullable=False),
    pa.field("s_none_null", pa.string()),
    pa.field("s_alternating", pa.string()),
    pa.field("s_all_null", pa.string()),
    pa.field("s_low_card", pa.string()),
    pa.field("f64", pa.float64()),
    pa.field("i64", pa.int64()),
    pa.field("i32", pa.int32()),
    pa.field("f32", pa.float32()),
    pa.field("b", pa.bool_()),
    pa.field("bin", pa.binary()),
    pa.field("lst", pa.list_(pa.string())),
    pa.field("req_i64", pa.int64(), nullable=False),
])


def make_table(n, seed=0):
    rng = random.Random(seed)

    def pick(values, i):
        return values[(i * 7 + rng.randrange(3)) % len(values)]

    def nullable(values, i, every=5):
        return None if rng.randrange(every) == 0 else pick(values, i)

    data = {
        "req_s": [pick(STRINGS, i) + str(i) for i in range(n)],
        "s_none_null": [pick(STRINGS, i) for i in range(n)],
        "s_alternating": [None if i % 2 else pick(STRINGS, i) for i in range(n)],
        "s_all_null": [None] * n,
        "s_low_card": [nullable(["yaml", "yml", "YAML"], i) for i in range(n)],
        "f64": [nullable(FLOATS, i) for i in range(n)],
        "i64": [nullable(INTS, i) for i in range(n)],
        "i32": [nullable([0, -5, 2 ** 31 - 1, -2 ** 31, 77], i) for i in range(n)],
        "f32": [nullable([0.5, -1.25, 3.0, 1e30], i) for i in range(n)],
        "b": [nullable([True, False, False], i) for i in range(n)],
        "bin": [nullable(BINARIES, i) for i in range(n)],
        "lst": [pick(LISTS, i) for i in range(n)],
        "req_i64": [i * 1000003 - 500 for i in range(n)],
    }
    return pa.table(data, schema=SCHEMA)


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("page_version", PAGE_VERSIONS)
@pytest.mark.parametrize("dictionary", [True, False])
def test_matches_pyarrow_for_codec_page_version_and_dictionary(tmp_path, codec, page_version,
                                                              dictionary):
    path = tmp_path / "t.parquet"
    pq.write_table(make_table(500, seed=len(codec)), path, compression=codec,
                   data_page_version=page_version, use_dictionary=dictionary,
                   row_group_size=200, data_page_size=256, write_batch_size=32)
    assert assert_same_as_pyarrow(path) == 500
    pages = column_pages(path, "s_none_null")
    assert any(len([p for p in chunk["pages"] if p["type"] != "DICTIONARY_PAGE"]) > 1
               for chunk in pages), "expected chunks of several data pages"

    encodings = {p["encoding"] for chunk in pages for p in chunk["pages"]
                 if p["type"].startswith("DATA_PAGE")}
    assert encodings == ({"RLE_DICTIONARY"} if dictionary else {"PLAIN"})
    expected_type = "DATA_PAGE" if page_version == "1.0" else "DATA_PAGE_V2"
    assert all(p["type"] in (expected_type, "DICTIONARY_PAGE")
               for chunk in pages for p in chunk["pages"])


@pytest.mark.parametrize("page_version", PAGE_VERSIONS)
@pytest.mark.parametrize("codec", ["snappy", "none"])
def test_reads_dictionary_to_plain_fallback_within_one_chunk(tmp_path, page_version, codec):
    rng = random.Random(7)
    n = 6000
    values = [None if i % 11 == 0 else "value-%06d-%s" % (rng.randrange(10 ** 6), "x" * (i % 40))
              for i in range(n)]
    table = pa.table({"s": values, "i": [None if i % 13 == 0 else rng.randrange(10 ** 12)
                                         for i in range(n)]})
    path = tmp_path / "fallback.parquet"
    pq.write_table(table, path, compression=codec, data_page_version=page_version,
                   use_dictionary=True, dictionary_pagesize_limit=4096, data_page_size=1024,
                   row_group_size=n)
    for column in ("s", "i"):
        (chunk,) = column_pages(path, column)
        kinds = [(p["type"], p["encoding"]) for p in chunk["pages"]]
        data_encodings = [e for t, e in kinds if t != "DICTIONARY_PAGE"]
        assert kinds[0][0] == "DICTIONARY_PAGE", kinds
        assert "RLE_DICTIONARY" in data_encodings and "PLAIN" in data_encodings, kinds
    assert assert_same_as_pyarrow(path) == n


@pytest.mark.parametrize("row_group_size", [1, 7, 1000])
def test_matches_pyarrow_for_row_group_sizes(tmp_path, row_group_size):
    path = tmp_path / "rg.parquet"
    pq.write_table(make_table(1003, seed=row_group_size), path, row_group_size=row_group_size)
    groups = pq.ParquetFile(path).metadata.num_row_groups
    assert groups == -(-1003 // row_group_size)
    assert assert_same_as_pyarrow(path) == 1003
    info = json.loads(run_dump(path, "--info").stdout)
    assert info["row_groups"] == [min(row_group_size, 1003 - i)
                                  for i in range(0, 1003, row_group_size)]


def test_reads_chosen_row_groups_in_the_order_given(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(make_table(100), path, row_group_size=30)
    assert assert_same_as_pyarrow(path, columns=["lst", "req_s", "f64"], row_groups=[3, 0, 2]) \
        == 10 + 30 + 30


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("page_version", PAGE_VERSIONS)
def test_string_lengths_round_trip(tmp_path, codec, page_version):
    big_ascii = "".join(chr(32 + (i * 31) % 95) for i in range(1_500_000))
    big_mixed = ("añ日😀\n" * 300_000)[:1_100_000]
    values = ["", big_ascii, "é", None, "𝄞" * 1000, big_mixed, "", "\U0010ffff", "a" * 65536]
    table = pa.table({"s": values, "l": [[v] if v is not None else None for v in values]})
    path = tmp_path / "strings.parquet"
    pq.write_table(table, path, compression=codec, data_page_version=page_version)
    assert assert_same_as_pyarrow(path) == len(values)


def test_reads_legacy_list_element_names(tmp_path):
    # use_compliant_nested_type=False names the leaf `item` instead of `element`.
    path = tmp_path / "legacy.parquet"
    pq.write_table(make_table(200), path, use_compliant_nested_type=False)
    assert "item" in str(pq.ParquetFile(path).schema)
    assert assert_same_as_pyarrow(path) == 200


def stack_like_table(n, seed=0):
    """The real dataset's 29 columns and types: *_count nullable float64, datetimes as
    strings, licenses list<string>."""
    rng = random.Random(seed)
    cols = {}
    cols["hexsha"] = ["%040x" % rng.getrandbits(160) for _ in range(n)]
    cols["size"] = [rng.randrange(1, 10 ** 6) for _ in range(n)]
    cols["ext"] = [rng.choice(["yaml", "yml"]) for _ in range(n)]
    cols["lang"] = ["YAML"] * n
    fields = [("hexsha", pa.string()), ("size", pa.int64()), ("ext", pa.string()),
              ("lang", pa.string())]
    for prefix, event in (("max_stars", "stars"), ("max_issues", "issues"), ("max_forks", "forks")):
        repo = [rng.choice(["kubeflow/manifests", "org/r", "ä/ö"]) for _ in range(n)]
        cols[f"{prefix}_repo_path"] = ["dir/%d/file.yaml" % rng.randrange(10 ** 6) for _ in range(n)]
        cols[f"{prefix}_repo_name"] = repo
        cols[f"{prefix}_repo_head_hexsha"] = ["%040x" % (hash(r) & (2 ** 160 - 1)) for r in repo]
        cols[f"{prefix}_repo_licenses"] = [rng.choice(LISTS) for _ in range(n)]
        cols[f"{prefix}_count"] = [None if rng.randrange(3) == 0 else float(rng.randrange(10 ** 5))
                                   for _ in range(n)]
        cols[f"{prefix}_repo_{event}_event_min_datetime"] = [
            None if rng.randrange(2) else "2021-0%d-1%dT10:00:00.000Z" % (rng.randrange(1, 9), i % 10)
            for i in range(n)]
        cols[f"{prefix}_repo_{event}_event_max_datetime"] = [
            None if rng.randrange(2) else "2022-03-04T05:06:07.000Z" for _ in range(n)]
        fields += [(f"{prefix}_repo_path", pa.string()), (f"{prefix}_repo_name", pa.string()),
                   (f"{prefix}_repo_head_hexsha", pa.string()),
                   (f"{prefix}_repo_licenses", pa.list_(pa.string())),
                   (f"{prefix}_count", pa.float64()),
                   (f"{prefix}_repo_{event}_event_min_datetime", pa.string()),
                   (f"{prefix}_repo_{event}_event_max_datetime", pa.string())]
    cols["content"] = ["apiVersion: v1\nkind: ConfigMap\n# %s\n" % ("é" * rng.randrange(500))
                       for _ in range(n)]
    cols["avg_line_length"] = [rng.random() * 80 for _ in range(n)]
    cols["max_line_length"] = [rng.randrange(200) for _ in range(n)]
    cols["alphanum_fraction"] = [rng.random() for _ in range(n)]
    fields += [("content", pa.string()), ("avg_line_length", pa.float64()),
               ("max_line_length", pa.int64()), ("alphanum_fraction", pa.float64())]
    schema = pa.schema(fields)
    return pa.table({f.name: cols[f.name] for f in schema}, schema=schema)


def test_reads_the_real_datasets_layout_with_pyarrow_defaults(tmp_path):
    # What The Stack's shards are: pyarrow defaults (snappy, v1 pages, dictionary with
    # fallback), row groups of about 1000 rows, nullable float64 counts.
    table = stack_like_table(2500)
    assert len(table.schema) == 29
    path = tmp_path / "data_0000.parquet"
    pq.write_table(table, path, row_group_size=1000)
    assert assert_same_as_pyarrow(path) == 2500


@pytest.mark.parametrize("codec", ["lz4", "brotli"])
def test_unsupported_codec_is_a_clear_error(tmp_path, codec):
    path = tmp_path / f"{codec}.parquet"
    pq.write_table(make_table(50), path, compression=codec)
    proc = run_dump(path, "--columns", "s_none_null")
    err = proc.stderr.decode()
    assert proc.returncode == 3, err
    assert "Not supported" in err and codec.upper() in err and str(path) in err, err
    assert "row group 0" in err and "s_none_null" in err, err


@pytest.mark.parametrize("column,encoding", [("i64", "DELTA_BINARY_PACKED"),
                                             ("f64", "BYTE_STREAM_SPLIT"),
                                             ("s_none_null", "DELTA_BYTE_ARRAY")])
def test_unsupported_encoding_is_a_clear_error(tmp_path, column, encoding):
    path = tmp_path / "enc.parquet"
    pq.write_table(make_table(50), path, use_dictionary=False,
                   column_encoding={column: encoding})
    proc = run_dump(path, "--columns", column)
    err = proc.stderr.decode()
    assert proc.returncode == 3, err
    assert "Not supported" in err and encoding in err and column in err, err
    # The other columns of the same file still read.
    assert assert_same_as_pyarrow(path, columns=["req_s", "lst"]) == 50


def test_truncated_files_give_errors_naming_the_file(tmp_path):
    source = tmp_path / "whole.parquet"
    pq.write_table(make_table(300), source, row_group_size=100)
    data = source.read_bytes()
    for cut in sorted({0, 1, 7, 12, len(data) // 3, len(data) // 2, len(data) - 9,
                       len(data) - 5, len(data) - 1}):
        path = tmp_path / f"cut{cut}.parquet"
        path.write_bytes(data[:cut])
        proc = run_dump(path)
        assert proc.returncode == 3, (cut, proc.returncode, proc.stderr)
        assert str(path) in proc.stderr.decode(), (cut, proc.stderr)


def corpus_files():
    return sorted(CORPUS.glob("*.parquet")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("name", [p.name for p in corpus_files()] or ["(absent)"])
def test_reads_shared_corpus_shard_like_pyarrow(name):
    if not corpus_files():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    path = CORPUS / name
    assert len(pq.ParquetFile(path).schema_arrow) == 29
    rows = assert_same_as_pyarrow(path)
    assert rows == pq.ParquetFile(path).metadata.num_rows
