// RangeReceiver: takes in the body of one ranged GET — bytes [offset, offset+length) of a
// file — and checks that exactly those bytes arrived. It handles the two answers a server
// may give: 206 with a Content-Range (checked against the request), or 200 with the whole
// file when the server ignores Range; then it keeps only the wanted slice and stops the
// transfer as soon as the slice is complete, so a large file is neither kept nor fully
// downloaded. Short and oversized bodies are errors. One receiver per attempt; not
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "net/http_client.h"

namespace automend {

struct ContentRange {
  uint64_t first = 0;
  uint64_t last = 0;              // inclusive
  std::optional<uint64_t> total;  // nullopt for "*"
};

// Parses "bytes FIRST-LAST/TOTAL" (TOTAL may be "*"); false when malformed.
bool ParseContentRange(std::string_view value, ContentRange* range);

class RangeReceiver final : public HttpResponseHandler {
 public:
  // `file_size`, when known, is checked against what the server reports.
  RangeReceiver(uint64_t offset, uint64_t length, std::optional<uint64_t> file_size,
                std::string* out);

  // Accepts 200 and 206; any other status is the caller's to handle (it must not pass
  // such a response here).
  bool OnHeaders(int status, const HttpHeaders& headers) override;
  bool OnBody(std::string_view data) override;

  // After the exchange ended: OK when exactly the requested bytes arrived.
  Status Finish() const;
  // Whether a failed Finish is worth another attempt (a short body is; a server that
  // reports another file size is not: the file changed under a pinned commit).
  bool retryable() const { return retryable_; }
  // The server sent 200 and the whole file instead of the range.
  bool range_ignored() const { return range_ignored_; }

 private:
  bool Fail(std::string message, bool retryable);

  uint64_t offset_;
  uint64_t length_;
  std::optional<uint64_t> file_size_;
  std::string* out_;
  bool range_ignored_ = false;
  uint64_t skip_ = 0;  // bytes of a 200 body still to skip before the slice
  std::string error_;
  bool retryable_ = true;
};

}  // namespace automend
