// ParquetRowSource: rows of The Stack's parquet schema, read with ParquetFileReader one
// row group at a time. Memory per batch in flight: the row group's decompressed `content`
// pages, which its rows borrow instead of copying (Row::borrowed_content), and small copies
// of the other columns.
//
// Column mapping (top-level columns; others are never read):
//   hexsha -> Row::hexsha                      required, string
//   max_stars_repo_path -> Row::path           required, string
//   max_stars_repo_name -> Row::repo           required, string
//   content -> Row::borrowed_content           required, string (raw bytes)
//   size -> Row::size                          optional, INT32/INT64 or an integral
//                                              FLOAT/DOUBLE; null or absent -> -1
//   ext, lang -> Row::ext, Row::lang           optional, string; null or absent -> ""
//   max_stars_repo_licenses -> Row::licenses   optional, list<string>; a null list or an
//                                              absent column -> {}; a null element -> ""
//                                              (so the license gate rejects the row)
// A file lacking a required column, or with a mapped column of another type, fails at
// Open. A row whose required column is null becomes a RowError with reason
// "missing_field"; a `size` that is not an integer, reason "malformed". Origins read
// "<file> row <n>" (0-based row index within the file). A row group that cannot be read
// (IO error, corrupt or unsupported column data) fails NextBatch with a Status naming the
// file, row group and column: the source stops there, as RowSource specifies.
//
// The plan (which files, which of their row groups, in which order) is the caller's: the
// download stage samples row groups with a seeded choice and may give disjoint plans to
// separate instances that run in parallel (readers are shareable, see
// ParquetFileReader). One ParquetRowSource is not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/io/random_access_file.h"
#include "core/status.h"
#include "sources/parquet/column_batch.h"
#include "sources/parquet/parquet_file_reader.h"
#include "sources/parquet/parquet_reader_options.h"
#include "sources/row_source.h"

namespace automend {

struct ParquetSourceOptions {
  parquet::ParquetReaderOptions reader;
};

// One file and the row groups to read from it, in the order given.
struct ParquetShardPlan {
  std::shared_ptr<const parquet::ParquetFileReader> reader;
  std::vector<int> row_groups;
};

class ParquetRowSource final : public RowSource {
 public:
  static constexpr int kMappedColumns = 8;  // the columns listed above

  // Reads the planned row groups. InvalidArgument for a row group a file does not have or
  // a file without The Stack's required columns.
  static Status Open(std::vector<ParquetShardPlan> plan, const ParquetSourceOptions& options,
                     std::unique_ptr<ParquetRowSource>* source);

  // One pending batch per planned row group; decoding (the read, decompression and
  // conversion) happens on the thread that calls Decode.
  Status NextPending(std::unique_ptr<PendingBatch>* pending) override;
  std::string Describe() const override;
  double Fraction() const override;

  const std::vector<ParquetShardPlan>& plan() const { return plan_; }
  // Rows in the planned row groups.
  int64_t planned_rows() const;

 private:
  // Field indices of the mapped columns in one file (-1: absent optional column).
  struct Mapping {
    std::vector<int> fields;   // the fields actually read, in mapping order
    int slot[kMappedColumns];  // index into `fields` per mapped column, or -1
  };

  ParquetRowSource() = default;

  std::vector<ParquetShardPlan> plan_;
  std::vector<Mapping> mappings_;
  ParquetSourceOptions options_;
  size_t shard_ = 0;       // current plan entry
  size_t next_group_ = 0;  // next row group index within plan_[shard_].row_groups
  size_t groups_handed_out_ = 0;
};

// Opens the footers of `files` (in order): readers for callers that plan row groups
// themselves and need the metadata (row groups, rows per row group, file sizes).
Status OpenParquetReaders(std::vector<std::unique_ptr<RandomAccessFile>> files,
                          const parquet::ParquetReaderOptions& options,
                          std::vector<std::shared_ptr<const parquet::ParquetFileReader>>* readers);

// A plan reading every row group of every file, in order.
std::vector<ParquetShardPlan> PlanAllRowGroups(
    const std::vector<std::shared_ptr<const parquet::ParquetFileReader>>& readers);

// Opens the footers of `files` and reads all their row groups, files in the given order.
Status OpenParquetRowSource(std::vector<std::unique_ptr<RandomAccessFile>> files,
                            const ParquetSourceOptions& options,
                            std::unique_ptr<ParquetRowSource>* source);

// The parquet files `location` names: a file; a folder (its `*.parquet` files, not
// recursive, sorted by name); or a glob pattern (matches sorted by name). No file found is
// an InvalidArgument error.
Status ListLocalParquetFiles(const std::string& location, std::vector<std::string>* paths);

// ListLocalParquetFiles, then OpenParquetRowSource over local files.
Status OpenLocalParquetRowSource(const std::string& location, const ParquetSourceOptions& options,
                                 std::unique_ptr<ParquetRowSource>* source);

}  // namespace automend
