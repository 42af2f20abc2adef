// Decoders for parquet's PLAIN encoding, the values section of PLAIN data pages and of
// dictionary pages. Each decodes exactly `n` values from a byte range into a dense array
// and reports how many bytes it used; running out of bytes is a Corruption status.
//  - BOOLEAN: one bit per value, least significant bit first;
//  - INT32 / INT64 / FLOAT / DOUBLE: little-endian fixed width;
//  - BYTE_ARRAY: a 4-byte little-endian length, then the bytes, for every value;
//  - FIXED_LEN_BYTE_ARRAY: `type_length` bytes per value.
// Byte arrays are returned as views into the input: the caller keeps the page alive.
// Stateless and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/status.h"

namespace automend::parquet {

Status DecodePlainBooleans(const uint8_t* data, size_t size, size_t n, int64_t* out, size_t* used);
Status DecodePlainInt32(const uint8_t* data, size_t size, size_t n, int64_t* out, size_t* used);
Status DecodePlainInt64(const uint8_t* data, size_t size, size_t n, int64_t* out, size_t* used);
Status DecodePlainFloat(const uint8_t* data, size_t size, size_t n, double* out, size_t* used);
Status DecodePlainDouble(const uint8_t* data, size_t size, size_t n, double* out, size_t* used);
Status DecodePlainByteArrays(const uint8_t* data, size_t size, size_t n, std::string_view* out,
                             size_t* used);
Status DecodePlainFixedLenByteArrays(const uint8_t* data, size_t size, size_t n, size_t type_length,
                                     std::string_view* out, size_t* used);

}  // namespace automend::parquet
