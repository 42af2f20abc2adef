#include "sources/hub/hub_transport.h"

#include "core/json/json_reader.h"

#include <random>

#include "core/logging.h"
#include "sources/hub/range_receiver.h"

namespace automend {
namespace {

// Error and redirect bodies are read (so the connection can be reused) but only this much
// is kept for the message.
constexpr size_t kKeptErrorBody = 16 << 10;
constexpr size_t kReadErrorBody = 256 << 10;

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Routes a 2xx body to `sink` (a range receiver) or collects it; keeps the start of any
// other body for the error message.
class HopHandler final : public HttpResponseHandler {
 public:
  HopHandler(HttpResponseHandler* sink, size_t max_body) : sink_(sink), max_body_(max_body) {}

  bool OnHeaders(int status, const HttpHeaders& headers) override {
    status_ = status;
    headers_ = headers;
    if (status >= 200 && status < 300 && sink_ != nullptr) {
      delegated_ = true;
      return sink_->OnHeaders(status, headers);
    }
    return true;
  }

  bool OnBody(std::string_view data) override {
    if (delegated_) return sink_->OnBody(data);
    if (status_ >= 200 && status_ < 300) {
      if (data.size() > max_body_ - body_.size()) {
        too_large_ = true;
        return false;
      }
      body_.append(data);
      return true;
    }
    seen_ += data.size();
    if (body_.size() < kKeptErrorBody) body_.append(data.substr(0, kKeptErrorBody - body_.size()));
    return seen_ < kReadErrorBody;
  }

  int status() const { return status_; }
  const HttpHeaders& headers() const { return headers_; }
  std::string& body() { return body_; }
  bool too_large() const { return too_large_; }

 private:
  HttpResponseHandler* sink_;
  size_t max_body_;
  int status_ = 0;
  HttpHeaders headers_;
  bool delegated_ = false;
  std::string body_;
  size_t seen_ = 0;
  bool too_large_ = false;
};

// What the hub says went wrong: its X-Error-Message header, else the "error" field of a
// JSON body. Only printable ASCII is kept and the length is bounded.
std::string ServerDetail(const HttpHeaders& headers, const std::string& body) {
  std::string text;
  if (const std::string* message = headers.Find("X-Error-Message")) {
    text = *message;
  } else if (!body.empty() && body.front() == '{') {
    JsonValue doc;
    if (ParseJson(body, &doc).ok() && doc.is_object()) {
      const JsonValue* error = doc.Find("error");
      if (error != nullptr && error->is_string()) text = error->as_string();
    }
  }
  std::string clean;
  for (char c : text) {
    if (clean.size() >= 300) break;
    clean.push_back(c >= 0x20 && c < 0x7f ? c : ' ');
  }
  return clean;
}

std::string NotFoundHint(const HttpHeaders& headers) {
  const std::string* code = headers.Find("X-Error-Code");
  if (code == nullptr) return "";
  if (*code == "RepoNotFound") return "the dataset does not exist or is not visible to this token";
  if (*code == "RevisionNotFound") return "the revision does not exist";
  if (*code == "EntryNotFound") return "the path does not exist at this revision";
  return "";
}

std::function<double()> SeededRandom() {
  auto gen = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [gen] { return std::uniform_real_distribution<double>(0.0, 1.0)(*gen); };
}

}  // namespace

struct HubTransport::Call {
  Mode mode = Mode::kApi;
  std::string url;
  HttpResponse* response = nullptr;  // kApi, kHead
  uint64_t offset = 0;               // kRange
  uint64_t length = 0;
  std::optional<uint64_t> file_size;
  std::string* out = nullptr;
  std::string served_by;
};

struct HubTransport::Attempt {
  Status status;
  bool retryable = false;
  std::optional<std::chrono::milliseconds> retry_after;
};

Status HubTransport::Create(HubSettings settings, std::shared_ptr<HttpClient> http, Clock* clock,
                            std::function<double()> random, HubTransportOptions options,
                            std::shared_ptr<HubTransport>* transport) {
  AUTOMEND_RETURN_IF_ERROR(ValidateRetryPolicy(options.retry));
  if (options.max_redirects < 0) return Status::InvalidArgument("max_redirects must be >= 0");
  if (http == nullptr) return Status::InvalidArgument("no HTTP client given");
  Url endpoint;
  AUTOMEND_RETURN_IF_ERROR(ParseUrl(settings.endpoint, &endpoint).WithContext("hub endpoint"));
  if (clock == nullptr) clock = SystemClock();
  if (!random) random = SeededRandom();
  transport->reset(new HubTransport(std::move(settings), std::move(endpoint), std::move(http),
                                    clock, std::move(random), std::move(options)));
  return Status::OK();
}

HubTransport::HubTransport(HubSettings settings, Url endpoint, std::shared_ptr<HttpClient> http,
                           Clock* clock, std::function<double()> random,
                           HubTransportOptions options)
    : settings_(std::move(settings)),
      endpoint_(std::move(endpoint)),
      http_(std::move(http)),
      clock_(clock),
      random_(std::move(random)),
      options_(std::move(options)) {}

bool HubTransport::SendsTokenTo(const Url& target) const {
  return !settings_.token.empty() && SameOrigin(target, endpoint_);
}

HubTransferStats HubTransport::stats() const {
  HubTransferStats s;
  s.requests = requests_.load();
  s.retries = retries_.load();
  s.range_bytes = range_bytes_.load();
  return s;
}

double HubTransport::NextRandom() {
  std::lock_guard<std::mutex> lock(random_mu_);
  return random_();
}

std::string HubTransport::Scrub(std::string text) const {
  if (settings_.token.empty()) return text;
  for (size_t pos = text.find(settings_.token); pos != std::string::npos;
       pos = text.find(settings_.token, pos)) {
    text.replace(pos, settings_.token.size(), "<token>");
  }
  return text;
}

Status HubTransport::GetApi(const std::string& url, HttpResponse* response) {
  Call call;
  call.mode = Mode::kApi;
  call.url = url;
  call.response = response;
  return Execute(&call);
}

Status HubTransport::HeadFile(const std::string& url, HttpResponse* response) {
  Call call;
  call.mode = Mode::kHead;
  call.url = url;
  call.response = response;
  return Execute(&call);
}

Status HubTransport::GetRange(const std::string& url, uint64_t offset, uint64_t length,
                              std::optional<uint64_t> file_size, std::string* out,
                              std::string* served_by) {
  if (length == 0) {
    out->clear();
    return Status::OK();
  }
  Call call;
  call.mode = Mode::kRange;
  call.url = url;
  call.offset = offset;
  call.length = length;
  call.file_size = file_size;
  call.out = out;
  Status s = Execute(&call);
  if (s.ok() && served_by != nullptr) *served_by = std::move(call.served_by);
  return s;
}

Status HubTransport::Execute(Call* call) {
  const int max_attempts = options_.retry.max_attempts;
  for (int attempt = 1;; ++attempt) {
    Attempt result;
    AttemptOnce(call, &result);
    if (result.status.ok()) return result.status;
    if (!result.retryable) return result.status;
    if (attempt >= max_attempts) {
      return result.status.WithContext("gave up after " + std::to_string(attempt) + " attempts");
    }
    std::chrono::milliseconds delay =
        RetryDelay(options_.retry, attempt, NextRandom(), result.retry_after);
    ++retries_;
    AM_LOG_WARN("hub request failed (attempt {}/{}): {}; retrying in {} ms", attempt, max_attempts,
                result.status.message(), delay.count());
    clock_->SleepFor(delay);
  }
}

void HubTransport::AttemptOnce(Call* call, Attempt* attempt) {
  Url current;
  Status parsed = ParseUrl(call->url, &current);
  if (!parsed.ok()) {
    attempt->status = parsed;
    return;
  }
  for (int hop = 0; hop <= options_.max_redirects; ++hop) {
    HttpRequest request;
    request.method = call->mode == Mode::kHead ? "HEAD" : "GET";
    request.url = current.ToString();
    if (SendsTokenTo(current)) {
      request.headers.emplace_back("Authorization", "Bearer " + settings_.token);
    }
    std::optional<RangeReceiver> receiver;
    if (call->mode == Mode::kRange) {
      request.range = ByteRange{call->offset, call->length};
      receiver.emplace(call->offset, call->length, call->file_size, call->out);
    }
    HopHandler handler(receiver ? &*receiver : nullptr, options_.max_api_body_bytes);
    ++requests_;
    Status sent = http_->Send(request, &handler);
    if (!sent.ok()) {
      attempt->status = sent;
      attempt->retryable = sent.IsIOError();
      return;
    }
    const int status = handler.status();
    if (IsRedirect(status)) {
      const std::string* location = handler.headers().Find("Location");
      Url next;
      Status resolved = location == nullptr ? Status::IOError("redirect without a Location header")
                                            : ResolveLocation(current, *location, &next);
      if (!resolved.ok()) {
        attempt->status = resolved.WithContext("HTTP " + std::to_string(status) + " from " +
                                               UrlForMessages(request.url));
        return;
      }
      if (call->mode == Mode::kHead && !SameOrigin(next, endpoint_)) {
        call->response->status = status;
        call->response->headers = handler.headers();
        call->response->body.clear();
        return;  // OK: the hub's redirect carries the file's metadata
      }
      current = std::move(next);
      continue;
    }
    if (status >= 200 && status < 300) {
      if (call->mode == Mode::kRange) {
        Status finished = receiver->Finish();
        if (!finished.ok()) {
          attempt->status = finished.WithContext("reading " + UrlForMessages(request.url));
          attempt->retryable = receiver->retryable();
          return;
        }
        call->served_by = request.url;
        range_bytes_ += call->length;
        return;
      }
      if (handler.too_large()) {
        attempt->status =
            Status::IOError("the answer from " + UrlForMessages(request.url) + " is larger than " +
                            std::to_string(options_.max_api_body_bytes) + " bytes");
        return;
      }
      call->response->status = status;
      call->response->headers = handler.headers();
      call->response->body = std::move(handler.body());
      return;
    }
    *attempt = FailureFor(current, status, handler.headers(), handler.body());
    return;
  }
  attempt->status = Status::IOError("more than " + std::to_string(options_.max_redirects) +
                                    " redirects starting at " + UrlForMessages(call->url));
}

HubTransport::Attempt HubTransport::FailureFor(const Url& url, int status,
                                               const HttpHeaders& headers,
                                               const std::string& body) const {
  Attempt a;
  const bool at_hub = SameOrigin(url, endpoint_);
  std::string where = "HTTP " + std::to_string(status) + " from " + UrlForMessages(url.ToString());
  std::string detail = Scrub(ServerDetail(headers, body));
  if (!detail.empty()) where += " (" + detail + ")";
  if (status == 401 || status == 403) {
    if (!at_hub) {
      a.status = Status::PermissionDenied("the file store refused the download: " + where);
    } else if (settings_.token.empty()) {
      a.status = Status::PermissionDenied(
          "the hub refused access: " + where +
          ". No token is set: set HF_TOKEN to a Hugging Face access token that can read this "
          "dataset (for a gated dataset, accept its terms on the dataset's page first)");
    } else {
      a.status = Status::PermissionDenied(
          "the hub refused the token from " + settings_.token_source + ": " + where +
          ". Set HF_TOKEN to a valid Hugging Face access token that can read this dataset (for a "
          "gated dataset, accept its terms on the dataset's page first)");
    }
    return a;
  }
  if (status == 404) {
    std::string hint = NotFoundHint(headers);
    a.status = Status::IOError("not found: " + where + (hint.empty() ? "" : ": " + hint));
    return a;
  }
  a.status = Status::IOError(where);
  a.retryable = IsRetryableHttpStatus(status);
  if (a.retryable) {
    if (const std::string* value = headers.Find("Retry-After")) {
      a.retry_after = ParseRetryAfter(*value, clock_->Now());
    }
  }
  return a;
}

}  // namespace automend
