// PageReader: walks the pages of one column chunk and hands out each dictionary or data
// page decompressed and with its repetition/definition levels decoded, ready for value
// decoding. It owns the page framing rules:
//  - every page header's sizes are checked against the bytes left in the chunk and the
//    options' limits before anything is allocated or decompressed;
//  - data page v1: the whole page is compressed; levels come first, each as a 4-byte
//    length plus the RLE/bit-packed hybrid (the deprecated BIT_PACKED level encoding is
//    NotSupported);
//  - data page v2: levels come first, uncompressed and without length prefixes (their
//    lengths are in the header); only the values are compressed, and only when
//    is_compressed is true;
//  - index pages and unknown page types are skipped.
// Errors say at which byte of the chunk the page starts. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/status.h"
#include "sources/parquet/parquet_format.h"
#include "sources/parquet/parquet_reader_options.h"
#include "sources/parquet/schema.h"

namespace automend::parquet {

struct Page {
  int32_t type = 0;                 // kDictionaryPage, kDataPage or kDataPageV2
  size_t offset = 0;                // of the page header within the chunk
  int32_t num_values = 0;           // for data pages: level entries, nulls included
  int32_t encoding = 0;             // of the values
  const uint8_t* values = nullptr;  // the decompressed values section
  size_t values_size = 0;
  // Owns `values`, unless they are stored uncompressed and point into the chunk.
  std::unique_ptr<uint8_t[]> buffer;
};

class PageReader {
 public:
  PageReader(const uint8_t* chunk, size_t size, int32_t codec, const LeafColumn& leaf,
             const ParquetReaderOptions& options)
      : chunk_(chunk), size_(size), codec_(codec), leaf_(leaf), options_(options) {}

  // Reads the next dictionary or data page. A data page may hold at most `values_left`
  // values (what the column chunk's metadata leaves). `*done` is set at the chunk's end.
  Status Next(int64_t values_left, Page* page, bool* done);

  // Levels of the last data page, `num_values` each; empty when the column's maximum
  // level is 0.
  const std::vector<uint32_t>& definition_levels() const { return def_; }
  const std::vector<uint32_t>& repetition_levels() const { return rep_; }

 private:
  Status ReadPage(int64_t values_left, Page* page, bool* skipped);
  Status Section(const uint8_t* src, size_t src_size, size_t size, bool compressed, Page* page);
  Status ReadV1(const PageHeader& h, const uint8_t* body, Page* page);
  Status ReadV2(const PageHeader& h, const uint8_t* body, Page* page);
  Status ReadV1Levels(const uint8_t** p, size_t* left, int32_t encoding, int max_level, size_t n,
                      std::vector<uint32_t>* out, const char* what);
  Status DecodeLevels(const uint8_t* data, size_t size, int max_level, size_t n,
                      std::vector<uint32_t>* out, const char* what);

  const uint8_t* chunk_;
  size_t size_;
  int32_t codec_;
  const LeafColumn& leaf_;
  const ParquetReaderOptions& options_;
  size_t pos_ = 0;
  uint64_t decompressed_total_ = 0;
  std::vector<uint32_t> def_;
  std::vector<uint32_t> rep_;
};

}  // namespace automend::parquet
