// Reading a parquet file's footer: the file ends with the serialized FileMetaData, its
// length (4 bytes, little-endian) and the magic "PAR1". The footer is fetched with one
// read of the file's tail (options.footer_tail_bytes), plus one more read only when it is
// larger than that, so a remote file costs one or two range requests. Thread-safe.
#pragma once

#include <cstdint>

#include "core/io/random_access_file.h"
#include "core/status.h"
#include "sources/parquet/parquet_format.h"
#include "sources/parquet/parquet_reader_options.h"

namespace automend::parquet {

// Reads and decodes the footer; `*footer_start` receives the offset where the serialized
// metadata begins (column data must end before it). Errors name the file.
Status ReadFooter(const RandomAccessFile& file, const ParquetReaderOptions& options,
                  FileMetaData* metadata, uint64_t* footer_start);

}  // namespace automend::parquet
