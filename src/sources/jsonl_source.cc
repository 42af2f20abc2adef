#include "sources/jsonl_source.h"

#include <cerrno>
#include <cstring>

#include "core/hash.h"
#include "core/json_reader.h"

namespace automend {
namespace {

constexpr size_t kBlockBytes = 4 << 20;

bool TakeString(JsonValue* obj, std::string_view key, std::string* out) {
  JsonValue* v = obj->FindMutable(key);
  if (!v || !v->is_string()) return false;
  *out = std::move(v->mutable_string());
  return true;
}

}  // namespace

bool DecodeStackRow(std::string_view line, const std::string& origin, Row* row, RowError* error) {
  JsonValue value;
  Status s = ParseJson(line, &value);
  auto fail = [&](std::string reason, std::string detail) {
    *error = RowError{origin, std::move(reason), std::move(detail)};
    return false;
  };
  if (!s.ok()) return fail("malformed", "not JSON: " + s.message());
  if (!value.is_object()) return fail("malformed", "not a JSON object");
  *row = Row();
  row->origin = origin;
  if (!TakeString(&value, "content", &row->content))
    return fail("missing_field", "no string 'content'");
  if (!TakeString(&value, "max_stars_repo_path", &row->path))
    return fail("missing_field", "no string 'max_stars_repo_path'");
  TakeString(&value, "max_stars_repo_name", &row->repo);
  TakeString(&value, "ext", &row->ext);
  TakeString(&value, "lang", &row->lang);
  if (!TakeString(&value, "hexsha", &row->hexsha)) row->hexsha = GitBlobSha1(row->content);
  if (const JsonValue* size = value.Find("size"); size && size->is_int()) row->size = size->as_int();
  if (const JsonValue* lic = value.Find("max_stars_repo_licenses"); lic && lic->is_array()) {
    for (const auto& item : lic->array()) {
      if (!item.is_string()) return fail("malformed", "a license that is not a string");
      row->licenses.push_back(item.as_string());
    }
  } else if (lic && !lic->is_null()) {
    return fail("malformed", "'max_stars_repo_licenses' is not a list");
  }
  return true;
}

JsonlSource::JsonlSource(std::string path, std::FILE* file, const SourceOptions& options)
    : path_(std::move(path)), file_(file), options_(options) {}

JsonlSource::~JsonlSource() {
  if (file_) std::fclose(file_);
}

Status JsonlSource::Open(const std::string& path, const SourceOptions& options,
                         std::unique_ptr<RowSource>* source) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  auto* jsonl = new JsonlSource(path, f, options);
  if (std::fseek(f, 0, SEEK_END) == 0) {
    jsonl->file_bytes_ = static_cast<uint64_t>(std::ftell(f));
    std::rewind(f);
  }
  source->reset(jsonl);
  return Status::OK();
}

Status JsonlSource::ReadLine(bool* got, bool* too_long) {
  line_.clear();
  *got = false;
  *too_long = false;
  while (true) {
    if (buffer_pos_ < buffer_.size()) {
      const char* start = buffer_.data() + buffer_pos_;
      size_t avail = buffer_.size() - buffer_pos_;
      const void* nl = std::memchr(start, '\n', avail);
      size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
      if (!*too_long) {
        if (line_.size() + take > kMaxJsonlLineBytes) {
          *too_long = true;
          line_.clear();
          line_.shrink_to_fit();
        } else {
          line_.append(start, take);
        }
      }
      *got = true;
      buffer_pos_ += take + (nl ? 1 : 0);
      consumed_bytes_ += take + (nl ? 1 : 0);
      if (nl) return Status::OK();
    }
    if (eof_) return Status::OK();
    buffer_.resize(kBlockBytes);
    size_t n = std::fread(buffer_.data(), 1, kBlockBytes, file_);
    if (n < kBlockBytes) {
      if (std::ferror(file_)) return Status::IOError("cannot read " + path_ + ": " + std::strerror(errno));
      eof_ = true;
    }
    buffer_.resize(n);
    buffer_pos_ = 0;
    if (n == 0 && eof_ && !*got) return Status::OK();
  }
}

Status JsonlSource::NextBatch(RowBatch* batch) {
  batch->clear();
  size_t batch_bytes = 0;
  while (batch->rows.size() + batch->errors.size() < options_.batch_rows &&
         batch_bytes < options_.batch_bytes) {
    bool got, too_long;
    AUTOMEND_RETURN_IF_ERROR(ReadLine(&got, &too_long));
    if (!got) break;
    ++line_number_;
    std::string origin = path_ + ":" + std::to_string(line_number_);
    if (too_long) {
      batch->errors.push_back({origin, "malformed",
                               "line longer than " + std::to_string(kMaxJsonlLineBytes) + " bytes"});
      continue;
    }
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    Row row;
    RowError error;
    if (DecodeStackRow(line_, origin, &row, &error)) {
      batch_bytes += row.content.size();
      batch->rows.push_back(std::move(row));
    } else {
      batch->errors.push_back(std::move(error));
    }
  }
  return Status::OK();
}

double JsonlSource::Fraction() const {
  if (file_bytes_ == 0) return -1;
  return static_cast<double>(consumed_bytes_) / static_cast<double>(file_bytes_);
}

}  // namespace automend
