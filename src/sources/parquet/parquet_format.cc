#include "sources/parquet/parquet_format.h"

namespace automend::parquet {
namespace {

std::string NameOr(const char* name, const char* kind, int32_t value) {
  if (name != nullptr) return name;
  return std::string("unknown ") + kind + " " + std::to_string(value);
}

}  // namespace

std::string PhysicalTypeName(int32_t type) {
  static const char* const kNames[] = {"BOOLEAN", "INT32",  "INT64",      "INT96",
                                       "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return NameOr(type >= 0 && type < 8 ? kNames[type] : nullptr, "physical type", type);
}

std::string EncodingName(int32_t encoding) {
  static const char* const kNames[] = {
      "PLAIN",          "GROUP_VAR_INT",       "PLAIN_DICTIONARY",        "RLE",
      "BIT_PACKED",     "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
      "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
  return NameOr(encoding >= 0 && encoding < 10 ? kNames[encoding] : nullptr, "encoding", encoding);
}

std::string CodecName(int32_t codec) {
  static const char* const kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                       "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
  return NameOr(codec >= 0 && codec < 8 ? kNames[codec] : nullptr, "codec", codec);
}

std::string PageTypeName(int32_t type) {
  static const char* const kNames[] = {"DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE",
                                       "DATA_PAGE_V2"};
  return NameOr(type >= 0 && type < 4 ? kNames[type] : nullptr, "page type", type);
}

}  // namespace automend::parquet
