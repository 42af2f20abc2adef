#include "notify/slack_notifier.h"

#include <fmt/format.h>

#include "core/json/json_writer.h"
#include "core/logging.h"
#include "net/url.h"

namespace automend {
namespace {

// Slack limits a header to 150 characters and a section's text to 3000.
constexpr size_t kMaxHeader = 150;
constexpr size_t kMaxSection = 3000;
constexpr size_t kMaxBodyKept = 512;

// mrkdwn gives '&', '<' and '>' a meaning; Slack asks for them escaped.
std::string EscapeMrkdwn(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string Truncate(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

class CollectingHandler final : public HttpResponseHandler {
 public:
  bool OnHeaders(int status, const HttpHeaders&) override {
    status_ = status;
    return true;
  }
  bool OnBody(std::string_view data) override {
    if (body_.size() < kMaxBodyKept) body_.append(data.substr(0, kMaxBodyKept - body_.size()));
    return true;
  }
  int status() const { return status_; }
  const std::string& body() const { return body_; }

 private:
  int status_ = 0;
  std::string body_;
};

}  // namespace

SlackNotifier::SlackNotifier(HttpClient* http, std::string webhook_url,
                             std::chrono::milliseconds timeout)
    : http_(http), url_(std::move(webhook_url)), timeout_(timeout) {}

std::string SlackNotifier::SafeName(std::string_view webhook_url) {
  Url url;
  if (!ParseUrl(webhook_url, &url).ok()) return "(an unparseable URL)";
  return url.Origin();
}

std::string SlackNotifier::Payload(const SlackMessage& message) {
  std::string text = message.title;
  std::string bullets;
  for (const auto& line : message.lines) {
    text += "\n- " + line;
    if (!bullets.empty()) bullets += "\n";
    bullets += "\u2022 " + EscapeMrkdwn(line);
  }
  std::string body;
  JsonWriter w(&body);
  w.BeginObject().Field("text", Truncate(text, kMaxSection)).Key("blocks").BeginArray();
  w.BeginObject().Field("type", "header").Key("text").BeginObject();
  w.Field("type", "plain_text").Field("text", Truncate(message.title, kMaxHeader)).EndObject();
  w.EndObject();
  if (!bullets.empty()) {
    w.BeginObject().Field("type", "section").Key("text").BeginObject();
    w.Field("type", "mrkdwn").Field("text", Truncate(bullets, kMaxSection)).EndObject();
    w.EndObject();
  }
  w.EndArray().EndObject();
  return body;
}

SlackResult SlackNotifier::Send(const SlackMessage& message) {
  SlackResult result;
  const std::string where = SafeName(url_);
  Url parsed;
  if (Status s = ParseUrl(url_, &parsed); !s.ok()) {
    result.detail = "SLACK_WEBHOOK_URL is not an http(s) URL; no alert sent";
    AM_LOG_ERROR("{}", result.detail);
    return result;
  }
  HttpRequest request;
  request.method = "POST";
  request.url = url_;
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = Payload(message);
  request.timeout = timeout_;
  CollectingHandler handler;
  Status s = http_->Send(request, &handler);
  result.status = handler.status();
  if (!s.ok()) {
    // The client names the URL without its query; the path is the secret here, so put
    // the origin in its place.
    std::string why = s.ToString();
    const std::string shown = UrlForMessages(url_);
    const std::string hidden = where + "/...";
    for (size_t at = why.find(shown); at != std::string::npos;
         at = why.find(shown, at + hidden.size()))
      why.replace(at, shown.size(), hidden);
    result.detail = fmt::format("Slack webhook at {} not reached: {}", where, why);
    AM_LOG_ERROR("{}", result.detail);
    return result;
  }
  if (result.status < 200 || result.status > 299) {
    result.detail =
        fmt::format("Slack webhook at {} answered {}: {}", where, result.status, handler.body());
    AM_LOG_ERROR("{}", result.detail);
    return result;
  }
  result.delivered = true;
  result.detail = fmt::format("posted to the Slack webhook at {} ({})", where, result.status);
  AM_LOG_INFO("{}", result.detail);
  return result;
}

}  // namespace automend
