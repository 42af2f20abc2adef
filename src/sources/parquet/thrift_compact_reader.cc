#include "sources/parquet/thrift_compact_reader.h"

#include <cstring>

namespace automend::parquet {

const char* ThriftTypeName(ThriftType type) {
  switch (type) {
    case ThriftType::kStop:
      return "stop";
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return "bool";
    case ThriftType::kByte:
      return "byte";
    case ThriftType::kI16:
      return "i16";
    case ThriftType::kI32:
      return "i32";
    case ThriftType::kI64:
      return "i64";
    case ThriftType::kDouble:
      return "double";
    case ThriftType::kBinary:
      return "binary";
    case ThriftType::kList:
      return "list";
    case ThriftType::kSet:
      return "set";
    case ThriftType::kMap:
      return "map";
    case ThriftType::kStruct:
      return "struct";
    case ThriftType::kUuid:
      return "uuid";
  }
  return "unknown";
}

Status ThriftCompactReader::Error(const std::string& what) const {
  return Status::Corruption("thrift: " + what + " at byte " + std::to_string(pos_) + " of " +
                            std::to_string(size_));
}

Status ThriftCompactReader::ReadVarint(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= size_) return Error("truncated varint");
    uint8_t byte = data_[pos_++];
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (shift == 63 && (byte & 0x7e) != 0) return Error("varint overflows 64 bits");
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return Status::OK();
    }
  }
  return Error("varint longer than 10 bytes");
}

Status ThriftCompactReader::ReadVarintI64(int64_t* value) {
  uint64_t raw;
  AUTOMEND_RETURN_IF_ERROR(ReadVarint(&raw));
  *value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
  return Status::OK();
}

Status ThriftCompactReader::SkipBytes(size_t n) {
  if (n > remaining()) return Error("value of " + std::to_string(n) + " bytes is truncated");
  pos_ += n;
  return Status::OK();
}

Status ThriftCompactReader::BeginStruct() {
  if (static_cast<int>(last_field_ids_.size()) >= max_depth_) {
    return Error("nesting deeper than " + std::to_string(max_depth_));
  }
  last_field_ids_.push_back(0);
  return Status::OK();
}

void ThriftCompactReader::EndStruct() {
  if (!last_field_ids_.empty()) last_field_ids_.pop_back();
}

Status ThriftCompactReader::ReadFieldHeader(int16_t* id, ThriftType* type) {
  if (last_field_ids_.empty()) return Error("field header outside a struct");
  if (pos_ >= size_) return Error("truncated struct (no stop byte)");
  uint8_t byte = data_[pos_++];
  uint8_t raw_type = byte & 0x0f;
  if (byte == 0) {
    *type = ThriftType::kStop;
    *id = 0;
    return Status::OK();
  }
  if (raw_type == 0 || raw_type > static_cast<uint8_t>(ThriftType::kUuid)) {
    return Error("unknown field type " + std::to_string(raw_type));
  }
  uint8_t delta = byte >> 4;
  int16_t field_id;
  if (delta != 0) {
    int32_t next = static_cast<int32_t>(last_field_ids_.back()) + delta;
    if (next > INT16_MAX) return Error("field id overflows i16");
    field_id = static_cast<int16_t>(next);
  } else {
    AUTOMEND_RETURN_IF_ERROR(ReadI16(&field_id));
  }
  last_field_ids_.back() = field_id;
  *id = field_id;
  *type = static_cast<ThriftType>(raw_type);
  return Status::OK();
}

Status ThriftCompactReader::BoolFromFieldType(ThriftType type, bool* value) {
  if (type == ThriftType::kBoolTrue) {
    *value = true;
  } else if (type == ThriftType::kBoolFalse) {
    *value = false;
  } else {
    return Status::Corruption(std::string("thrift: expected a bool field, got ") +
                              ThriftTypeName(type));
  }
  return Status::OK();
}

Status ThriftCompactReader::ReadBoolElement(bool* value) {
  if (pos_ >= size_) return Error("truncated bool");
  uint8_t byte = data_[pos_++];
  // Writers use 1 for true; 0 and 2 both occur for false.
  *value = byte == 1;
  return Status::OK();
}

Status ThriftCompactReader::ReadByte(int8_t* value) {
  if (pos_ >= size_) return Error("truncated byte");
  *value = static_cast<int8_t>(data_[pos_++]);
  return Status::OK();
}

Status ThriftCompactReader::ReadI16(int16_t* value) {
  int64_t v;
  AUTOMEND_RETURN_IF_ERROR(ReadVarintI64(&v));
  if (v < INT16_MIN || v > INT16_MAX) return Error("i16 out of range");
  *value = static_cast<int16_t>(v);
  return Status::OK();
}

Status ThriftCompactReader::ReadI32(int32_t* value) {
  int64_t v;
  AUTOMEND_RETURN_IF_ERROR(ReadVarintI64(&v));
  if (v < INT32_MIN || v > INT32_MAX) return Error("i32 out of range");
  *value = static_cast<int32_t>(v);
  return Status::OK();
}

Status ThriftCompactReader::ReadI64(int64_t* value) { return ReadVarintI64(value); }

Status ThriftCompactReader::ReadDouble(double* value) {
  if (remaining() < 8) return Error("truncated double");
  uint64_t bits = 0;
  for (int i = 7; i >= 0; --i) bits = (bits << 8) | data_[pos_ + static_cast<size_t>(i)];
  std::memcpy(value, &bits, sizeof(bits));
  pos_ += 8;
  return Status::OK();
}

Status ThriftCompactReader::ReadBinary(std::string_view* value) {
  uint64_t length;
  AUTOMEND_RETURN_IF_ERROR(ReadVarint(&length));
  if (length > remaining()) {
    return Error("binary of " + std::to_string(length) + " bytes is truncated");
  }
  *value =
      std::string_view(reinterpret_cast<const char*>(data_ + pos_), static_cast<size_t>(length));
  pos_ += static_cast<size_t>(length);
  return Status::OK();
}

Status ThriftCompactReader::ReadListHeader(ThriftType* element_type, uint32_t* size) {
  if (pos_ >= size_) return Error("truncated list header");
  uint8_t byte = data_[pos_++];
  uint8_t raw_type = byte & 0x0f;
  if (raw_type == 0 || raw_type > static_cast<uint8_t>(ThriftType::kUuid)) {
    return Error("unknown list element type " + std::to_string(raw_type));
  }
  uint64_t count = byte >> 4;
  if (count == 15) AUTOMEND_RETURN_IF_ERROR(ReadVarint(&count));
  // Every element takes at least one byte: a longer list cannot fit in what is left.
  if (count > remaining()) {
    return Error("list of " + std::to_string(count) + " elements is longer than the " +
                 std::to_string(remaining()) + " bytes left");
  }
  *element_type = static_cast<ThriftType>(raw_type);
  *size = static_cast<uint32_t>(count);
  return Status::OK();
}

Status ThriftCompactReader::ReadMapHeader(ThriftType* key_type, ThriftType* value_type,
                                          uint32_t* size) {
  uint64_t count;
  AUTOMEND_RETURN_IF_ERROR(ReadVarint(&count));
  if (count == 0) {
    *key_type = *value_type = ThriftType::kStop;
    *size = 0;
    return Status::OK();
  }
  if (pos_ >= size_) return Error("truncated map header");
  uint8_t types = data_[pos_++];
  uint8_t raw_key = types >> 4;
  uint8_t raw_value = types & 0x0f;
  constexpr uint8_t kMaxType = static_cast<uint8_t>(ThriftType::kUuid);
  if (raw_key == 0 || raw_key > kMaxType || raw_value == 0 || raw_value > kMaxType) {
    return Error("unknown map key/value type");
  }
  // Every entry takes at least two bytes (a key and a value).
  if (count > remaining() / 2) {
    return Error("map of " + std::to_string(count) + " entries is longer than the " +
                 std::to_string(remaining()) + " bytes left");
  }
  *key_type = static_cast<ThriftType>(raw_key);
  *value_type = static_cast<ThriftType>(raw_value);
  *size = static_cast<uint32_t>(count);
  return Status::OK();
}

Status ThriftCompactReader::ExpectType(ThriftType actual, ThriftType expected,
                                       const char* what) const {
  bool both_bool = (actual == ThriftType::kBoolTrue || actual == ThriftType::kBoolFalse) &&
                   (expected == ThriftType::kBoolTrue || expected == ThriftType::kBoolFalse);
  if (actual == expected || both_bool) return Status::OK();
  return Error(std::string(what) + " has wire type " + ThriftTypeName(actual) + ", expected " +
               ThriftTypeName(expected));
}

Status ThriftCompactReader::EnterContainer(int depth) const {
  if (depth >= max_depth_) return Error("nesting deeper than " + std::to_string(max_depth_));
  return Status::OK();
}

Status ThriftCompactReader::Skip(ThriftType type) {
  return SkipDepth(type, static_cast<int>(last_field_ids_.size()), /*is_element=*/false);
}

Status ThriftCompactReader::SkipDepth(ThriftType type, int depth, bool is_element) {
  switch (type) {
    case ThriftType::kStop:
      return Error("cannot skip a value of type stop");
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      // As a field the value is in the header; as an element it is one byte.
      return is_element ? SkipBytes(1) : Status::OK();
    case ThriftType::kByte:
      return SkipBytes(1);
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: {
      uint64_t ignored;
      return ReadVarint(&ignored);
    }
    case ThriftType::kDouble:
      return SkipBytes(8);
    case ThriftType::kUuid:
      return SkipBytes(16);
    case ThriftType::kBinary: {
      std::string_view ignored;
      return ReadBinary(&ignored);
    }
    case ThriftType::kList:
    case ThriftType::kSet: {
      AUTOMEND_RETURN_IF_ERROR(EnterContainer(depth));
      ThriftType element;
      uint32_t count;
      AUTOMEND_RETURN_IF_ERROR(ReadListHeader(&element, &count));
      for (uint32_t i = 0; i < count; ++i) {
        AUTOMEND_RETURN_IF_ERROR(SkipDepth(element, depth + 1, true));
      }
      return Status::OK();
    }
    case ThriftType::kMap: {
      AUTOMEND_RETURN_IF_ERROR(EnterContainer(depth));
      ThriftType key, value;
      uint32_t count;
      AUTOMEND_RETURN_IF_ERROR(ReadMapHeader(&key, &value, &count));
      for (uint32_t i = 0; i < count; ++i) {
        AUTOMEND_RETURN_IF_ERROR(SkipDepth(key, depth + 1, true));
        AUTOMEND_RETURN_IF_ERROR(SkipDepth(value, depth + 1, true));
      }
      return Status::OK();
    }
    case ThriftType::kStruct: {
      AUTOMEND_RETURN_IF_ERROR(EnterContainer(depth));
      // Field ids inside are deltas against this struct's own previous field.
      last_field_ids_.push_back(0);
      Status s;
      while (true) {
        int16_t id;
        ThriftType field_type;
        s = ReadFieldHeader(&id, &field_type);
        if (!s.ok() || field_type == ThriftType::kStop) break;
        s = SkipDepth(field_type, depth + 1, false);
        if (!s.ok()) break;
      }
      last_field_ids_.pop_back();
      return s;
    }
  }
  return Error("cannot skip unknown type");
}

}  // namespace automend::parquet
