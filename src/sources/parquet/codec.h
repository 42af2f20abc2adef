// Page decompression for parquet's codecs: UNCOMPRESSED, SNAPPY (libsnappy), GZIP (zlib)
// and ZSTD (libzstd). Other codecs (LZ4, LZ4_RAW, BROTLI, LZO) are NotSupported errors
// that name the codec. The caller passes the exact decompressed size from the page header
// (already checked against its limits) and gets Corruption unless the compressed bytes
// expand to exactly that size. Thread-safe (ZSTD contexts are per thread).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace automend::parquet {

bool IsSupportedCodec(int32_t codec);

// Decompresses `src` (compressed with `codec`) into `dst`, which has room for exactly
// `dst_size` bytes, the size the page header promises.
Status Decompress(int32_t codec, const uint8_t* src, size_t src_size, uint8_t* dst,
                  size_t dst_size);

}  // namespace automend::parquet
