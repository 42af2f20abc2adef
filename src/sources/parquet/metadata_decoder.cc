#include "sources/parquet/metadata_decoder.h"

#include <string>

#include "sources/parquet/thrift_compact_reader.h"

namespace automend::parquet {
namespace {

using Reader = ThriftCompactReader;

// Runs `on_field(id, type, &known)` for every field of a struct; fields the callback does
// not know are skipped.
template <typename Fn>
Status ReadStruct(Reader* r, Fn&& on_field) {
  AUTOMEND_RETURN_IF_ERROR(r->BeginStruct());
  Status s;
  while (true) {
    int16_t id;
    ThriftType type;
    s = r->ReadFieldHeader(&id, &type);
    if (!s.ok() || type == ThriftType::kStop) break;
    bool known = true;
    s = on_field(id, type, &known);
    if (!s.ok()) break;
    if (!known) {
      s = r->Skip(type);
      if (!s.ok()) break;
    }
  }
  r->EndStruct();
  return s;
}

Status I32Field(Reader* r, ThriftType type, const char* what, int32_t* out) {
  AUTOMEND_RETURN_IF_ERROR(r->ExpectType(type, ThriftType::kI32, what));
  return r->ReadI32(out);
}

Status I64Field(Reader* r, ThriftType type, const char* what, int64_t* out) {
  AUTOMEND_RETURN_IF_ERROR(r->ExpectType(type, ThriftType::kI64, what));
  return r->ReadI64(out);
}

Status StringField(Reader* r, ThriftType type, const char* what, std::string* out) {
  AUTOMEND_RETURN_IF_ERROR(r->ExpectType(type, ThriftType::kBinary, what));
  std::string_view v;
  AUTOMEND_RETURN_IF_ERROR(r->ReadBinary(&v));
  out->assign(v);
  return Status::OK();
}

// Reads a list field whose elements must have `element_type`, calling `on_element()` once
// per element after reserving room through `reserve(count)`.
template <typename Reserve, typename Fn>
Status ListField(Reader* r, ThriftType type, ThriftType element_type, const char* what,
                 Reserve&& reserve, Fn&& on_element) {
  AUTOMEND_RETURN_IF_ERROR(r->ExpectType(type, ThriftType::kList, what));
  ThriftType actual;
  uint32_t count;
  AUTOMEND_RETURN_IF_ERROR(r->ReadListHeader(&actual, &count));
  AUTOMEND_RETURN_IF_ERROR(r->ExpectType(actual, element_type, what));
  reserve(count);
  for (uint32_t i = 0; i < count; ++i) AUTOMEND_RETURN_IF_ERROR(on_element());
  return Status::OK();
}

Status Missing(const char* what) {
  return Status::Corruption(std::string("thrift: required field ") + what + " is missing");
}

// Required fields are tracked as bits of a mask.
class Required {
 public:
  void Saw(int bit) { seen_ |= 1u << bit; }
  Status Check(int bit, const char* what) const {
    return (seen_ & (1u << bit)) != 0 ? Status::OK() : Missing(what);
  }

 private:
  uint32_t seen_ = 0;
};

Status DecodeLogicalType(Reader* r, int32_t* out) {
  // A union: the id of the (single) field present names the logical type.
  return ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    *out = id;
    *known = false;  // the member struct (its parameters) is skipped
    return r->ExpectType(type, ThriftType::kStruct, "LogicalType member");
  });
}

Status DecodeSchemaElement(Reader* r, SchemaElement* e) {
  Required req;
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    int32_t v;
    switch (id) {
      case 1:
        AUTOMEND_RETURN_IF_ERROR(I32Field(r, type, "SchemaElement.type", &v));
        e->type = v;
        return Status::OK();
      case 2:
        return I32Field(r, type, "SchemaElement.type_length", &e->type_length);
      case 3:
        AUTOMEND_RETURN_IF_ERROR(I32Field(r, type, "SchemaElement.repetition_type", &v));
        e->repetition = v;
        return Status::OK();
      case 4:
        req.Saw(0);
        return StringField(r, type, "SchemaElement.name", &e->name);
      case 5:
        return I32Field(r, type, "SchemaElement.num_children", &e->num_children);
      case 6:
        AUTOMEND_RETURN_IF_ERROR(I32Field(r, type, "SchemaElement.converted_type", &v));
        e->converted_type = v;
        return Status::OK();
      case 10:
        AUTOMEND_RETURN_IF_ERROR(
            r->ExpectType(type, ThriftType::kStruct, "SchemaElement.logicalType"));
        return DecodeLogicalType(r, &e->logical_type);
      default:
        *known = false;
        return Status::OK();
    }
  });
  if (!status.ok()) return status;
  return req.Check(0, "SchemaElement.name");
}

Status DecodeColumnMetaData(Reader* r, ColumnMetaData* m) {
  Required req;
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return I32Field(r, type, "ColumnMetaData.type", &m->type);
      case 2:
        req.Saw(2);
        return ListField(
            r, type, ThriftType::kI32, "ColumnMetaData.encodings",
            [&](uint32_t n) { m->encodings.reserve(n); },
            [&] {
              int32_t v;
              AUTOMEND_RETURN_IF_ERROR(r->ReadI32(&v));
              m->encodings.push_back(v);
              return Status::OK();
            });
      case 3:
        req.Saw(3);
        return ListField(
            r, type, ThriftType::kBinary, "ColumnMetaData.path_in_schema",
            [&](uint32_t n) { m->path_in_schema.reserve(n); },
            [&] {
              std::string_view v;
              AUTOMEND_RETURN_IF_ERROR(r->ReadBinary(&v));
              m->path_in_schema.emplace_back(v);
              return Status::OK();
            });
      case 4:
        req.Saw(4);
        return I32Field(r, type, "ColumnMetaData.codec", &m->codec);
      case 5:
        req.Saw(5);
        return I64Field(r, type, "ColumnMetaData.num_values", &m->num_values);
      case 6:
        req.Saw(6);
        return I64Field(r, type, "ColumnMetaData.total_uncompressed_size",
                        &m->total_uncompressed_size);
      case 7:
        req.Saw(7);
        return I64Field(r, type, "ColumnMetaData.total_compressed_size", &m->total_compressed_size);
      case 9:
        req.Saw(9);
        return I64Field(r, type, "ColumnMetaData.data_page_offset", &m->data_page_offset);
      case 10: {
        int64_t v;
        AUTOMEND_RETURN_IF_ERROR(I64Field(r, type, "ColumnMetaData.index_page_offset", &v));
        m->index_page_offset = v;
        return Status::OK();
      }
      case 11: {
        int64_t v;
        AUTOMEND_RETURN_IF_ERROR(I64Field(r, type, "ColumnMetaData.dictionary_page_offset", &v));
        m->dictionary_page_offset = v;
        return Status::OK();
      }
      default:
        *known = false;
        return Status::OK();  // statistics, encoding_stats, ...
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "ColumnMetaData.type"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(2, "ColumnMetaData.encodings"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(3, "ColumnMetaData.path_in_schema"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(4, "ColumnMetaData.codec"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(5, "ColumnMetaData.num_values"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(6, "ColumnMetaData.total_uncompressed_size"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(7, "ColumnMetaData.total_compressed_size"));
  return req.Check(9, "ColumnMetaData.data_page_offset");
}

Status DecodeColumnChunk(Reader* r, ColumnChunk* c) {
  // file_offset is required by the spec, but nothing here depends on it (readers ignore
  // it; some writers get it wrong), so its absence is not checked.
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1: {
        std::string path;
        AUTOMEND_RETURN_IF_ERROR(StringField(r, type, "ColumnChunk.file_path", &path));
        c->file_path = std::move(path);
        return Status::OK();
      }
      case 2:
        return I64Field(r, type, "ColumnChunk.file_offset", &c->file_offset);
      case 3:
        AUTOMEND_RETURN_IF_ERROR(r->ExpectType(type, ThriftType::kStruct, "ColumnChunk.meta_data"));
        c->meta_data.emplace();
        return DecodeColumnMetaData(r, &*c->meta_data);
      case 8:
      case 9:
        c->encrypted = true;
        *known = false;
        return Status::OK();
      default:
        *known = false;
        return Status::OK();
    }
  });
  if (!status.ok()) return status;
  return Status::OK();
}

Status DecodeRowGroup(Reader* r, RowGroup* g) {
  Required req;
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return ListField(
            r, type, ThriftType::kStruct, "RowGroup.columns",
            [&](uint32_t n) { g->columns.reserve(n); },
            [&] {
              g->columns.emplace_back();
              return DecodeColumnChunk(r, &g->columns.back());
            });
      case 2:
        req.Saw(2);
        return I64Field(r, type, "RowGroup.total_byte_size", &g->total_byte_size);
      case 3:
        req.Saw(3);
        return I64Field(r, type, "RowGroup.num_rows", &g->num_rows);
      default:
        *known = false;
        return Status::OK();
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "RowGroup.columns"));
  return req.Check(3, "RowGroup.num_rows");
}

Status DecodeKeyValue(Reader* r, std::pair<std::string, std::string>* kv) {
  return ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        return StringField(r, type, "KeyValue.key", &kv->first);
      case 2:
        return StringField(r, type, "KeyValue.value", &kv->second);
      default:
        *known = false;
        return Status::OK();
    }
  });
}

Status DecodeDataPageHeader(Reader* r, DataPageHeader* h) {
  Required req;
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return I32Field(r, type, "DataPageHeader.num_values", &h->num_values);
      case 2:
        req.Saw(2);
        return I32Field(r, type, "DataPageHeader.encoding", &h->encoding);
      case 3:
        req.Saw(3);
        return I32Field(r, type, "DataPageHeader.definition_level_encoding",
                        &h->definition_level_encoding);
      case 4:
        req.Saw(4);
        return I32Field(r, type, "DataPageHeader.repetition_level_encoding",
                        &h->repetition_level_encoding);
      default:
        *known = false;
        return Status::OK();  // statistics
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "DataPageHeader.num_values"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(2, "DataPageHeader.encoding"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(3, "DataPageHeader.definition_level_encoding"));
  return req.Check(4, "DataPageHeader.repetition_level_encoding");
}

Status DecodeDictionaryPageHeader(Reader* r, DictionaryPageHeader* h) {
  Required req;
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return I32Field(r, type, "DictionaryPageHeader.num_values", &h->num_values);
      case 2:
        req.Saw(2);
        return I32Field(r, type, "DictionaryPageHeader.encoding", &h->encoding);
      default:
        *known = false;
        return Status::OK();  // is_sorted
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "DictionaryPageHeader.num_values"));
  return req.Check(2, "DictionaryPageHeader.encoding");
}

Status DecodeDataPageHeaderV2(Reader* r, DataPageHeaderV2* h) {
  Required req;
  Status status = ReadStruct(r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return I32Field(r, type, "DataPageHeaderV2.num_values", &h->num_values);
      case 2:
        req.Saw(2);
        return I32Field(r, type, "DataPageHeaderV2.num_nulls", &h->num_nulls);
      case 3:
        req.Saw(3);
        return I32Field(r, type, "DataPageHeaderV2.num_rows", &h->num_rows);
      case 4:
        req.Saw(4);
        return I32Field(r, type, "DataPageHeaderV2.encoding", &h->encoding);
      case 5:
        req.Saw(5);
        return I32Field(r, type, "DataPageHeaderV2.definition_levels_byte_length",
                        &h->definition_levels_byte_length);
      case 6:
        req.Saw(6);
        return I32Field(r, type, "DataPageHeaderV2.repetition_levels_byte_length",
                        &h->repetition_levels_byte_length);
      case 7:
        AUTOMEND_RETURN_IF_ERROR(
            r->ExpectType(type, ThriftType::kBoolTrue, "DataPageHeaderV2.is_compressed"));
        return Reader::BoolFromFieldType(type, &h->is_compressed);
      default:
        *known = false;
        return Status::OK();  // statistics
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "DataPageHeaderV2.num_values"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(2, "DataPageHeaderV2.num_nulls"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(3, "DataPageHeaderV2.num_rows"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(4, "DataPageHeaderV2.encoding"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(5, "DataPageHeaderV2.definition_levels_byte_length"));
  return req.Check(6, "DataPageHeaderV2.repetition_levels_byte_length");
}

}  // namespace

Status DecodeFileMetaData(std::string_view bytes, FileMetaData* out) {
  *out = FileMetaData();
  Reader r(bytes);
  Required req;
  Status status = ReadStruct(&r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return I32Field(&r, type, "FileMetaData.version", &out->version);
      case 2:
        req.Saw(2);
        return ListField(
            &r, type, ThriftType::kStruct, "FileMetaData.schema",
            [&](uint32_t n) { out->schema.reserve(n); },
            [&] {
              out->schema.emplace_back();
              return DecodeSchemaElement(&r, &out->schema.back());
            });
      case 3:
        req.Saw(3);
        return I64Field(&r, type, "FileMetaData.num_rows", &out->num_rows);
      case 4:
        req.Saw(4);
        return ListField(
            &r, type, ThriftType::kStruct, "FileMetaData.row_groups",
            [&](uint32_t n) { out->row_groups.reserve(n); },
            [&] {
              out->row_groups.emplace_back();
              return DecodeRowGroup(&r, &out->row_groups.back());
            });
      case 5:
        return ListField(
            &r, type, ThriftType::kStruct, "FileMetaData.key_value_metadata",
            [&](uint32_t n) { out->key_value_metadata.reserve(n); },
            [&] {
              out->key_value_metadata.emplace_back();
              return DecodeKeyValue(&r, &out->key_value_metadata.back());
            });
      case 6:
        return StringField(&r, type, "FileMetaData.created_by", &out->created_by);
      case 8:
        out->encrypted = true;
        *known = false;
        return Status::OK();
      default:
        *known = false;
        return Status::OK();  // column_orders, signing key, ...
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "FileMetaData.version"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(2, "FileMetaData.schema"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(3, "FileMetaData.num_rows"));
  return req.Check(4, "FileMetaData.row_groups");
}

Status DecodePageHeader(const uint8_t* data, size_t size, PageHeader* out, size_t* header_size) {
  *out = PageHeader();
  Reader r(data, size);
  Required req;
  Status status = ReadStruct(&r, [&](int16_t id, ThriftType type, bool* known) {
    switch (id) {
      case 1:
        req.Saw(1);
        return I32Field(&r, type, "PageHeader.type", &out->type);
      case 2:
        req.Saw(2);
        return I32Field(&r, type, "PageHeader.uncompressed_page_size",
                        &out->uncompressed_page_size);
      case 3:
        req.Saw(3);
        return I32Field(&r, type, "PageHeader.compressed_page_size", &out->compressed_page_size);
      case 5:
        AUTOMEND_RETURN_IF_ERROR(
            r.ExpectType(type, ThriftType::kStruct, "PageHeader.data_page_header"));
        out->data_page_header.emplace();
        return DecodeDataPageHeader(&r, &*out->data_page_header);
      case 7:
        AUTOMEND_RETURN_IF_ERROR(
            r.ExpectType(type, ThriftType::kStruct, "PageHeader.dictionary_page_header"));
        out->dictionary_page_header.emplace();
        return DecodeDictionaryPageHeader(&r, &*out->dictionary_page_header);
      case 8:
        AUTOMEND_RETURN_IF_ERROR(
            r.ExpectType(type, ThriftType::kStruct, "PageHeader.data_page_header_v2"));
        out->data_page_header_v2.emplace();
        return DecodeDataPageHeaderV2(&r, &*out->data_page_header_v2);
      default:
        *known = false;
        return Status::OK();  // crc, index_page_header
    }
  });
  if (!status.ok()) return status;
  AUTOMEND_RETURN_IF_ERROR(req.Check(1, "PageHeader.type"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(2, "PageHeader.uncompressed_page_size"));
  AUTOMEND_RETURN_IF_ERROR(req.Check(3, "PageHeader.compressed_page_size"));
  *header_size = r.position();
  return Status::OK();
}

}  // namespace automend::parquet
