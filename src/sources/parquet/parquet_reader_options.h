// ParquetReaderOptions: the limits that keep a corrupt or hostile parquet file from making
// the reader allocate without bound. Every size read from a file is checked against the
// file itself first; these caps bound what a self-consistent but absurd file can demand.
// The defaults are far above anything The Stack's shards need (pages of about 1 MiB,
// column chunks of a few MiB, footers under 1 MiB). Plain value; copy freely.
#pragma once

#include <cstdint>

namespace automend::parquet {

struct ParquetReaderOptions {
  // The footer is read with one read of the file's last `footer_tail_bytes` bytes, and a
  // second read only when the footer is larger.
  uint64_t footer_tail_bytes = 64 << 10;
  uint64_t max_footer_bytes = 64 << 20;
  // Bytes of one column chunk, read from the file at once.
  uint64_t max_column_chunk_bytes = uint64_t{1} << 30;
  // Decompressed bytes of one page, and of all pages of one column chunk together.
  uint64_t max_page_bytes = 256 << 20;
  uint64_t max_decompressed_chunk_bytes = uint64_t{2} << 30;
  // Values (including nulls and list entries) of one column chunk.
  int64_t max_values_per_chunk = int64_t{16} << 20;
};

}  // namespace automend::parquet
