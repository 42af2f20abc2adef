// In-memory fakes of the hub client's side effects, for unit tests only (header-only, so
// nothing of it is linked into the program): FakeHttpClient answers requests from a
// function the test writes and records every request it got; FakeClock records sleeps
// and advances time by them instead of sleeping. Not thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "net/http_client.h"

namespace automend {

struct FakeResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A transport failure instead of a response (connection refused, timeout).
  std::optional<Status> transport_error;
  // Deliver only this many body bytes, then fail as a dropped connection would.
  std::optional<size_t> drop_after;
};

class FakeHttpClient final : public HttpClient {
 public:
  using Responder = std::function<FakeResponse(const HttpRequest&)>;
  explicit FakeHttpClient(Responder responder) : responder_(std::move(responder)) {}

  Status Send(const HttpRequest& request, HttpResponseHandler* handler) override {
    requests.push_back(request);
    FakeResponse r = responder_(request);
    if (r.transport_error) return *r.transport_error;
    HttpHeaders headers;
    for (auto& [name, value] : r.headers) headers.Add(name, value);
    if (request.method != "HEAD" && !headers.Find("Content-Length")) {
      headers.Add("Content-Length", std::to_string(r.body.size()));
    }
    if (!handler->OnHeaders(r.status, headers) || request.method == "HEAD") return Status::OK();
    size_t limit = std::min(r.body.size(), r.drop_after.value_or(r.body.size()));
    for (size_t pos = 0; pos < limit; pos += chunk_bytes) {
      size_t n = std::min(chunk_bytes, limit - pos);
      body_bytes_delivered += n;
      if (!handler->OnBody(std::string_view(r.body).substr(pos, n))) {
        ++stopped_early;
        return Status::OK();
      }
    }
    if (limit < r.body.size()) return Status::IOError("connection dropped mid-body (fake)");
    return Status::OK();
  }

  std::vector<HttpRequest> requests;
  size_t chunk_bytes = 4096;
  size_t body_bytes_delivered = 0;
  int stopped_early = 0;

 private:
  Responder responder_;
};

// The value of `name` among a request's headers, or nullopt.
inline std::optional<std::string> RequestHeader(const HttpRequest& request,
                                                const std::string& name) {
  for (const auto& [n, v] : request.headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

// A 206 (or, with ignore_range, 200) answer to `request` from the bytes of `file`.
inline FakeResponse ServeRange(const HttpRequest& request, const std::string& file,
                               bool ignore_range = false) {
  FakeResponse r;
  if (!request.range || ignore_range) {
    r.body = file;
    return r;
  }
  uint64_t first = request.range->offset;
  uint64_t last = std::min<uint64_t>(first + request.range->length, file.size()) - 1;
  r.status = 206;
  r.headers.emplace_back("Content-Range", "bytes " + std::to_string(first) + "-" +
                                              std::to_string(last) + "/" +
                                              std::to_string(file.size()));
  r.body = file.substr(first, last - first + 1);
  return r;
}

class FakeClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() override { return now; }
  void SleepFor(std::chrono::milliseconds duration) override {
    sleeps.push_back(duration);
    now += duration;
  }

  std::chrono::system_clock::time_point now =
      std::chrono::system_clock::from_time_t(1700000000);  // 2023-11-14T22:13:20Z
  std::vector<std::chrono::milliseconds> sleeps;
};

}  // namespace automend
