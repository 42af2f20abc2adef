// Test helpers for the parquet reader (included by *_test.cc only): a Thrift compact
// protocol writer, serializers for the parquet_format.h structs, encoders for the
// RLE/bit-packed hybrid and PLAIN values, a builder of small parquet files from hand-made
// pages, and access to the committed fixture files under tests/data/parquet/. Writers here
// are deliberately simple and independent of the reader's code, so a test compares the
// reader against a second implementation instead of against itself.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sources/parquet/parquet_format.h"
#include "sources/parquet/thrift_compact_reader.h"

namespace automend::parquet::testing {

class ThriftWriter {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      bytes.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    bytes.push_back(static_cast<char>(v));
  }
  void ZigZag(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Binary(std::string_view s) {
    Varint(s.size());
    bytes.append(s);
  }
  void Byte(uint8_t b) { bytes.push_back(static_cast<char>(b)); }

  void FieldHeader(int16_t id, ThriftType type) {
    int delta = id - last_.back();
    if (delta > 0 && delta <= 15) {
      Byte(static_cast<uint8_t>(delta << 4 | static_cast<uint8_t>(type)));
    } else {
      Byte(static_cast<uint8_t>(type));
      ZigZag(id);
    }
    last_.back() = id;
  }
  void I32Field(int16_t id, int32_t v) { FieldHeader(id, ThriftType::kI32), ZigZag(v); }
  void I64Field(int16_t id, int64_t v) { FieldHeader(id, ThriftType::kI64), ZigZag(v); }
  void BinaryField(int16_t id, std::string_view v) {
    FieldHeader(id, ThriftType::kBinary), Binary(v);
  }
  void BoolField(int16_t id, bool v) {
    FieldHeader(id, v ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
  }
  // A struct as a field, or (BeginStruct) as a list element / top-level value.
  void BeginStructField(int16_t id) {
    FieldHeader(id, ThriftType::kStruct);
    BeginStruct();
  }
  void BeginStruct() { last_.push_back(0); }
  void EndStruct() {
    Byte(0);
    last_.pop_back();
  }
  void ListHeader(ThriftType element, uint32_t count) {
    if (count < 15) {
      Byte(static_cast<uint8_t>(count << 4 | static_cast<uint8_t>(element)));
    } else {
      Byte(static_cast<uint8_t>(0xf0 | static_cast<uint8_t>(element)));
      Varint(count);
    }
  }
  void ListField(int16_t id, ThriftType element, uint32_t count) {
    FieldHeader(id, ThriftType::kList);
    ListHeader(element, count);
  }

  std::string bytes;

 private:
  std::vector<int16_t> last_ = {0};
};

inline void WriteSchemaElement(ThriftWriter* w, const SchemaElement& e) {
  w->BeginStruct();
  if (e.type) w->I32Field(1, *e.type);
  if (e.type_length) w->I32Field(2, e.type_length);
  if (e.repetition) w->I32Field(3, *e.repetition);
  w->BinaryField(4, e.name);
  if (e.num_children) w->I32Field(5, e.num_children);
  if (e.converted_type) w->I32Field(6, *e.converted_type);
  if (e.logical_type) {
    w->BeginStructField(10);
    w->BeginStructField(static_cast<int16_t>(e.logical_type));
    w->EndStruct();
    w->EndStruct();
  }
  w->EndStruct();
}

inline void WriteColumnMetaData(ThriftWriter* w, const ColumnMetaData& m) {
  w->I32Field(1, m.type);
  w->ListField(2, ThriftType::kI32, static_cast<uint32_t>(m.encodings.size()));
  for (int32_t e : m.encodings) w->ZigZag(e);
  w->ListField(3, ThriftType::kBinary, static_cast<uint32_t>(m.path_in_schema.size()));
  for (const std::string& p : m.path_in_schema) w->Binary(p);
  w->I32Field(4, m.codec);
  w->I64Field(5, m.num_values);
  w->I64Field(6, m.total_uncompressed_size);
  w->I64Field(7, m.total_compressed_size);
  w->I64Field(9, m.data_page_offset);
  if (m.dictionary_page_offset) w->I64Field(11, *m.dictionary_page_offset);
}

inline std::string SerializeFileMetaData(const FileMetaData& meta) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, meta.version);
  w.ListField(2, ThriftType::kStruct, static_cast<uint32_t>(meta.schema.size()));
  for (const SchemaElement& e : meta.schema) WriteSchemaElement(&w, e);
  w.I64Field(3, meta.num_rows);
  w.ListField(4, ThriftType::kStruct, static_cast<uint32_t>(meta.row_groups.size()));
  for (const RowGroup& g : meta.row_groups) {
    w.BeginStruct();
    w.ListField(1, ThriftType::kStruct, static_cast<uint32_t>(g.columns.size()));
    for (const ColumnChunk& c : g.columns) {
      w.BeginStruct();
      w.I64Field(2, c.file_offset);
      if (c.meta_data) {
        w.BeginStructField(3);
        WriteColumnMetaData(&w, *c.meta_data);
        w.EndStruct();
      }
      w.EndStruct();
    }
    w.I64Field(2, g.total_byte_size);
    w.I64Field(3, g.num_rows);
    w.EndStruct();
  }
  if (!meta.created_by.empty()) w.BinaryField(6, meta.created_by);
  w.EndStruct();
  return w.bytes;
}

inline std::string SerializePageHeader(const PageHeader& h) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, h.type);
  w.I32Field(2, h.uncompressed_page_size);
  w.I32Field(3, h.compressed_page_size);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.BeginStructField(5);
    w.I32Field(1, d.num_values);
    w.I32Field(2, d.encoding);
    w.I32Field(3, d.definition_level_encoding);
    w.I32Field(4, d.repetition_level_encoding);
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    w.BeginStructField(7);
    w.I32Field(1, h.dictionary_page_header->num_values);
    w.I32Field(2, h.dictionary_page_header->encoding);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.BeginStructField(8);
    w.I32Field(1, d.num_values);
    w.I32Field(2, d.num_nulls);
    w.I32Field(3, d.num_rows);
    w.I32Field(4, d.encoding);
    w.I32Field(5, d.definition_levels_byte_length);
    w.I32Field(6, d.repetition_levels_byte_length);
    if (!d.is_compressed) w.BoolField(7, false);
    w.EndStruct();
  }
  w.EndStruct();
  return w.bytes;
}

// --- value and level encoders ---------------------------------------------------------

inline std::string Le32(uint32_t v) {
  std::string s(4, '\0');
  std::memcpy(s.data(), &v, 4);
  return s;
}

inline void AppendUleb(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// One RLE run of `count` copies of `value`.
inline std::string RleRun(uint32_t value, uint64_t count, int bit_width) {
  std::string out;
  AppendUleb(&out, count << 1);
  for (int i = 0; i < (bit_width + 7) / 8; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}

// One bit-packed run of `values` (padded with zeros to a multiple of 8), packed bit by bit.
inline std::string BitPackedRun(std::vector<uint32_t> values, int bit_width) {
  while (values.size() % 8 != 0) values.push_back(0);
  std::string out;
  AppendUleb(&out, (values.size() / 8) << 1 | 1);
  std::vector<uint8_t> packed(values.size() * static_cast<size_t>(bit_width) / 8, 0);
  size_t bit = 0;
  for (uint32_t v : values) {
    for (int b = 0; b < bit_width; ++b, ++bit) {
      if ((v >> b) & 1) packed[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
  }
  out.append(packed.begin(), packed.end());
  return out;
}

// Levels as one bit-packed run (what writers use for short, varied runs).
inline std::string Levels(const std::vector<uint32_t>& levels, int bit_width) {
  return BitPackedRun(levels, bit_width);
}

inline std::string PlainByteArrays(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += Le32(static_cast<uint32_t>(v.size())) + v;
  return out;
}

inline std::string PlainInt64s(const std::vector<int64_t>& values) {
  std::string out(values.size() * 8, '\0');
  if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

// --- pages and files ------------------------------------------------------------------

// An uncompressed data page v1 with the given level and value sections.
inline std::string DataPageV1(int32_t num_values, int32_t encoding, const std::string& rep_levels,
                              const std::string& def_levels, const std::string& values,
                              int32_t level_encoding = kRle) {
  std::string body;
  if (!rep_levels.empty()) body += Le32(static_cast<uint32_t>(rep_levels.size())) + rep_levels;
  if (!def_levels.empty()) body += Le32(static_cast<uint32_t>(def_levels.size())) + def_levels;
  body += values;
  PageHeader h;
  h.type = kDataPage;
  h.uncompressed_page_size = h.compressed_page_size = static_cast<int32_t>(body.size());
  h.data_page_header = DataPageHeader{num_values, encoding, level_encoding, level_encoding};
  return SerializePageHeader(h) + body;
}

inline std::string DataPageV2(int32_t num_values, int32_t num_rows, int32_t encoding,
                              const std::string& rep_levels, const std::string& def_levels,
                              const std::string& values) {
  PageHeader h;
  h.type = kDataPageV2;
  h.uncompressed_page_size = h.compressed_page_size =
      static_cast<int32_t>(rep_levels.size() + def_levels.size() + values.size());
  DataPageHeaderV2 d;
  d.num_values = num_values;
  d.num_rows = num_rows;
  d.encoding = encoding;
  d.definition_levels_byte_length = static_cast<int32_t>(def_levels.size());
  d.repetition_levels_byte_length = static_cast<int32_t>(rep_levels.size());
  d.is_compressed = false;
  h.data_page_header_v2 = d;
  return SerializePageHeader(h) + rep_levels + def_levels + values;
}

inline std::string DictionaryPage(int32_t num_values, const std::string& values) {
  PageHeader h;
  h.type = kDictionaryPage;
  h.uncompressed_page_size = h.compressed_page_size = static_cast<int32_t>(values.size());
  h.dictionary_page_header = DictionaryPageHeader{num_values, kPlain};
  return SerializePageHeader(h) + values;
}

inline SchemaElement Root(int32_t children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

inline SchemaElement Leaf(const std::string& name, int32_t type, int32_t repetition,
                          std::optional<int32_t> converted = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.type = type;
  e.repetition = repetition;
  e.converted_type = converted;
  return e;
}

inline SchemaElement Group(const std::string& name, int32_t repetition, int32_t children,
                           std::optional<int32_t> converted = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.repetition = repetition;
  e.num_children = children;
  e.converted_type = converted;
  return e;
}

// One column chunk for FileBuilder: its pages' bytes (dictionary page first, if any).
struct TestChunk {
  int32_t type = kByteArray;
  std::vector<std::string> path;
  int64_t num_values = 0;
  std::string pages;
  bool has_dictionary_page = false;
  int32_t codec = kUncompressed;
};

// A parquet file: "PAR1", every row group's chunks in order, the footer. Offsets and
// sizes in the footer are computed from the chunks' bytes.
inline std::string BuildFile(const std::vector<SchemaElement>& schema,
                             const std::vector<std::vector<TestChunk>>& row_groups,
                             const std::vector<int64_t>& rows_per_group) {
  std::string file = "PAR1";
  FileMetaData meta;
  meta.version = 1;
  meta.schema = schema;
  meta.created_by = "automend parquet_test_util";
  for (size_t g = 0; g < row_groups.size(); ++g) {
    RowGroup group;
    group.num_rows = rows_per_group[g];
    meta.num_rows += group.num_rows;
    for (const TestChunk& c : row_groups[g]) {
      ColumnChunk chunk;
      ColumnMetaData m;
      m.type = c.type;
      m.encodings = {kPlain, kRle};
      m.path_in_schema = c.path;
      m.codec = c.codec;
      m.num_values = c.num_values;
      m.total_compressed_size = m.total_uncompressed_size = static_cast<int64_t>(c.pages.size());
      m.data_page_offset = static_cast<int64_t>(file.size());
      if (c.has_dictionary_page) m.dictionary_page_offset = static_cast<int64_t>(file.size());
      chunk.file_offset = m.data_page_offset;
      chunk.meta_data = m;
      group.columns.push_back(chunk);
      group.total_byte_size += m.total_uncompressed_size;
      file += c.pages;
    }
    meta.row_groups.push_back(group);
  }
  std::string footer = SerializeFileMetaData(meta);
  return file + footer + Le32(static_cast<uint32_t>(footer.size())) + "PAR1";
}

// --- fixtures -------------------------------------------------------------------------

inline std::string FixturePath(const std::string& name) {
  return std::string(AUTOMEND_SOURCE_DIR) + "/tests/data/parquet/" + name;
}

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << FixturePath(name)
                         << " (regenerate with tests/data/parquet/make_fixtures.py)";
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace automend::parquet::testing
