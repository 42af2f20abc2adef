// CurlHttpClient: the HttpClient over libcurl. libcurl's global initialisation happens
// once per process (std::call_once); each thread keeps one easy handle, reset before every
// request, so that connections (and TLS sessions) to the hub and the file store are
// reused without sharing a handle between threads. Redirects are never followed here
// (see HttpClient), only http and https are allowed, and no header is logged.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "net/http_client.h"

namespace automend {

struct CurlHttpOptions {
  std::chrono::milliseconds connect_timeout{15000};
  // A transfer that moves fewer than `low_speed_bytes` per second for `low_speed_window`
  // is a timeout: a whole-request deadline would cut off a large, healthy download.
  long low_speed_bytes = 1;
  std::chrono::seconds low_speed_window{60};
  std::string user_agent = "automend";
};

std::unique_ptr<HttpClient> NewCurlHttpClient(const CurlHttpOptions& options = CurlHttpOptions());

}  // namespace automend
