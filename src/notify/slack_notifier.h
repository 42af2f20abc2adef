// SlackNotifier: posts one message to a Slack incoming webhook (a JSON body with "text"
// and Block Kit "blocks", Content-Type application/json) through the HttpClient
// interface, so tests use a fake or a real server on loopback. Delivery is best effort:
// a timeout, a refused connection or a non-2xx answer is reported in the SlackResult and
// logged, never returned as an error, because an alert must not fail the stage that
// raises it. The webhook URL is a secret (its path is the credential), so messages and
// logs name only its origin. One notifier per thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_client.h"

namespace automend {

struct SlackMessage {
  std::string title;               // the header and the notification text
  std::vector<std::string> lines;  // one bullet each
};

struct SlackResult {
  bool delivered = false;  // a 2xx answer arrived
  int status = 0;          // the HTTP status, 0 when none arrived
  std::string detail;      // what happened, safe to log (no webhook path)
};

class SlackNotifier {
 public:
  SlackNotifier(HttpClient* http, std::string webhook_url, std::chrono::milliseconds timeout);

  SlackResult Send(const SlackMessage& message);

  // The JSON body Send posts (exposed for tests).
  static std::string Payload(const SlackMessage& message);

  // "https://hooks.slack.com" for a webhook URL: what messages may show of it.
  static std::string SafeName(std::string_view webhook_url);

 private:
  HttpClient* http_;
  std::string url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace automend
