// HubTransport: every HTTP request the hub client makes goes through here. It
//  - attaches `Authorization: Bearer <token>` only to requests whose origin (scheme, host,
//    port) is the hub endpoint's: it follows redirects itself, so a redirect to the file
//    store (or anywhere else) never sees the token;
//  - retries timeouts, connection errors, 408, 429 and 5xx with exponential backoff and
//    jitter, honouring Retry-After, a bounded number of times (RetryPolicy);
//  - turns a final failure into a Status: 401/403 -> PermissionDenied telling the user to
//    set HF_TOKEN, 404 -> IOError naming what is missing, anything else -> IOError.
// No message or log line contains the token, and URLs appear without their query (a
// store's signed URL carries a signature there).
// Thread-safe: any number of threads may call it at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "net/http_client.h"
#include "net/url.h"
#include "sources/hub/hub_settings.h"
#include "sources/hub/retry_policy.h"

namespace automend {

struct HubTransportOptions {
  RetryPolicy retry;
  int max_redirects = 10;
  size_t max_api_body_bytes = size_t{64} << 20;
};

struct HubTransferStats {
  uint64_t requests = 0;     // HTTP exchanges, redirects and retries included
  uint64_t retries = 0;      // attempts after a failed one
  uint64_t range_bytes = 0;  // file bytes delivered to readers
};

class HubTransport {
 public:
  // `random` returns numbers in [0, 1) for the jitter; null means a seeded generator.
  static Status Create(HubSettings settings, std::shared_ptr<HttpClient> http, Clock* clock,
                       std::function<double()> random, HubTransportOptions options,
                       std::shared_ptr<HubTransport>* transport);

  // GET of a hub API URL, following redirects; on OK, *response is the final 200 answer.
  Status GetApi(const std::string& url, HttpResponse* response);

  // HEAD of a file's resolve URL. Redirects within the hub are followed; a redirect to
  // another origin (the file store) is itself the answer, because the hub puts the file's
  // metadata (X-Linked-Etag, X-Linked-Size, X-Repo-Commit) on it. On OK the status is 2xx
  // or 3xx.
  Status HeadFile(const std::string& url, HttpResponse* response);

  // Reads bytes [offset, offset+length) of a file starting at `url` (its resolve URL or a
  // store URL from an earlier read), following redirects. *served_by receives the URL that
  // sent the bytes, which a caller may reuse for later reads of the same file.
  Status GetRange(const std::string& url, uint64_t offset, uint64_t length,
                  std::optional<uint64_t> file_size, std::string* out, std::string* served_by);

  // The token policy: a request to `target` carries the token iff the token is set and
  // `target` has the hub endpoint's origin.
  bool SendsTokenTo(const Url& target) const;

  const HubSettings& settings() const { return settings_; }
  HubTransferStats stats() const;

 private:
  enum class Mode { kApi, kHead, kRange };
  struct Call;
  struct Attempt;

  HubTransport(HubSettings settings, Url endpoint, std::shared_ptr<HttpClient> http, Clock* clock,
               std::function<double()> random, HubTransportOptions options);
  Status Execute(Call* call);
  void AttemptOnce(Call* call, Attempt* attempt);
  Attempt FailureFor(const Url& url, int status, const HttpHeaders& headers,
                     const std::string& body) const;
  std::string Scrub(std::string text) const;
  double NextRandom();

  HubSettings settings_;
  Url endpoint_;
  std::shared_ptr<HttpClient> http_;
  Clock* clock_;
  std::mutex random_mu_;
  std::function<double()> random_;
  HubTransportOptions options_;
  std::atomic<uint64_t> requests_{0};
  std::atomic<uint64_t> retries_{0};
  std::atomic<uint64_t> range_bytes_{0};
};

}  // namespace automend
