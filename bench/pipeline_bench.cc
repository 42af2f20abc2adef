// Micro-benchmarks of the preprocess hot paths, on the bundled demo rows (so they run on a
// fresh clone): UTF-8 check, keyword scan, JSON row decoding, YAML parse, redaction and
// record writing. Throughput is reported as bytes of content per second.
// Run: build/automend_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "core/io/atomic_file.h"
#include "core/text/utf8.h"
#include "gates/gate_chain.h"
#include "records/record.h"
#include "records/row_processor.h"
#include "redact/redactor.h"
#include "sources/jsonl_source.h"

namespace automend {
namespace {

struct Demo {
  std::vector<std::string> lines;
  std::vector<Row> rows;
  int64_t bytes = 0;
};

const Demo& LoadDemo() {
  static const Demo* demo = [] {
    auto* d = new Demo;
    std::string text;
    if (!ReadFileToString(AUTOMEND_SOURCE_DIR "/examples/demo/rows.jsonl", &text).ok()) return d;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      d->lines.push_back(text.substr(pos, nl - pos));
      Row row;
      RowError error;
      if (DecodeStackRow(d->lines.back(), "demo", &row, &error)) {
        d->bytes += static_cast<int64_t>(row.content().size());
        d->rows.push_back(std::move(row));
      }
      pos = nl + 1;
    }
    return d;
  }();
  return *demo;
}

void BM_Utf8Check(benchmark::State& state) {
  const Demo& d = LoadDemo();
  for (auto _ : state)
    for (const Row& r : d.rows) benchmark::DoNotOptimize(CheckUtf8(r.content()));
  state.SetBytesProcessed(state.iterations() * d.bytes);
}
BENCHMARK(BM_Utf8Check);

void BM_KeywordScan(benchmark::State& state) {
  const Demo& d = LoadDemo();
  KeywordMatcher m(Config().keywords);
  for (auto _ : state)
    for (const Row& r : d.rows) benchmark::DoNotOptimize(m.MatchMask(r.content()));
  state.SetBytesProcessed(state.iterations() * d.bytes);
}
BENCHMARK(BM_KeywordScan);

void BM_DecodeJsonRow(benchmark::State& state) {
  const Demo& d = LoadDemo();
  int64_t line_bytes = 0;
  for (const auto& l : d.lines) line_bytes += static_cast<int64_t>(l.size());
  for (auto _ : state) {
    for (const auto& line : d.lines) {
      Row row;
      RowError error;
      benchmark::DoNotOptimize(DecodeStackRow(line, "demo", &row, &error));
    }
  }
  state.SetBytesProcessed(state.iterations() * line_bytes);
}
BENCHMARK(BM_DecodeJsonRow);

void BM_YamlParse(benchmark::State& state) {
  const Demo& d = LoadDemo();
  YamlStream y;
  for (auto _ : state)
    for (const Row& r : d.rows) benchmark::DoNotOptimize(y.Parse(r.content()));
  state.SetBytesProcessed(state.iterations() * d.bytes);
}
BENCHMARK(BM_YamlParse);

void BM_Redact(benchmark::State& state) {
  const Demo& d = LoadDemo();
  Redactor redactor{Config()};
  std::vector<YamlStream> parsed(d.rows.size());
  int64_t bytes = 0;
  std::vector<size_t> ok;
  for (size_t i = 0; i < d.rows.size(); ++i) {
    if (CheckUtf8(d.rows[i].content()).valid && parsed[i].Parse(d.rows[i].content())) {
      ok.push_back(i);
      bytes += static_cast<int64_t>(d.rows[i].content().size());
    }
  }
  RedactionResult out;
  for (auto _ : state)
    for (size_t i : ok) redactor.Redact(d.rows[i].content(), parsed[i], &out);
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Redact);

void BM_WholeRow(benchmark::State& state) {
  const Demo& d = LoadDemo();
  RowProcessor processor{Config()};
  std::string records;
  for (auto _ : state) {
    records.clear();
    for (const Row& r : d.rows) benchmark::DoNotOptimize(processor.Process(r, &records));
  }
  state.SetBytesProcessed(state.iterations() * d.bytes);
}
BENCHMARK(BM_WholeRow);

}  // namespace
}  // namespace automend
