// HubFile: a RandomAccessFile over one file on the hub, read with HTTP range requests.
// Its read policy suits a parquet reader, which reads the 8-byte footer at the end, then
// the footer metadata just before it, then whole column chunks:
//  - a small read (below min_request_bytes) in the last tail_bytes of the file fetches the
//    whole tail once, so footer length and metadata cost one request;
//  - other small reads are widened to min_request_bytes (read-ahead);
//  - widened blocks are kept in a small LRU cache (cache_bytes per open file);
//  - large reads (column chunks) are fetched exactly and not cached, so memory stays flat.
// The file store URL a redirect leads to is reused for later reads for store_url_ttl; when
// it fails (a signed URL expired) the read goes through the hub again.
// Thread-safe: ReadAt may be called from several threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/io/random_access_file.h"
#include "sources/hub/hub_transport.h"

namespace automend {

struct HubReadOptions {
  uint64_t min_request_bytes = 256 << 10;
  uint64_t tail_bytes = 1 << 20;
  uint64_t cache_bytes = 4 << 20;
  std::chrono::seconds store_url_ttl{600};
};

// InvalidArgument unless 0 < min_request_bytes and max(min_request, tail) <= cache_bytes.
Status ValidateHubReadOptions(const HubReadOptions& options);

class HubFile final : public RandomAccessFile {
 public:
  // `name` is used in messages; `resolve_url` is the file's URL on the hub pinned to a
  // commit; `size` its size as the hub listed it.
  HubFile(std::shared_ptr<HubTransport> transport, std::string name, std::string resolve_url,
          uint64_t size, HubReadOptions options, Clock* clock);

  Status ReadAt(uint64_t offset, size_t n, std::string* out) const override;
  uint64_t Size() const override { return size_; }
  const std::string& Name() const override { return name_; }

 private:
  struct Block {
    uint64_t offset = 0;
    std::string data;
  };

  Status Fetch(uint64_t offset, uint64_t length, std::string* out) const;
  bool ReadFromCache(uint64_t offset, size_t n, std::string* out) const;
  void AddToCache(uint64_t offset, std::string data) const;

  std::shared_ptr<HubTransport> transport_;
  std::string name_;
  std::string resolve_url_;
  uint64_t size_;
  HubReadOptions options_;
  Clock* clock_;

  mutable std::mutex mu_;
  mutable std::list<Block> blocks_;  // most recently used first
  mutable uint64_t cached_bytes_ = 0;
  mutable std::string store_url_;
  mutable std::chrono::system_clock::time_point store_url_expiry_;
};

}  // namespace automend
