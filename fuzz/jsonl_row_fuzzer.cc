// Fuzzes the JSONL row reader: DecodeStackRow on the input as one line, and JsonlSource on
// the input as a whole file (through a temporary file, with small batches so that lines are
// cut at batch edges). Never a crash; every non-blank line becomes exactly one row or one
// counted error, in order, with its line number. A line read with its content left escaped
// (preprocess's way) gives the same row, error, content and size as read decoded.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "sources/jsonl_source.h"

namespace {

using namespace automend;

const std::string& TempPath() {
  static const std::string* path = [] {
    char name[] = "/tmp/jsonl_row_fuzzer.XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) std::abort();
    close(fd);
    return new std::string(std::string(name) + ".jsonl");
  }();
  return *path;
}

size_t NonBlankLines(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (text.substr(pos, nl - pos).find_first_not_of(" \t\r") != std::string_view::npos) ++count;
    pos = nl + 1;
  }
  return count;
}

uint64_t LineOf(const std::string& origin) {
  return std::strtoull(origin.c_str() + origin.rfind(':') + 1, nullptr, 10);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Row row;
  RowError error;
  if (text.find('\n') == std::string_view::npos) {
    bool ok = DecodeStackRow(text, "x:1", &row, &error);
    if (!ok && (error.reason.empty() || error.origin != "x:1")) std::abort();
    Row lazy;
    RowError lazy_error;
    if (DecodeStackRow(text, "x:1", &lazy, &lazy_error, /*escaped_content=*/true) != ok)
      std::abort();
    if (!ok && (lazy_error.reason != error.reason || lazy_error.detail != error.detail))
      std::abort();
    if (ok) {
      if (lazy.content_size() != row.content().size() || lazy.hexsha != row.hexsha) std::abort();
      lazy.DecodeContent();
      if (lazy.content() != row.content()) std::abort();
    }
  }

  const std::string& path = TempPath();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0)
    std::abort();
  SourceOptions options;
  options.batch_rows = size > 0 ? 1 + data[0] % 4 : 1;
  options.batch_bytes = 64;
  std::unique_ptr<RowSource> source;
  if (!JsonlSource::Open(path, options, &source).ok()) std::abort();
  size_t items = 0;
  uint64_t last_line = 0;
  RowBatch batch;
  while (true) {
    if (!source->NextBatch(&batch).ok()) std::abort();
    if (batch.empty()) break;
    // Rows and errors of one batch are each in line order; together they cover its lines.
    for (const Row& r : batch.rows) {
      if (LineOf(r.origin) <= last_line) std::abort();
      ++items;
    }
    for (const RowError& e : batch.errors) {
      if (LineOf(e.origin) <= last_line || e.reason.empty()) std::abort();
      ++items;
    }
    for (const Row& r : batch.rows) last_line = std::max(last_line, LineOf(r.origin));
    for (const RowError& e : batch.errors) last_line = std::max(last_line, LineOf(e.origin));
  }
  if (items != NonBlankLines(text)) std::abort();
  return 0;
}
