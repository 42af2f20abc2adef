#include "sources/hub/http_client.h"

#include <algorithm>
#include <cctype>

#include "sources/hub/url.h"

namespace automend {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

class Collector final : public HttpResponseHandler {
 public:
  Collector(size_t max_body, HttpResponse* response) : max_body_(max_body), response_(response) {}
  bool OnHeaders(int status, const HttpHeaders& headers) override {
    response_->status = status;
    response_->headers = headers;
    return true;
  }
  bool OnBody(std::string_view data) override {
    if (data.size() > max_body_ - response_->body.size()) {
      too_large_ = true;
      return false;
    }
    response_->body.append(data);
    return true;
  }
  bool too_large() const { return too_large_; }

 private:
  size_t max_body_;
  HttpResponse* response_;
  bool too_large_ = false;
};

}  // namespace

void HttpHeaders::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

const std::string* HttpHeaders::Find(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (EqualsIgnoreCase(n, name)) return &v;
  }
  return nullptr;
}

Status FetchAll(HttpClient* client, const HttpRequest& request, size_t max_body_bytes,
                HttpResponse* response) {
  *response = HttpResponse();
  Collector collector(max_body_bytes, response);
  AUTOMEND_RETURN_IF_ERROR(client->Send(request, &collector));
  if (collector.too_large()) {
    return Status::IOError("the response from " + UrlForMessages(request.url) + " is larger than " +
                           std::to_string(max_body_bytes) + " bytes");
  }
  return Status::OK();
}

}  // namespace automend
