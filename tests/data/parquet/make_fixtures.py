"""Writes the small parquet fixtures the C++ unit tests read (tests/data/parquet/*.parquet).

Run with pyarrow 22 (pinned in requirements-test.txt) from anywhere:
    .venv/bin/python tests/data/parquet/make_fixtures.py
The values follow simple formulas that the C++ tests recompute (parquet_file_reader_test.cc
and parquet_row_source_test.cc); change both together.
"""

import pathlib

import pyarrow as pa
import pyarrow.parquet as pq

OUT = pathlib.Path(__file__).resolve().parent


def basic_table(n=50):
    """Formulas mirrored by ExpectedBasicRow() in parquet_file_reader_test.cc."""
    def s(i):
        if i % 3 == 0:
            return None
        return f"row-{i}-" + "é" * (i % 4) + ("😀" if i % 5 == 0 else "")

    def lst(i):
        return [None, [], [f"a{i}", None], ["x", f"y{i}"]][i % 4]

    schema = pa.schema([
        pa.field("id", pa.int64(), nullable=False),
        pa.field("s", pa.string()),
        pa.field("s_dict", pa.string()),
        pa.field("f64", pa.float64()),
        pa.field("i32", pa.int32()),
        pa.field("f32", pa.float32()),
        pa.field("b", pa.bool_()),
        pa.field("lst", pa.list_(pa.string())),
        pa.field("all_null", pa.string()),
    ])
    return pa.table({
        "id": [i * 1000003 - 7 for i in range(n)],
        "s": [s(i) for i in range(n)],
        "s_dict": [None if i % 7 == 0 else ["alpha", "beta", "gamma"][i % 3] for i in range(n)],
        "f64": [None if i % 5 == 0 else i * 0.25 - 3 for i in range(n)],
        "i32": [None if i % 4 == 1 else i * -3 for i in range(n)],
        "f32": [None if i % 6 == 2 else i / 8 for i in range(n)],
        "b": [None if i % 9 == 4 else i % 2 == 0 for i in range(n)],
        "lst": [lst(i) for i in range(n)],
        "all_null": [None] * n,
    }, schema=schema)


def stack_table():
    """The Stack's mapped columns (plus one the source must ignore), 12 rows; formulas
    mirrored in parquet_row_source_test.cc. Row 3 has a null hexsha, row 7 a null content."""
    n = 12
    licenses = [["MIT"], [], None, ["Apache-2.0", "MIT"], [None], ["BSD-3-Clause"]]
    return pa.table({
        "hexsha": [None if i == 3 else "%040x" % (i * 0x1234567) for i in range(n)],
        "size": [100 + i for i in range(n)],
        "ext": [None if i == 5 else ("yaml" if i % 2 else "yml") for i in range(n)],
        "lang": ["YAML"] * n,
        "max_stars_repo_path": [f"dir/file{i}.yaml" for i in range(n)],
        "max_stars_repo_name": [f"org/repo{i % 3}" for i in range(n)],
        "max_stars_repo_licenses": [licenses[i % len(licenses)] for i in range(n)],
        "max_stars_count": [None if i % 2 else float(i) for i in range(n)],
        "content": [None if i == 7 else f"kind: Pod\n# {i}\n" + "é" * i for i in range(n)],
    })


def main():
    table = basic_table()
    for codec in ["none", "snappy", "gzip", "zstd"]:
        for version in ["1.0", "2.0"]:
            pq.write_table(table, OUT / f"basic_{codec}_v{version[0]}.parquet", compression=codec,
                           data_page_version=version, row_group_size=20, data_page_size=64,
                           write_batch_size=8, use_dictionary=["s_dict", "lst.list.element"])

    # pyarrow checks page and dictionary sizes once per write batch: small batches give
    # several pages per chunk.
    # Dictionary pages that fill up: the writer falls back to PLAIN pages in the same chunk.
    n = 400
    fallback = pa.table({"s": [None if i % 10 == 0 else "value-%04d" % (i * 37 % 1000)
                               for i in range(n)]})
    pq.write_table(fallback, OUT / "dictionary_fallback.parquet", compression="snappy",
                   use_dictionary=True, dictionary_pagesize_limit=256, data_page_size=128,
                   write_batch_size=16, row_group_size=n)

    stack = stack_table()
    pq.write_table(stack, OUT / "stack_rows.parquet", row_group_size=5)
    float_size = stack.set_column(1, "size", pa.array([100.0 + i if i != 9 else 1.5
                                                      for i in range(12)]))
    pq.write_table(float_size, OUT / "stack_rows_float_size.parquet", row_group_size=12)
    pq.write_table(stack.drop_columns(["content"]), OUT / "stack_rows_no_content.parquet")

    small = basic_table(10)
    pq.write_table(small, OUT / "codec_lz4.parquet", compression="lz4")
    pq.write_table(small, OUT / "encoding_delta.parquet", use_dictionary=False,
                   column_encoding={"id": "DELTA_BINARY_PACKED"})


if __name__ == "__main__":
    main()
