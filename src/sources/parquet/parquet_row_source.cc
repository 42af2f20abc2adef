#include "sources/parquet/parquet_row_source.h"

#include <glob.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace automend {
namespace {

using parquet::ColumnBatch;
using parquet::Field;
using parquet::FieldShape;
using parquet::ParquetFileReader;

enum ColumnSlot { kHexsha, kSize, kExt, kLang, kPath, kRepo, kLicenses, kContent, kNumSlots };
static_assert(kNumSlots == ParquetRowSource::kMappedColumns);

enum class Want { kString, kInteger, kStringList };

struct SlotSpec {
  const char* column;
  bool required;
  Want want;
};

constexpr SlotSpec kSlots[kNumSlots] = {
    {"hexsha", true, Want::kString},
    {"size", false, Want::kInteger},
    {"ext", false, Want::kString},
    {"lang", false, Want::kString},
    {"max_stars_repo_path", true, Want::kString},
    {"max_stars_repo_name", true, Want::kString},
    {"max_stars_repo_licenses", false, Want::kStringList},
    {"content", true, Want::kString},
};

bool IsBytes(int32_t type) {
  return type == parquet::kByteArray || type == parquet::kFixedLenByteArray;
}

bool IsNumber(int32_t type) {
  return type == parquet::kInt32 || type == parquet::kInt64 || type == parquet::kFloat ||
         type == parquet::kDouble;
}

Status CheckField(const ParquetFileReader& reader, const Field& f, const SlotSpec& spec) {
  int32_t type =
      f.leaf >= 0 ? reader.schema().leaves()[static_cast<size_t>(f.leaf)].physical_type : -1;
  bool ok = false;
  const char* expected = "";
  switch (spec.want) {
    case Want::kString:
      ok = f.shape == FieldShape::kPrimitive && IsBytes(type);
      expected = "a string column";
      break;
    case Want::kInteger:
      ok = f.shape == FieldShape::kPrimitive && IsNumber(type);
      expected = "a numeric column";
      break;
    case Want::kStringList:
      ok = f.shape == FieldShape::kList && IsBytes(type);
      expected = "a list<string> column";
      break;
  }
  if (ok) return Status::OK();
  std::string actual =
      f.shape == FieldShape::kUnsupported
          ? f.unsupported_reason
          : (f.shape == FieldShape::kList ? "list of " : "") + parquet::PhysicalTypeName(type);
  return Status::NotSupported(reader.name() + ": column '" + f.name + "' is " + actual +
                              "; The Stack's schema has " + expected + " there");
}

}  // namespace

Status ParquetRowSource::Open(std::vector<ParquetShardPlan> plan,
                              const ParquetSourceOptions& options,
                              std::unique_ptr<ParquetRowSource>* source) {
  std::unique_ptr<ParquetRowSource> s(new ParquetRowSource());
  s->options_ = options;
  for (const ParquetShardPlan& p : plan) {
    if (!p.reader) return Status::InvalidArgument("parquet plan entry without a reader");
    const ParquetFileReader& r = *p.reader;
    for (int g : p.row_groups) {
      if (g < 0 || g >= r.num_row_groups()) {
        return Status::InvalidArgument(r.name() + " has no row group " + std::to_string(g) +
                                       " (it has " + std::to_string(r.num_row_groups()) + ")");
      }
    }
    Mapping m;
    for (int slot = 0; slot < kNumSlots; ++slot) {
      const SlotSpec& spec = kSlots[slot];
      int f = r.schema().FindField(spec.column);
      m.slot[slot] = -1;
      if (f < 0) {
        if (!spec.required) continue;
        return Status::InvalidArgument(
            r.name() + " has no column '" + spec.column +
            "'; a parquet source needs The Stack's columns hexsha, max_stars_repo_path, "
            "max_stars_repo_name and content");
      }
      AUTOMEND_RETURN_IF_ERROR(CheckField(r, r.schema().fields()[static_cast<size_t>(f)], spec));
      m.slot[slot] = static_cast<int>(m.fields.size());
      m.fields.push_back(f);
    }
    s->mappings_.push_back(std::move(m));
  }
  s->plan_ = std::move(plan);
  *source = std::move(s);
  return Status::OK();
}

int64_t ParquetRowSource::planned_rows() const {
  int64_t rows = 0;
  for (const ParquetShardPlan& p : plan_) {
    for (int g : p.row_groups) rows += p.reader->row_group_num_rows(g);
  }
  return rows;
}

std::string ParquetRowSource::Describe() const {
  std::string d = "parquet:";
  if (plan_.empty()) return d + "(no files)";
  d += plan_.front().reader->name();
  if (plan_.size() > 1) d += " and " + std::to_string(plan_.size() - 1) + " more files";
  size_t groups = 0;
  for (const ParquetShardPlan& p : plan_) groups += p.row_groups.size();
  return d + " (" + std::to_string(groups) + " row groups)";
}

namespace {

// One planned row group, read and converted by whichever thread decodes it: readers are
// thread-safe, so row groups of one or many shards are fetched and decompressed in
// parallel (over HTTP too) while the rows still come out in plan order.
class RowGroupBatch final : public PendingBatch {
 public:
  RowGroupBatch(std::shared_ptr<const ParquetFileReader> reader, const std::vector<int>& fields,
                const int* slot, int group)
      : reader_(std::move(reader)), fields_(fields), group_(group) {
    std::copy(slot, slot + kNumSlots, slot_);
  }

  Status Decode(RowBatch* batch) override {
    batch->clear();
    AUTOMEND_RETURN_IF_ERROR(reader_->ReadRowGroup(group_, fields_, &columns_));
    first_row_ = 0;
    for (int g = 0; g < group_; ++g) first_row_ += reader_->row_group_num_rows(g);
    const int64_t rows = reader_->row_group_num_rows(group_);
    batch->rows.reserve(static_cast<size_t>(rows));
    for (int64_t row = 0; row < rows; ++row) ConvertRow(row, batch);
    // Rows borrow their content from the column's decompressed pages: the batch keeps
    // that column alive (its views stay valid when it moves) and the other columns go.
    ColumnBatch& content = columns_[static_cast<size_t>(slot_[kContent])];
    batch->backing.push_back(std::make_shared<ColumnBatch>(std::move(content)));
    columns_.clear();
    return Status::OK();
  }

 private:
  const ColumnBatch* Column(int slot) const {
    return slot_[slot] < 0 ? nullptr : &columns_[static_cast<size_t>(slot_[slot])];
  }
  void ConvertRow(int64_t row, RowBatch* batch) const;

  std::shared_ptr<const ParquetFileReader> reader_;
  std::vector<int> fields_;
  int slot_[kNumSlots];
  int group_;
  std::vector<ColumnBatch> columns_;
  int64_t first_row_ = 0;
};

void RowGroupBatch::ConvertRow(int64_t row, RowBatch* batch) const {
  std::string origin = reader_->name() + " row " + std::to_string(first_row_ + row);
  for (int slot = 0; slot < kNumSlots; ++slot) {
    const ColumnBatch* c = Column(slot);
    if (kSlots[slot].required && c->IsNull(row)) {
      batch->errors.push_back(
          {origin, "missing_field", std::string("column '") + kSlots[slot].column + "' is null"});
      return;
    }
  }
  Row out;
  auto text = [&](int slot, std::string* dst) {
    const ColumnBatch* c = Column(slot);
    if (c != nullptr && !c->IsNull(row)) dst->assign(c->bytes[static_cast<size_t>(row)]);
  };
  text(kHexsha, &out.hexsha);
  text(kExt, &out.ext);
  text(kLang, &out.lang);
  text(kPath, &out.path);
  text(kRepo, &out.repo);
  out.borrowed_content = Column(kContent)->bytes[static_cast<size_t>(row)];
  if (const ColumnBatch* c = Column(kSize); c != nullptr && !c->IsNull(row)) {
    size_t r = static_cast<size_t>(row);
    if (c->physical_type == parquet::kFloat || c->physical_type == parquet::kDouble) {
      double v = c->doubles[r];
      // The real dataset stores counts and sizes as float64; only whole numbers are sizes.
      if (!(std::isfinite(v) && v == std::floor(v) && v >= 0 && v < 9.2e18)) {
        batch->errors.push_back({origin, "malformed", "column 'size' is " + std::to_string(v)});
        return;
      }
      out.size = static_cast<int64_t>(v);
    } else {
      out.size = c->ints[r];
    }
  }
  if (const ColumnBatch* c = Column(kLicenses); c != nullptr && !c->IsNull(row)) {
    size_t begin = c->ListBegin(row), end = c->ListEnd(row);
    out.licenses.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      out.licenses.emplace_back(c->slot_valid[i] ? c->bytes[i] : std::string_view());
    }
  }
  out.origin = std::move(origin);
  batch->rows.push_back(std::move(out));
}

}  // namespace

Status ParquetRowSource::NextPending(std::unique_ptr<PendingBatch>* pending) {
  pending->reset();
  while (shard_ < plan_.size() && next_group_ >= plan_[shard_].row_groups.size()) {
    ++shard_;
    next_group_ = 0;
  }
  if (shard_ >= plan_.size()) return Status::OK();
  const Mapping& m = mappings_[shard_];
  int group = plan_[shard_].row_groups[next_group_++];
  *pending = std::make_unique<RowGroupBatch>(plan_[shard_].reader, m.fields, m.slot, group);
  ++groups_handed_out_;
  return Status::OK();
}

double ParquetRowSource::Fraction() const {
  size_t groups = 0;
  for (const ParquetShardPlan& p : plan_) groups += p.row_groups.size();
  return groups == 0 ? -1 : static_cast<double>(groups_handed_out_) / static_cast<double>(groups);
}

Status OpenParquetReaders(std::vector<std::unique_ptr<RandomAccessFile>> files,
                          const parquet::ParquetReaderOptions& options,
                          std::vector<std::shared_ptr<const ParquetFileReader>>* readers) {
  readers->clear();
  for (auto& file : files) {
    std::unique_ptr<ParquetFileReader> reader;
    AUTOMEND_RETURN_IF_ERROR(ParquetFileReader::Open(std::move(file), options, &reader));
    readers->push_back(std::move(reader));
  }
  return Status::OK();
}

std::vector<ParquetShardPlan> PlanAllRowGroups(
    const std::vector<std::shared_ptr<const ParquetFileReader>>& readers) {
  std::vector<ParquetShardPlan> plan;
  for (const auto& r : readers) {
    ParquetShardPlan p{r, {}};
    for (int g = 0; g < r->num_row_groups(); ++g) p.row_groups.push_back(g);
    plan.push_back(std::move(p));
  }
  return plan;
}

Status OpenParquetRowSource(std::vector<std::unique_ptr<RandomAccessFile>> files,
                            const ParquetSourceOptions& options,
                            std::unique_ptr<ParquetRowSource>* source) {
  std::vector<std::shared_ptr<const ParquetFileReader>> readers;
  AUTOMEND_RETURN_IF_ERROR(OpenParquetReaders(std::move(files), options.reader, &readers));
  return ParquetRowSource::Open(PlanAllRowGroups(readers), options, source);
}

Status ListLocalParquetFiles(const std::string& location, std::vector<std::string>* paths) {
  namespace fs = std::filesystem;
  paths->clear();
  std::error_code ec;
  fs::file_status st = fs::status(location, ec);
  if (!ec && fs::is_directory(st)) {
    for (fs::directory_iterator it(location, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".parquet" && it->is_regular_file(ec)) {
        paths->push_back(it->path().string());
      }
    }
    if (ec) return Status::IOError("cannot list " + location + ": " + ec.message());
    std::sort(paths->begin(), paths->end());
    if (paths->empty()) return Status::InvalidArgument("no .parquet files in folder " + location);
    return Status::OK();
  }
  if (!ec && fs::exists(st)) {
    paths->push_back(location);
    return Status::OK();
  }
  if (location.find_first_of("*?[") != std::string::npos) {
    glob_t matches;
    int rc = ::glob(location.c_str(), 0, nullptr, &matches);
    if (rc == 0) {
      for (size_t i = 0; i < matches.gl_pathc; ++i) {
        if (fs::is_regular_file(matches.gl_pathv[i], ec)) paths->push_back(matches.gl_pathv[i]);
      }
    }
    globfree(&matches);
    std::sort(paths->begin(), paths->end());
    if (paths->empty()) return Status::InvalidArgument("no files match " + location);
    return Status::OK();
  }
  return Status::InvalidArgument("parquet source " + location + " does not exist");
}

Status OpenLocalParquetRowSource(const std::string& location, const ParquetSourceOptions& options,
                                 std::unique_ptr<ParquetRowSource>* source) {
  std::vector<std::string> paths;
  AUTOMEND_RETURN_IF_ERROR(ListLocalParquetFiles(location, &paths));
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  for (const std::string& p : paths) {
    std::unique_ptr<RandomAccessFile> f;
    AUTOMEND_RETURN_IF_ERROR(OpenLocalFile(p, &f));
    files.push_back(std::move(f));
  }
  return OpenParquetRowSource(std::move(files), options, source);
}

}  // namespace automend
