#include "sources/hub/hub_file.h"

#include <algorithm>

#include "core/logging.h"

namespace automend {

Status ValidateHubReadOptions(const HubReadOptions& o) {
  if (o.min_request_bytes == 0) return Status::InvalidArgument("hub min_request_bytes must be > 0");
  if (o.cache_bytes < std::max(o.min_request_bytes, o.tail_bytes)) {
    return Status::InvalidArgument(
        "hub cache_bytes must hold at least one read-ahead block and the file tail");
  }
  return Status::OK();
}

HubFile::HubFile(std::shared_ptr<HubTransport> transport, std::string name, std::string resolve_url,
                 uint64_t size, HubReadOptions options, Clock* clock)
    : transport_(std::move(transport)),
      name_(std::move(name)),
      resolve_url_(std::move(resolve_url)),
      size_(size),
      options_(options),
      clock_(clock) {}

Status HubFile::ReadAt(uint64_t offset, size_t n, std::string* out) const {
  if (offset > size_ || n > size_ - offset) {
    return Status::IOError("read of " + std::to_string(n) + " bytes at offset " +
                           std::to_string(offset) + " past the end of " + name_ + " (" +
                           std::to_string(size_) + " bytes)");
  }
  if (n == 0) {
    out->clear();
    return Status::OK();
  }
  if (ReadFromCache(offset, n, out)) return Status::OK();
  if (n >= options_.min_request_bytes) return Fetch(offset, n, out);

  uint64_t tail_start = size_ > options_.tail_bytes ? size_ - options_.tail_bytes : 0;
  uint64_t start = offset;
  uint64_t length = std::min<uint64_t>(options_.min_request_bytes, size_ - offset);
  if (offset >= tail_start) {
    start = tail_start;
    length = size_ - tail_start;
  }
  std::string block;
  AUTOMEND_RETURN_IF_ERROR(Fetch(start, length, &block));
  out->assign(block, static_cast<size_t>(offset - start), n);
  AddToCache(start, std::move(block));
  return Status::OK();
}

bool HubFile::ReadFromCache(uint64_t offset, size_t n, std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = blocks_.begin(); it != blocks_.end(); ++it) {
    if (offset >= it->offset && offset + n <= it->offset + it->data.size()) {
      out->assign(it->data, static_cast<size_t>(offset - it->offset), n);
      blocks_.splice(blocks_.begin(), blocks_, it);
      return true;
    }
  }
  return false;
}

void HubFile::AddToCache(uint64_t offset, std::string data) const {
  std::lock_guard<std::mutex> lock(mu_);
  cached_bytes_ += data.size();
  blocks_.push_front(Block{offset, std::move(data)});
  while (cached_bytes_ > options_.cache_bytes && !blocks_.empty()) {
    cached_bytes_ -= blocks_.back().data.size();
    blocks_.pop_back();
  }
}

Status HubFile::Fetch(uint64_t offset, uint64_t length, std::string* out) const {
  std::string store_url;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!store_url_.empty() && clock_->Now() < store_url_expiry_) store_url = store_url_;
  }
  if (!store_url.empty()) {
    Status s = transport_->GetRange(store_url, offset, length, size_, out, nullptr);
    if (s.ok()) return s;
    AM_LOG_INFO("reading {} from its file store URL failed ({}); asking the hub again", name_,
                s.ToString());
    std::lock_guard<std::mutex> lock(mu_);
    if (store_url_ == store_url) store_url_.clear();
  }
  std::string served_by;
  AUTOMEND_RETURN_IF_ERROR(
      transport_->GetRange(resolve_url_, offset, length, size_, out, &served_by)
          .WithContext("reading " + name_));
  if (served_by != resolve_url_) {
    std::lock_guard<std::mutex> lock(mu_);
    store_url_ = std::move(served_by);
    store_url_expiry_ = clock_->Now() + options_.store_url_ttl;
  }
  return Status::OK();
}

}  // namespace automend
