// Decode throughput of the parquet reader, single thread, on the shared corpus
// (<source>/../shared/corpus/stack-yaml-sample, or the folder in AUTOMEND_PARQUET_BENCH_DIR,
// e.g. a pyarrow-written copy made by bench/parquet_pyarrow_peer.py --rewrite DIR).
// Reported bytes/second count `content` bytes (the payload the pipeline cares about); the
// columns read are the ones the download stage needs: hexsha, path, repo, licenses,
// content. Files are held in memory so the numbers measure decoding, not the disk.
// Skips (with a message) when the corpus is absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/memory_file.h"
#include "sources/parquet/parquet_file_reader.h"
#include "sources/parquet/parquet_row_source.h"

namespace automend {
namespace {

namespace pq = parquet;

const std::vector<std::string> kColumns = {"hexsha", "max_stars_repo_path", "max_stars_repo_name",
                                           "max_stars_repo_licenses", "content"};

struct Corpus {
  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
  int64_t content_bytes = 0;
  std::string error;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    const char* env = std::getenv("AUTOMEND_PARQUET_BENCH_DIR");
    std::string dir =
        env != nullptr ? env
                       : std::string(AUTOMEND_SOURCE_DIR) + "/../shared/corpus/stack-yaml-sample";
    std::vector<std::string> paths;
    if (!ListLocalParquetFiles(dir, &paths).ok()) {
      c.error = "no parquet corpus at " + dir;
      return c;
    }
    for (const std::string& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      c.files.emplace_back(p, buffer.str());
    }
    // Content bytes, counted once with the reader itself.
    for (const auto& [name, bytes] : c.files) {
      std::unique_ptr<pq::ParquetFileReader> r;
      std::vector<int> fields;
      if (!pq::ParquetFileReader::Open(NewMemoryFile(name, bytes), {}, &r).ok() ||
          !r->FindFields({"content"}, &fields).ok()) {
        c.error = "cannot read " + name;
        return c;
      }
      for (int g = 0; g < r->num_row_groups(); ++g) {
        std::vector<pq::ColumnBatch> batches;
        if (!r->ReadRowGroup(g, fields, &batches).ok()) {
          c.error = "cannot read " + name;
          return c;
        }
        for (std::string_view v : batches[0].bytes)
          c.content_bytes += static_cast<int64_t>(v.size());
      }
    }
    return c;
  }();
  return corpus;
}

std::vector<std::shared_ptr<const pq::ParquetFileReader>> OpenAll(const Corpus& c) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  for (const auto& [name, bytes] : c.files) files.push_back(NewMemoryFile(name, bytes));
  std::vector<std::shared_ptr<const pq::ParquetFileReader>> readers;
  Status s = OpenParquetReaders(std::move(files), {}, &readers);
  if (!s.ok()) readers.clear();
  return readers;
}

// Column decoding only: every row group of every file into ColumnBatches.
void BM_ParquetDecodeColumns(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return;
  }
  auto readers = OpenAll(c);
  std::vector<pq::ColumnBatch> batches;
  for (auto _ : state) {
    for (const auto& r : readers) {
      std::vector<int> fields;
      if (!r->FindFields(kColumns, &fields).ok()) {
        state.SkipWithError("missing columns");
        return;
      }
      for (int g = 0; g < r->num_row_groups(); ++g) {
        Status s = r->ReadRowGroup(g, fields, &batches);
        if (!s.ok()) {
          state.SkipWithError(s.ToString().c_str());
          return;
        }
        benchmark::DoNotOptimize(batches.data());
      }
    }
  }
  state.SetBytesProcessed(state.iterations() * c.content_bytes);
}
BENCHMARK(BM_ParquetDecodeColumns)->Unit(benchmark::kMillisecond);

// The whole source: footers, decoding and Row assembly (string copies), as the pipeline
// sees it.
void BM_ParquetRowSource(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return;
  }
  int64_t rows = 0;
  for (auto _ : state) {
    std::vector<std::unique_ptr<RandomAccessFile>> files;
    for (const auto& [name, bytes] : c.files) files.push_back(NewMemoryFile(name, bytes));
    std::unique_ptr<ParquetRowSource> source;
    Status s = OpenParquetRowSource(std::move(files), {}, &source);
    RowBatch batch;
    while (s.ok()) {
      s = source->NextBatch(&batch);
      if (batch.rows.empty() && batch.errors.empty()) break;
      rows += static_cast<int64_t>(batch.rows.size());
    }
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
  }
  state.SetBytesProcessed(state.iterations() * c.content_bytes);
  state.counters["rows"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParquetRowSource)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace automend
