// libFuzzer target for the parquet reader: the input is a whole file. It is opened through
// an in-memory RandomAccessFile, every row group's every field is decoded, the pages are
// listed, and rows are pulled through ParquetRowSource when the schema allows; the Thrift
// decoders also see the raw bytes. Any crash, sanitizer report, hang or out-of-memory is
// a bug: corrupt input must only ever produce an error Status.
//
// Build and run (see docs/parquet.md):
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DAUTOMEND_FUZZ=ON -DAUTOMEND_BENCH=OFF \
//       -DAUTOMEND_SANITIZE=ON
//   cmake --build build-fuzz --target parquet_reader_fuzzer
//   mkdir -p /tmp/parquet-corpus
//   build-fuzz/parquet_reader_fuzzer -max_total_time=60 -rss_limit_mb=2048 \
//       /tmp/parquet-corpus tests/data/parquet
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/io/memory_file.h"
#include "sources/parquet/metadata_decoder.h"
#include "sources/parquet/parquet_file_reader.h"
#include "sources/parquet/parquet_row_source.h"

namespace {

using automend::Status;
namespace pq = automend::parquet;

// Limits low enough that a claimed size cannot exhaust the fuzzer's memory, high enough
// for the seed files.
pq::ParquetReaderOptions FuzzOptions() {
  pq::ParquetReaderOptions o;
  o.max_footer_bytes = 1 << 20;
  o.max_column_chunk_bytes = 4 << 20;
  o.max_page_bytes = 4 << 20;
  o.max_decompressed_chunk_bytes = 16 << 20;
  o.max_values_per_chunk = 1 << 16;
  return o;
}

void ReadRows(std::shared_ptr<const pq::ParquetFileReader> reader) {
  std::vector<automend::ParquetShardPlan> plan = automend::PlanAllRowGroups({reader});
  automend::ParquetSourceOptions options;
  options.reader = FuzzOptions();
  std::unique_ptr<automend::ParquetRowSource> source;
  if (!automend::ParquetRowSource::Open(std::move(plan), options, &source).ok()) return;
  automend::RowBatch batch;
  while (source->NextBatch(&batch).ok() && !(batch.rows.empty() && batch.errors.empty())) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);

  pq::FileMetaData meta;
  (void)pq::DecodeFileMetaData(bytes, &meta);
  pq::PageHeader header;
  size_t header_size;
  (void)pq::DecodePageHeader(data, size, &header, &header_size);

  std::unique_ptr<pq::ParquetFileReader> opened;
  if (!pq::ParquetFileReader::Open(automend::NewMemoryFile("fuzz.parquet", bytes), FuzzOptions(),
                                   &opened)
           .ok()) {
    return 0;
  }
  std::shared_ptr<const pq::ParquetFileReader> reader = std::move(opened);
  // Bound the work per input: footers can claim many row groups.
  int groups = std::min(reader->num_row_groups(), 64);
  size_t fields = std::min<size_t>(reader->schema().fields().size(), 64);
  for (int g = 0; g < groups; ++g) {
    for (size_t f = 0; f < fields; ++f) {
      std::vector<pq::ColumnBatch> batches;
      (void)reader->ReadRowGroup(g, {static_cast<int>(f)}, &batches);
      std::vector<pq::PageSummary> pages;
      (void)reader->DescribePages(g, static_cast<int>(f), &pages);
    }
  }
  ReadRows(reader);
  return 0;
}
