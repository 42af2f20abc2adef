// ThriftCompactReader: a bounds-checked decoder of the Thrift compact protocol, the
// encoding of parquet's footer (FileMetaData) and page headers. It never reads outside the
// buffer it was given, limits struct/container nesting (so hostile input cannot exhaust
// the stack), and can skip any value of any type, which is how fields this reader does not
// know (statistics, page indexes, newer format additions) are passed over.
//
// Wire format (from the Thrift compact protocol spec): integers are zigzag varints; a
// struct is a sequence of field headers (field-id delta in the high nibble, type in the
// low nibble; delta 0 means an explicit zigzag i16 id follows) ended by a 0 byte; a bool
// field keeps its value in the type nibble; binary is a varint length plus bytes; a list
// header is (size << 4 | element type) with size 15 meaning a varint size follows; a map
// header is a varint size followed, when non-zero, by one (key type << 4 | value type) byte.
//
// Not thread-safe: one reader per buffer and thread. Strings returned are views into the
// caller's buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace automend::parquet {

enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
  kUuid = 13,
};

const char* ThriftTypeName(ThriftType type);

class ThriftCompactReader {
 public:
  // Nesting deeper than this (structs, lists, maps inside one another) is rejected. Parquet
  // metadata nests about 6 levels deep.
  static constexpr int kDefaultMaxDepth = 64;

  ThriftCompactReader(const uint8_t* data, size_t size, int max_depth = kDefaultMaxDepth)
      : data_(data), size_(size), max_depth_(max_depth) {}
  explicit ThriftCompactReader(std::string_view bytes, int max_depth = kDefaultMaxDepth)
      : ThriftCompactReader(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                            max_depth) {}

  // Struct framing. Each BeginStruct must be matched by EndStruct after ReadFieldHeader
  // returned kStop.
  Status BeginStruct();
  void EndStruct();
  // Reads the next field header of the current struct; `*type` is kStop at its end.
  Status ReadFieldHeader(int16_t* id, ThriftType* type);

  // A bool field's value is its header's type (kBoolTrue / kBoolFalse).
  static Status BoolFromFieldType(ThriftType type, bool* value);
  // A bool inside a list or map is one byte.
  Status ReadBoolElement(bool* value);
  Status ReadByte(int8_t* value);
  Status ReadI16(int16_t* value);
  Status ReadI32(int32_t* value);
  Status ReadI64(int64_t* value);
  Status ReadDouble(double* value);
  // Binary and string values are views into the buffer.
  Status ReadBinary(std::string_view* value);

  // Container headers. `*size` is already checked against the bytes left (every element
  // takes at least one byte), so a caller may reserve `*size` elements.
  Status ReadListHeader(ThriftType* element_type, uint32_t* size);
  Status ReadMapHeader(ThriftType* key_type, ThriftType* value_type, uint32_t* size);

  // Skips the value of a field whose header said `type`, however deeply nested, within the
  // depth limit. (A bool field has no value bytes; a bool list element has one.)
  Status Skip(ThriftType type);

  // Checks that a known field arrived with the wire type its definition has (another type
  // is corruption). `what` names the field for messages ("PageHeader.crc").
  Status ExpectType(ThriftType actual, ThriftType expected, const char* what) const;

  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }

 private:
  Status ReadVarint(uint64_t* value);
  Status ReadVarintI64(int64_t* value);  // zigzag-decoded
  Status Error(const std::string& what) const;
  Status SkipBytes(size_t n);
  Status SkipDepth(ThriftType type, int depth, bool is_element);
  Status EnterContainer(int depth) const;

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  int max_depth_;
  // Last field id of every open struct (ids are deltas against the previous field).
  std::vector<int16_t> last_field_ids_;
};

}  // namespace automend::parquet
