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
  if (s->options_.batch_rows == 0) s->options_.batch_rows = 1;
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

Status ParquetRowSource::LoadNextRowGroup(bool* done) {
  columns_.clear();
  while (shard_ < plan_.size() && next_group_ >= plan_[shard_].row_groups.size()) {
    ++shard_;
    next_group_ = 0;
  }
  if (shard_ >= plan_.size()) {
    *done = true;
    return Status::OK();
  }
  const ParquetFileReader& reader = *plan_[shard_].reader;
  int group = plan_[shard_].row_groups[next_group_++];
  AUTOMEND_RETURN_IF_ERROR(reader.ReadRowGroup(group, mappings_[shard_].fields, &columns_));
  group_first_row_ = 0;
  for (int g = 0; g < group; ++g) group_first_row_ += reader.row_group_num_rows(g);
  rows_in_group_ = reader.row_group_num_rows(group);
  row_ = 0;
  *done = false;
  return Status::OK();
}

void ParquetRowSource::ConvertRow(int64_t row, RowBatch* batch) const {
  const Mapping& m = mappings_[shard_];
  std::string origin =
      plan_[shard_].reader->name() + " row " + std::to_string(group_first_row_ + row);
  auto column = [&](int slot) -> const ColumnBatch* {
    return m.slot[slot] < 0 ? nullptr : &columns_[static_cast<size_t>(m.slot[slot])];
  };
  for (int slot = 0; slot < kNumSlots; ++slot) {
    const ColumnBatch* c = column(slot);
    if (kSlots[slot].required && c->IsNull(row)) {
      batch->errors.push_back(
          {origin, "missing_field", std::string("column '") + kSlots[slot].column + "' is null"});
      return;
    }
  }
  Row out;
  auto text = [&](int slot, std::string* dst) {
    const ColumnBatch* c = column(slot);
    if (c != nullptr && !c->IsNull(row)) dst->assign(c->bytes[static_cast<size_t>(row)]);
  };
  text(kHexsha, &out.hexsha);
  text(kExt, &out.ext);
  text(kLang, &out.lang);
  text(kPath, &out.path);
  text(kRepo, &out.repo);
  text(kContent, &out.content);
  if (const ColumnBatch* c = column(kSize); c != nullptr && !c->IsNull(row)) {
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
  if (const ColumnBatch* c = column(kLicenses); c != nullptr && !c->IsNull(row)) {
    size_t begin = c->ListBegin(row), end = c->ListEnd(row);
    out.licenses.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      out.licenses.emplace_back(c->slot_valid[i] ? c->bytes[i] : std::string_view());
    }
  }
  out.origin = std::move(origin);
  batch->rows.push_back(std::move(out));
}

Status ParquetRowSource::NextBatch(RowBatch* batch) {
  batch->clear();
  while (batch->rows.size() + batch->errors.size() < options_.batch_rows) {
    if (row_ >= rows_in_group_) {
      bool done;
      AUTOMEND_RETURN_IF_ERROR(LoadNextRowGroup(&done));
      if (done) break;
      continue;
    }
    ConvertRow(row_++, batch);
  }
  return Status::OK();
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
