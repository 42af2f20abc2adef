#include "net/curl_http_client.h"

#include <curl/curl.h>

#include <mutex>

#include "net/url.h"

namespace automend {
namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One easy handle per thread: libcurl handles must not be used by two threads at once,
// and keeping the handle keeps its connection cache.
class ThreadHandle {
 public:
  ~ThreadHandle() {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }
  CURL* Get() {
    if (handle_ == nullptr) {
      handle_ = curl_easy_init();
    } else {
      curl_easy_reset(handle_);
    }
    return handle_;
  }

 private:
  CURL* handle_ = nullptr;
};

struct Exchange {
  CURL* curl = nullptr;
  HttpResponseHandler* handler = nullptr;
  HttpHeaders headers;
  bool headers_delivered = false;
  bool stopped = false;  // the handler asked to stop: curl's abort is not an error
  int status = 0;
};

size_t OnHeaderLine(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    ex->headers.Clear();  // a new response (after a 100 Continue) starts
    return n;
  }
  if (line.empty()) {
    long code = 0;
    curl_easy_getinfo(ex->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && !ex->headers_delivered) {
      ex->headers_delivered = true;
      ex->status = static_cast<int>(code);
      if (!ex->handler->OnHeaders(ex->status, ex->headers)) {
        ex->stopped = true;
        return 0;
      }
    }
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  ex->headers.Add(std::string(line.substr(0, colon)), std::string(value));
  return n;
}

size_t OnBodyData(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t n = size * count;
  if (ex->stopped) return 0;
  if (!ex->handler->OnBody(std::string_view(data, n))) {
    ex->stopped = true;
    return 0;
  }
  return n;
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(CurlHttpOptions options) : options_(std::move(options)) { GlobalInit(); }

  Status Send(const HttpRequest& request, HttpResponseHandler* handler) override {
    thread_local ThreadHandle thread_handle;
    CURL* curl = thread_handle.Get();
    const std::string shown = UrlForMessages(request.url);
    if (curl == nullptr) return Status::IOError("cannot create a libcurl handle for " + shown);

    Exchange ex;
    ex.curl = curl;
    ex.handler = handler;
    char error[CURL_ERROR_SIZE] = {0};
    curl_slist* header_list = nullptr;
    for (const auto& [name, value] : request.headers) {
      std::string line = name + ": " + value;
      header_list = curl_slist_append(header_list, line.c_str());
    }

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(options_.low_speed_window.count()));
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &OnHeaderLine);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &ex);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &OnBodyData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &ex);
    std::string range;
    if (request.range) {
      if (request.range->length == 0) {
        curl_slist_free_all(header_list);
        return Status::InvalidArgument("empty byte range requested from " + shown);
      }
      range = std::to_string(request.range->offset) + "-" +
              std::to_string(request.range->offset + request.range->length - 1);
      curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    }
    if (request.timeout.count() > 0)
      curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    if (request.method == "HEAD") {
      curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "POST") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    } else if (request.method != "GET") {
      curl_slist_free_all(header_list);
      return Status::InvalidArgument("unsupported HTTP method " + request.method);
    }

    CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(header_list);
    if (rc == CURLE_OK && !ex.headers_delivered) {
      return Status::IOError("no HTTP response from " + shown);
    }
    if (rc == CURLE_OK || (ex.stopped && rc == CURLE_WRITE_ERROR)) return Status::OK();
    std::string detail = error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc);
    if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL) {
      return Status::InvalidArgument("cannot request " + shown + ": " + detail);
    }
    return Status::IOError(request.method + " " + shown + ": " + detail);
  }

 private:
  CurlHttpOptions options_;
};

}  // namespace

std::unique_ptr<HttpClient> NewCurlHttpClient(const CurlHttpOptions& options) {
  return std::make_unique<CurlHttpClient>(options);
}

}  // namespace automend
