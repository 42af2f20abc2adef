// DecodeColumnChunk: turns the bytes of one column chunk (its pages, as read from the
// file) into a ColumnBatch for one top-level field.
//
// Pages come from PageReader (framing, limits, decompression, levels). Here: the
// dictionary page, and data page values encoded PLAIN or through the dictionary
// (PLAIN_DICTIONARY / RLE_DICTIONARY), decided page by page, so a chunk whose writer fell
// back from dictionary to PLAIN pages part-way (pyarrow does this when the dictionary
// grows too large) reads like any other; RLE for BOOLEAN values; and the levels turned
// into null flags and list boundaries. Other encodings and types are NotSupported errors
// naming them. Errors say at which byte of the chunk the bad page starts; the caller adds
// the file, row group and column. Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "sources/parquet/column_batch.h"
#include "sources/parquet/parquet_format.h"
#include "sources/parquet/parquet_reader_options.h"
#include "sources/parquet/schema.h"

namespace automend::parquet {

// `chunk` holds the column chunk's bytes (dictionary page first, if any); `num_rows` is
// the row group's row count. The batch takes ownership of `chunk` if values point into it.
Status DecodeColumnChunk(const Field& field, const LeafColumn& leaf, const ColumnMetaData& meta,
                         int64_t num_rows, const ParquetReaderOptions& options,
                         std::unique_ptr<std::string> chunk, ColumnBatch* out);

}  // namespace automend::parquet
