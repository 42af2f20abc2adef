#include "sources/jsonl_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/json/json_reader.h"

namespace automend {
namespace {

constexpr size_t kBlockBytes = 1 << 20;
// A new read buffer holds a few batches, so few partial lines are copied between buffers.
constexpr size_t kBufferBytes = size_t{16} << 20;

// The columns of a Stack row the pipeline uses, decoded from the last member of each name;
// every other column is validated and skipped without being built.
struct StackColumns {
  JsonValue content, path, repo, ext, lang, hexsha, size, licenses;

  JsonValue* SlotFor(std::string_view key) {
    static constexpr std::pair<std::string_view, JsonValue StackColumns::*> kSlots[] = {
        {"content", &StackColumns::content},
        {"max_stars_repo_path", &StackColumns::path},
        {"max_stars_repo_name", &StackColumns::repo},
        {"ext", &StackColumns::ext},
        {"lang", &StackColumns::lang},
        {"hexsha", &StackColumns::hexsha},
        {"size", &StackColumns::size},
        {"max_stars_repo_licenses", &StackColumns::licenses},
    };
    for (const auto& [name, slot] : kSlots)
      if (key == name) return &(this->*slot);
    return nullptr;
  }
};

bool TakeString(JsonValue* value, std::string* out) {
  if (!value->is_string()) return false;
  *out = std::move(value->mutable_string());
  return true;
}

}  // namespace

bool DecodeStackRow(std::string_view line, const std::string& origin, Row* row, RowError* error,
                    bool escaped_content) {
  StackColumns columns;
  JsonStringSpan content;  // with escaped_content: the content's literal, when a string
  bool is_object = false;
  Status s = ParseJsonObjectMembers(
      line,
      [&](std::string_view key) -> JsonMemberSlot {
        JsonValue* slot = columns.SlotFor(key);
        if (escaped_content && slot == &columns.content) return {slot, &content};
        return slot;
      },
      &is_object);
  auto fail = [&](std::string reason, std::string detail) {
    *error = RowError{origin, std::move(reason), std::move(detail)};
    return false;
  };
  if (!s.ok()) return fail("malformed", "not JSON: " + s.message());
  if (!is_object) return fail("malformed", "not a JSON object");
  *row = Row();
  row->origin = origin;
  if (!content.empty()) {
    row->escaped_content = content;
  } else if (!TakeString(&columns.content, &row->owned_content)) {
    return fail("missing_field", "no string 'content'");
  }
  if (!TakeString(&columns.path, &row->path))
    return fail("missing_field", "no string 'max_stars_repo_path'");
  TakeString(&columns.repo, &row->repo);
  TakeString(&columns.ext, &row->ext);
  TakeString(&columns.lang, &row->lang);
  const bool has_hexsha = TakeString(&columns.hexsha, &row->hexsha);
  // Stays escaped only where the gates' reasoning holds (EscapedGates): no escape of a
  // character that could have been written as itself (\/ or \u0041, which keywords may
  // hold) and no lone surrogate (whose bytes may join raw ones into valid UTF-8). The blob
  // id of a row without hexsha needs the decoded bytes.
  if (content.needless_escape || content.lone_surrogate || !has_hexsha) row->DecodeContent();
  if (!has_hexsha) row->hexsha = GitBlobSha1(row->owned_content);
  if (columns.size.is_int()) row->size = columns.size.as_int();
  if (columns.licenses.is_array()) {
    for (auto& item : columns.licenses.mutable_array()) {
      if (!item.is_string()) return fail("malformed", "a license that is not a string");
      row->licenses.push_back(std::move(item.mutable_string()));
    }
  } else if (!columns.licenses.is_null()) {
    return fail("malformed", "'max_stars_repo_licenses' is not a list");
  }
  return true;
}

namespace {

// A run of whole lines in one of the source's read buffers, which the block keeps alive,
// with where each line ends (found once, while reading) and the number of its first line.
class JsonlBlock final : public PendingBatch {
 public:
  JsonlBlock(const std::string* path, std::shared_ptr<const char[]> buffer, std::string_view text,
             std::vector<size_t> line_ends, uint64_t first_line, bool escaped_content)
      : path_(path),
        buffer_(std::move(buffer)),
        text_(text),
        line_ends_(std::move(line_ends)),
        first_line_(first_line),
        escaped_content_(escaped_content) {}
  // A batch holding only the report of an over-long line.
  JsonlBlock(const std::string* path, uint64_t line)
      : path_(path), first_line_(line), too_long_(true) {}

  Status Decode(RowBatch* batch) override {
    batch->clear();
    if (too_long_) {
      batch->errors.push_back(
          {Origin(first_line_), "malformed",
           "line longer than " + std::to_string(kMaxJsonlLineBytes) + " bytes"});
      return Status::OK();
    }
    if (escaped_content_) batch->backing.push_back(buffer_);  // rows' escaped content
    size_t pos = 0;
    for (size_t i = 0; i < line_ends_.size(); ++i) {
      std::string_view content = text_.substr(pos, line_ends_[i] - pos);
      pos = line_ends_[i] + 1;
      if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
      Row row;
      RowError error;
      if (DecodeStackRow(content, Origin(first_line_ + i), &row, &error, escaped_content_)) {
        batch->rows.push_back(std::move(row));
      } else {
        batch->errors.push_back(std::move(error));
      }
    }
    return Status::OK();
  }

 private:
  std::string Origin(uint64_t line) const { return *path_ + ":" + std::to_string(line); }

  const std::string* path_;  // owned by the source, which outlives its batches' decoding
  std::shared_ptr<const char[]> buffer_;  // holds text_
  std::string_view text_;
  // Offset in text_ of each line's '\n' (text_.size() for a last line without one).
  std::vector<size_t> line_ends_;
  uint64_t first_line_;
  bool escaped_content_ = false;
  bool too_long_ = false;
};

}  // namespace

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

Status JsonlSource::ReadBlock() {
  if (tail_ + kBlockBytes > capacity_) {
    size_t live = tail_ - head_;
    if (buffer_.use_count() == 1 && head_ > 0 && live + kBlockBytes <= capacity_) {
      std::memmove(buffer_.get(), buffer_.get() + head_, live);  // no batch reads it any more
    } else {
      // Batches may still read this buffer: go on in a new one, with the partial lines.
      size_t capacity = std::max(kBufferBytes, 2 * live + kBlockBytes);
      std::shared_ptr<char[]> next(new char[capacity]);
      if (live) std::memcpy(next.get(), buffer_.get() + head_, live);
      buffer_ = std::move(next);
      capacity_ = capacity;
    }
    head_ = 0;
    tail_ = live;
  }
  size_t n = std::fread(buffer_.get() + tail_, 1, kBlockBytes, file_);
  tail_ += n;
  consumed_bytes_ += n;
  if (n < kBlockBytes) {
    if (std::ferror(file_))
      return Status::IOError("cannot read " + path_ + ": " + std::strerror(errno));
    // A file cut short while being read would otherwise end the run early and quietly.
    if (consumed_bytes_ < file_bytes_)
      return Status::IOError(path_ + " ended after " + std::to_string(consumed_bytes_) +
                             " of the " + std::to_string(file_bytes_) +
                             " bytes it had when opened: it was truncated while being read");
    eof_ = true;
  }
  return Status::OK();
}

// Hands out whole lines: a batch is cut after at most batch_rows lines, once there are
// that many or batch_bytes of unread text (or the file has ended).
Status JsonlSource::NextPending(std::unique_ptr<PendingBatch>* pending) {
  pending->reset();
  while (true) {
    if (skipping_) {  // drop the rest of an over-long line
      size_t nl = Unread().find('\n');
      if (nl == std::string::npos) {
        head_ = tail_;  // not back to 0: batches may still read the buffer's start
        if (eof_) return Status::OK();
        AUTOMEND_RETURN_IF_ERROR(ReadBlock());
        continue;
      }
      head_ += nl + 1;
      skipping_ = false;
      ++next_line_;
    }
    std::string_view unread = Unread();
    while (line_ends_.size() < options_.batch_rows) {
      size_t nl = unread.find('\n', scanned_);
      if (nl == std::string_view::npos) {
        scanned_ = unread.size();
        break;
      }
      line_ends_.push_back(nl);
      scanned_ = nl + 1;
    }
    size_t lines = line_ends_.size();
    if (lines > 0 &&
        (lines == options_.batch_rows || unread.size() >= options_.batch_bytes || eof_)) {
      size_t cut = line_ends_.back() + 1;
      *pending = std::make_unique<JsonlBlock>(&path_, buffer_, unread.substr(0, cut),
                                              std::exchange(line_ends_, {}), next_line_,
                                              options_.escaped_content);
      next_line_ += lines;
      head_ += cut;
      scanned_ = 0;
      return Status::OK();
    }
    if (eof_) {
      if (unread.empty()) return Status::OK();
      *pending = std::make_unique<JsonlBlock>(&path_, buffer_, unread,
                                              std::vector<size_t>{unread.size()}, next_line_,
                                              options_.escaped_content);
      head_ = tail_;
      scanned_ = 0;
      ++next_line_;
      return Status::OK();
    }
    if (lines == 0 && unread.size() > kMaxJsonlLineBytes) {
      *pending = std::make_unique<JsonlBlock>(&path_, next_line_);
      head_ = tail_;
      scanned_ = 0;
      skipping_ = true;
      return Status::OK();
    }
    AUTOMEND_RETURN_IF_ERROR(ReadBlock());
  }
}

double JsonlSource::Fraction() const {
  if (file_bytes_ == 0) return -1;
  return static_cast<double>(consumed_bytes_) / static_cast<double>(file_bytes_);
}

}  // namespace automend
