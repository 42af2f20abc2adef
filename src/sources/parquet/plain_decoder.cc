#include "sources/parquet/plain_decoder.h"

#include <bit>
#include <cstring>
#include <string>
#include <type_traits>

namespace automend::parquet {
namespace {

static_assert(std::endian::native == std::endian::little,
              "PLAIN values are little-endian and are copied with memcpy");

Status TooShort(const char* type, size_t n, size_t size) {
  return Status::Corruption(std::string("PLAIN ") + type + " values: " + std::to_string(n) +
                            " values do not fit in the page's " + std::to_string(size) +
                            " value bytes");
}

template <typename Wire, typename Out>
Status DecodeFixed(const char* type, const uint8_t* data, size_t size, size_t n, Out* out,
                   size_t* used) {
  if (n > size / sizeof(Wire)) return TooShort(type, n, size);
  *used = n * sizeof(Wire);
  if (n == 0) return Status::OK();  // `data` may be null for an empty page
  if constexpr (sizeof(Wire) == sizeof(Out) && std::is_same_v<Wire, Out>) {
    std::memcpy(out, data, n * sizeof(Wire));
  } else {
    for (size_t i = 0; i < n; ++i) {
      Wire v;
      std::memcpy(&v, data + i * sizeof(Wire), sizeof(Wire));
      out[i] = static_cast<Out>(v);
    }
  }
  return Status::OK();
}

}  // namespace

Status DecodePlainBooleans(const uint8_t* data, size_t size, size_t n, int64_t* out, size_t* used) {
  if (n > size * 8) return TooShort("BOOLEAN", n, size);
  for (size_t i = 0; i < n; ++i) out[i] = (data[i >> 3] >> (i & 7)) & 1;
  *used = (n + 7) / 8;
  return Status::OK();
}

Status DecodePlainInt32(const uint8_t* data, size_t size, size_t n, int64_t* out, size_t* used) {
  return DecodeFixed<int32_t>("INT32", data, size, n, out, used);
}

Status DecodePlainInt64(const uint8_t* data, size_t size, size_t n, int64_t* out, size_t* used) {
  return DecodeFixed<int64_t>("INT64", data, size, n, out, used);
}

Status DecodePlainFloat(const uint8_t* data, size_t size, size_t n, double* out, size_t* used) {
  return DecodeFixed<float>("FLOAT", data, size, n, out, used);
}

Status DecodePlainDouble(const uint8_t* data, size_t size, size_t n, double* out, size_t* used) {
  return DecodeFixed<double>("DOUBLE", data, size, n, out, used);
}

Status DecodePlainByteArrays(const uint8_t* data, size_t size, size_t n, std::string_view* out,
                             size_t* used) {
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    if (size - pos < 4) {
      return Status::Corruption("PLAIN BYTE_ARRAY value " + std::to_string(i) + " of " +
                                std::to_string(n) + ": length prefix at byte " +
                                std::to_string(pos) + " is past the end of the page (" +
                                std::to_string(size) + " value bytes)");
    }
    uint32_t length;
    std::memcpy(&length, data + pos, 4);
    pos += 4;
    if (length > size - pos) {
      return Status::Corruption(
          "PLAIN BYTE_ARRAY value " + std::to_string(i) + " of " + std::to_string(n) + ": length " +
          std::to_string(length) + " at byte " + std::to_string(pos - 4) +
          " runs past the end of the page (" + std::to_string(size) + " value bytes)");
    }
    out[i] = std::string_view(reinterpret_cast<const char*>(data + pos), length);
    pos += length;
  }
  *used = pos;
  return Status::OK();
}

Status DecodePlainFixedLenByteArrays(const uint8_t* data, size_t size, size_t n, size_t type_length,
                                     std::string_view* out, size_t* used) {
  if (type_length != 0 && n > size / type_length) return TooShort("FIXED_LEN_BYTE_ARRAY", n, size);
  for (size_t i = 0; i < n; ++i) {
    out[i] = std::string_view(reinterpret_cast<const char*>(data + i * type_length), type_length);
  }
  *used = n * type_length;
  return Status::OK();
}

}  // namespace automend::parquet
