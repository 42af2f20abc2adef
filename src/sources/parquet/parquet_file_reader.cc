#include "sources/parquet/parquet_file_reader.h"

#include "sources/parquet/column_chunk_decoder.h"
#include "sources/parquet/footer.h"
#include "sources/parquet/metadata_decoder.h"

namespace automend::parquet {

Status ParquetFileReader::Open(std::unique_ptr<RandomAccessFile> file,
                               const ParquetReaderOptions& options,
                               std::unique_ptr<ParquetFileReader>* reader) {
  std::unique_ptr<ParquetFileReader> r(new ParquetFileReader());
  r->file_ = std::move(file);
  r->options_ = options;
  AUTOMEND_RETURN_IF_ERROR(ReadFooter(*r->file_, options, &r->metadata_, &r->footer_start_));
  if (r->metadata_.encrypted) {
    return Status::NotSupported(r->name() + ": encrypted parquet files");
  }
  Status s = ParquetSchema::Build(r->metadata_.schema, &r->schema_);
  if (!s.ok()) return s.WithContext(r->name() + ": schema");
  AUTOMEND_RETURN_IF_ERROR(r->Validate());
  *reader = std::move(r);
  return Status::OK();
}

Status ParquetFileReader::Validate() const {
  auto corrupt = [&](const std::string& what) {
    return Status::Corruption(name() + " is not a valid parquet file: " + what);
  };
  if (metadata_.num_rows < 0) return corrupt("negative row count");
  int64_t total = 0;
  for (size_t i = 0; i < metadata_.row_groups.size(); ++i) {
    const RowGroup& g = metadata_.row_groups[i];
    std::string where = "row group " + std::to_string(i);
    if (g.num_rows < 0) return corrupt(where + " has a negative row count");
    if (g.columns.size() != schema_.leaves().size()) {
      return corrupt(where + " has " + std::to_string(g.columns.size()) +
                     " column chunks; the schema has " + std::to_string(schema_.leaves().size()) +
                     " leaf columns");
    }
    if (g.num_rows > INT64_MAX - total) return corrupt("row counts overflow");
    total += g.num_rows;
  }
  if (total != metadata_.num_rows) {
    return corrupt("row groups hold " + std::to_string(total) + " rows; the footer says " +
                   std::to_string(metadata_.num_rows));
  }
  return Status::OK();
}

int64_t ParquetFileReader::row_group_num_rows(int row_group) const {
  if (row_group < 0 || row_group >= num_row_groups()) return 0;
  return metadata_.row_groups[static_cast<size_t>(row_group)].num_rows;
}

std::vector<int64_t> ParquetFileReader::row_group_sizes() const {
  std::vector<int64_t> sizes;
  sizes.reserve(metadata_.row_groups.size());
  for (const RowGroup& g : metadata_.row_groups) sizes.push_back(g.num_rows);
  return sizes;
}

Status ParquetFileReader::FindFields(const std::vector<std::string>& names,
                                     std::vector<int>* fields) const {
  fields->clear();
  for (const std::string& n : names) {
    int f = schema_.FindField(n);
    if (f < 0) return Status::InvalidArgument(name() + " has no column '" + n + "'");
    fields->push_back(f);
  }
  return Status::OK();
}

std::string ParquetFileReader::Where(int row_group, int field) const {
  std::string where = name() + ", row group " + std::to_string(row_group);
  if (field >= 0 && static_cast<size_t>(field) < schema_.fields().size()) {
    where += ", column '" + schema_.fields()[static_cast<size_t>(field)].name + "'";
  }
  return where;
}

Status ParquetFileReader::ColumnChunkRange(int row_group, int field, uint64_t* offset,
                                           uint64_t* length) const {
  if (row_group < 0 || row_group >= num_row_groups()) {
    return Status::InvalidArgument(name() + " has no row group " + std::to_string(row_group) +
                                   " (it has " + std::to_string(num_row_groups()) + ")");
  }
  if (field < 0 || static_cast<size_t>(field) >= schema_.fields().size()) {
    return Status::InvalidArgument(name() + " has no field " + std::to_string(field));
  }
  const Field& f = schema_.fields()[static_cast<size_t>(field)];
  if (f.shape == FieldShape::kUnsupported) {
    return Status::NotSupported("column '" + f.name + "' is a " + f.unsupported_reason +
                                " (supported: primitive columns and lists of primitives)");
  }
  const ColumnChunk& chunk =
      metadata_.row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(f.leaf)];
  if (chunk.file_path) {
    return Status::NotSupported("column chunk stored in another file ('" + *chunk.file_path + "')");
  }
  if (chunk.encrypted) return Status::NotSupported("encrypted column chunk");
  if (!chunk.meta_data) return Status::Corruption("column chunk without metadata");
  const ColumnMetaData& m = *chunk.meta_data;
  const std::vector<std::string>& path = schema_.leaves()[static_cast<size_t>(f.leaf)].path;
  if (m.path_in_schema != path) {
    return Status::Corruption("column chunk's path_in_schema does not match the schema");
  }
  // The chunk starts at its dictionary page when it has one. Some writers put 0 there
  // when there is none, so only an offset before the first data page counts.
  int64_t start = m.data_page_offset;
  if (m.dictionary_page_offset && *m.dictionary_page_offset > 0 &&
      *m.dictionary_page_offset < start) {
    start = *m.dictionary_page_offset;
  }
  if (start < 0 || m.total_compressed_size < 0 || static_cast<uint64_t>(start) > footer_start_ ||
      static_cast<uint64_t>(m.total_compressed_size) >
          footer_start_ - static_cast<uint64_t>(start)) {
    return Status::Corruption("column chunk at offset " + std::to_string(start) + " with " +
                              std::to_string(m.total_compressed_size) +
                              " bytes lies outside the file's data (which ends at byte " +
                              std::to_string(footer_start_) + ")");
  }
  if (static_cast<uint64_t>(m.total_compressed_size) > options_.max_column_chunk_bytes) {
    return Status::Corruption("column chunk of " + std::to_string(m.total_compressed_size) +
                              " bytes exceeds the limit of " +
                              std::to_string(options_.max_column_chunk_bytes));
  }
  *offset = static_cast<uint64_t>(start);
  *length = static_cast<uint64_t>(m.total_compressed_size);
  return Status::OK();
}

Status ParquetFileReader::ReadField(int row_group, int field, ColumnBatch* out) const {
  uint64_t offset, length;
  AUTOMEND_RETURN_IF_ERROR(ColumnChunkRange(row_group, field, &offset, &length));
  auto bytes = std::make_unique<std::string>();
  AUTOMEND_RETURN_IF_ERROR(file_->ReadAt(offset, static_cast<size_t>(length), bytes.get()));
  const Field& f = schema_.fields()[static_cast<size_t>(field)];
  const RowGroup& g = metadata_.row_groups[static_cast<size_t>(row_group)];
  return DecodeColumnChunk(f, schema_.leaves()[static_cast<size_t>(f.leaf)],
                           *g.columns[static_cast<size_t>(f.leaf)].meta_data, g.num_rows, options_,
                           std::move(bytes), out);
}

Status ParquetFileReader::DescribePages(int row_group, int field,
                                        std::vector<PageSummary>* pages) const {
  pages->clear();
  uint64_t offset, length;
  std::string chunk;
  Status s = ColumnChunkRange(row_group, field, &offset, &length);
  if (s.ok()) s = file_->ReadAt(offset, static_cast<size_t>(length), &chunk);
  const auto* data = reinterpret_cast<const uint8_t*>(chunk.data());
  size_t pos = 0;
  while (s.ok() && pos < chunk.size()) {
    PageHeader h;
    size_t header_size;
    s = DecodePageHeader(data + pos, chunk.size() - pos, &h, &header_size);
    if (!s.ok()) break;
    PageSummary p;
    p.offset = offset + pos;
    p.type = h.type;
    p.compressed_size = h.compressed_page_size;
    p.uncompressed_size = h.uncompressed_page_size;
    if (h.data_page_header) {
      p.encoding = h.data_page_header->encoding;
      p.num_values = h.data_page_header->num_values;
    } else if (h.data_page_header_v2) {
      p.encoding = h.data_page_header_v2->encoding;
      p.num_values = h.data_page_header_v2->num_values;
    } else if (h.dictionary_page_header) {
      p.encoding = h.dictionary_page_header->encoding;
      p.num_values = h.dictionary_page_header->num_values;
    }
    pages->push_back(p);
    if (h.compressed_page_size < 0 ||
        static_cast<size_t>(h.compressed_page_size) > chunk.size() - pos - header_size) {
      s = Status::Corruption("page at byte " + std::to_string(pos) +
                             " runs past the end of the column chunk");
      break;
    }
    pos += header_size + static_cast<size_t>(h.compressed_page_size);
  }
  if (!s.ok()) return s.WithContext(Where(row_group, field));
  return Status::OK();
}

Status ParquetFileReader::ReadRowGroup(int row_group, const std::vector<int>& fields,
                                       std::vector<ColumnBatch>* out) const {
  out->clear();
  out->resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    Status s = ReadField(row_group, fields[i], &(*out)[i]);
    if (!s.ok()) {
      out->clear();
      return s.WithContext(Where(row_group, fields[i]));
    }
  }
  return Status::OK();
}

}  // namespace automend::parquet
