// ParquetFileReader: the project's own reader of one parquet file (Apache Arrow is not a
// dependency). Open() reads and checks the footer; ReadRowGroup() decodes chosen top-level
// fields of one row group into ColumnBatches. All IO goes through RandomAccessFile, so a
// local file and the hub's HTTP range reader work alike: the footer costs one read of the
// tail (two when it is large) and each needed column chunk one read. Memory stays bounded
// by one row group's requested column chunks.
//
// Errors name the file, and for column data the row group and column; a corrupt file is a
// Corruption status, a valid feature this reader lacks (an encoding, a codec, a nested
// type) a NotSupported status naming it. Neither ever crashes or allocates without bound.
//
// Thread-safety: immutable after Open(); ReadRowGroup() may be called from several threads
// at once (RandomAccessFile implementations are thread-safe).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/io/random_access_file.h"
#include "core/status.h"
#include "sources/parquet/column_batch.h"
#include "sources/parquet/parquet_format.h"
#include "sources/parquet/parquet_reader_options.h"
#include "sources/parquet/schema.h"

namespace automend::parquet {

// One page of a column chunk, as its header describes it (for tools and tests).
struct PageSummary {
  uint64_t offset = 0;   // of the page header, within the file
  int32_t type = 0;      // PageType
  int32_t encoding = 0;  // of the values
  int32_t num_values = 0;
  int32_t compressed_size = 0;
  int32_t uncompressed_size = 0;
};

class ParquetFileReader {
 public:
  static Status Open(std::unique_ptr<RandomAccessFile> file, const ParquetReaderOptions& options,
                     std::unique_ptr<ParquetFileReader>* reader);

  const std::string& name() const { return file_->Name(); }
  uint64_t file_size() const { return file_->Size(); }
  int64_t num_rows() const { return metadata_.num_rows; }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t row_group_num_rows(int row_group) const;
  // Rows of every row group, in order.
  std::vector<int64_t> row_group_sizes() const;
  const std::string& created_by() const { return metadata_.created_by; }
  const FileMetaData& metadata() const { return metadata_; }
  const ParquetSchema& schema() const { return schema_; }

  // Top-level field indices for `names`; InvalidArgument naming the first one missing.
  Status FindFields(const std::vector<std::string>& names, std::vector<int>* fields) const;

  // Decodes `fields` (indices into schema().fields()) of row group `row_group` into `out`,
  // one batch per field in the same order.
  Status ReadRowGroup(int row_group, const std::vector<int>& fields,
                      std::vector<ColumnBatch>* out) const;

  // The pages of the column chunk carrying `field`'s values in `row_group`.
  Status DescribePages(int row_group, int field, std::vector<PageSummary>* pages) const;

  // Where the column chunk carrying `field`'s values in `row_group` lies in the file.
  Status ColumnChunkRange(int row_group, int field, uint64_t* offset, uint64_t* length) const;

 private:
  ParquetFileReader() = default;
  Status Validate() const;
  Status ReadField(int row_group, int field, ColumnBatch* out) const;
  std::string Where(int row_group, int field) const;

  std::unique_ptr<RandomAccessFile> file_;
  ParquetReaderOptions options_;
  FileMetaData metadata_;
  ParquetSchema schema_;
  uint64_t footer_start_ = 0;
};

}  // namespace automend::parquet
