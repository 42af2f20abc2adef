// HttpClient: one HTTP exchange, behind a small interface so that the hub client's retry,
// redirect and range logic is tested with an in-memory fake, and end to end against a
// real server on loopback with the libcurl implementation (curl_http_client.h).
//
// The response streams into a handler, which sees the status and headers first and can
// stop the transfer at any point: that is how a ranged read stops a server that ignored
// the Range header once the wanted bytes have arrived, without keeping the whole file.
// A client never follows redirects: the caller does, because it decides which host may
// see the token. Implementations are thread-safe (one Send per thread at a time per call).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace automend {

// Response headers in arrival order; names compare case-insensitively.
class HttpHeaders {
 public:
  void Add(std::string name, std::string value);
  void Clear() { fields_.clear(); }
  // The first value of `name`, or nullptr.
  const std::string* Find(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;  // > 0
};

struct HttpRequest {
  std::string method = "GET";  // GET, HEAD or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<ByteRange> range;  // sent as "Range: bytes=first-last"
  std::string body;                // POST only
  // A deadline for the whole exchange (0: none; the client's stall detection still applies).
  std::chrono::milliseconds timeout{0};
};

class HttpResponseHandler {
 public:
  virtual ~HttpResponseHandler() = default;
  // Called once, with the final (non-1xx) response's status and headers. Returning false
  // ends the exchange without reading the body.
  virtual bool OnHeaders(int status, const HttpHeaders& headers) = 0;
  // Called with successive pieces of the body. Returning false stops the transfer; that
  // is not an error.
  virtual bool OnBody(std::string_view data) = 0;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request and streams the response into `handler`. OK when a response
  // arrived (whatever its status) and its body was delivered or the handler stopped it.
  // IOError for a transport failure — cannot resolve or connect, timeout, connection
  // dropped mid-body, TLS — which is worth retrying; InvalidArgument for a request that
  // cannot be sent. Messages name the URL without its query (see UrlForMessages).
  virtual Status Send(const HttpRequest& request, HttpResponseHandler* handler) = 0;
};

// A whole response, as the hub client hands API answers and HEAD results around.
struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
};

}  // namespace automend
