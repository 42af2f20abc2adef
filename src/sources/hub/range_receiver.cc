#include "sources/hub/range_receiver.h"

#include <charconv>

namespace automend {
namespace {

bool ParseU64(std::string_view s, uint64_t* value) {
  if (s.empty() || s.size() > 19) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string RangeText(uint64_t first, uint64_t length) {
  return std::to_string(first) + "-" + std::to_string(first + length - 1);
}

}  // namespace

bool ParseContentRange(std::string_view value, ContentRange* range) {
  constexpr std::string_view kUnit = "bytes ";
  if (value.substr(0, kUnit.size()) != kUnit) return false;
  value.remove_prefix(kUnit.size());
  size_t dash = value.find('-');
  size_t slash = value.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash)
    return false;
  ContentRange out;
  if (!ParseU64(value.substr(0, dash), &out.first)) return false;
  if (!ParseU64(value.substr(dash + 1, slash - dash - 1), &out.last)) return false;
  if (out.last < out.first) return false;
  std::string_view total = value.substr(slash + 1);
  if (total != "*") {
    uint64_t t = 0;
    if (!ParseU64(total, &t) || out.last >= t) return false;
    out.total = t;
  }
  *range = out;
  return true;
}

RangeReceiver::RangeReceiver(uint64_t offset, uint64_t length, std::optional<uint64_t> file_size,
                             std::string* out)
    : offset_(offset), length_(length), file_size_(file_size), out_(out) {
  out_->clear();
}

bool RangeReceiver::Fail(std::string message, bool retryable) {
  if (error_.empty()) {
    error_ = std::move(message);
    retryable_ = retryable;
  }
  return false;
}

bool RangeReceiver::OnHeaders(int status, const HttpHeaders& headers) {
  const std::string wanted = RangeText(offset_, length_);
  if (status == 206) {
    const std::string* value = headers.Find("Content-Range");
    ContentRange range;
    if (value == nullptr || !ParseContentRange(*value, &range)) {
      return Fail("206 response without a valid Content-Range for bytes " + wanted, true);
    }
    if (range.total && file_size_ && *range.total != *file_size_) {
      return Fail("the server reports a file of " + std::to_string(*range.total) +
                      " bytes where the hub listed " + std::to_string(*file_size_),
                  false);
    }
    if (range.first != offset_ || range.last != offset_ + length_ - 1) {
      return Fail("the server sent bytes " + std::to_string(range.first) + "-" +
                      std::to_string(range.last) + " for a request of bytes " + wanted,
                  true);
    }
    out_->reserve(length_);
    return true;
  }
  if (status == 200) {
    range_ignored_ = true;
    if (const std::string* value = headers.Find("Content-Length"); value && file_size_) {
      uint64_t whole = 0;
      if (ParseU64(*value, &whole) && whole != *file_size_) {
        return Fail("the server sent a whole file of " + std::to_string(whole) +
                        " bytes where the hub listed " + std::to_string(*file_size_),
                    false);
      }
    }
    skip_ = offset_;
    out_->reserve(length_);
    return true;
  }
  return Fail("unexpected HTTP status " + std::to_string(status) + " for a range request", true);
}

bool RangeReceiver::OnBody(std::string_view data) {
  if (range_ignored_) {
    if (skip_ >= data.size()) {
      skip_ -= data.size();
      return true;
    }
    data.remove_prefix(static_cast<size_t>(skip_));
    skip_ = 0;
    uint64_t want = length_ - out_->size();
    if (data.size() >= want) {
      out_->append(data.substr(0, static_cast<size_t>(want)));
      return false;  // the slice is complete: stop downloading the rest of the file
    }
    out_->append(data);
    return true;
  }
  if (data.size() > length_ - out_->size()) {
    return Fail("the server sent more than the " + std::to_string(length_) +
                    " bytes requested (bytes " + RangeText(offset_, length_) + ")",
                true);
  }
  out_->append(data);
  return true;
}

Status RangeReceiver::Finish() const {
  if (!error_.empty()) return Status::IOError(error_);
  if (out_->size() != length_) {
    return Status::IOError("short body: received " + std::to_string(out_->size()) + " of " +
                           std::to_string(length_) + " bytes (bytes " +
                           RangeText(offset_, length_) + ")");
  }
  return Status::OK();
}

}  // namespace automend
