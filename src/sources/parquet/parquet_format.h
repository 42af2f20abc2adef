// The parts of parquet's file format (parquet.thrift) this reader uses, as plain structs:
// the footer's FileMetaData (schema, row groups, column chunks) and page headers. Fields
// the reader does not need (statistics, page indexes, bloom filters, encryption details)
// are skipped while decoding and have no member here. Enum values are kept as the raw
// integers of the file, so an unknown value survives to a clear error message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace automend::parquet {

// parquet.thrift `Type`.
enum PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

// parquet.thrift `FieldRepetitionType`.
enum Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

// parquet.thrift `Encoding`.
enum Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

// parquet.thrift `CompressionCodec`.
enum Codec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

// parquet.thrift `PageType`.
enum PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

// parquet.thrift `ConvertedType` values this reader looks at.
constexpr int32_t kConvertedUtf8 = 0;
constexpr int32_t kConvertedMap = 1;
constexpr int32_t kConvertedMapKeyValue = 2;
constexpr int32_t kConvertedList = 3;
// Field ids of the `LogicalType` union this reader looks at.
constexpr int32_t kLogicalString = 1;
constexpr int32_t kLogicalMap = 2;
constexpr int32_t kLogicalList = 3;

std::string PhysicalTypeName(int32_t type);
std::string EncodingName(int32_t encoding);
std::string CodecName(int32_t codec);
std::string PageTypeName(int32_t type);

struct SchemaElement {
  std::optional<int32_t> type;  // PhysicalType; absent for groups
  int32_t type_length = 0;
  std::optional<int32_t> repetition;  // Repetition; absent for the root
  std::string name;
  int32_t num_children = 0;
  std::optional<int32_t> converted_type;
  int32_t logical_type = 0;  // the LogicalType union's field id, 0 when absent
};

struct ColumnMetaData {
  int32_t type = 0;
  std::vector<int32_t> encodings;
  std::vector<std::string> path_in_schema;
  int32_t codec = 0;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
};

struct ColumnChunk {
  std::optional<std::string> file_path;  // set when the chunk lives in another file
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  bool encrypted = false;  // crypto_metadata or encrypted_column_metadata present
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  std::string created_by;
  bool encrypted = false;  // encryption_algorithm present (plaintext footer mode)
};

struct DataPageHeader {
  int32_t num_values = 0;
  int32_t encoding = 0;
  int32_t definition_level_encoding = 0;
  int32_t repetition_level_encoding = 0;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  int32_t encoding = 0;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  int32_t encoding = 0;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct PageHeader {
  int32_t type = 0;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

}  // namespace automend::parquet
