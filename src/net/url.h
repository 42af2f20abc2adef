// Url: the parts of an http(s) URL that redirect handling and the token policy need.
// The hub client builds its own URLs and follows redirects itself, so it must resolve a
// Location header against the request URL and compare origins (scheme, host, port): the
// token goes only to the hub's origin. Plain values; all functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace automend {

struct Url {
  std::string scheme;  // "http" or "https", lower-case
  std::string host;    // lower-case; an IPv6 literal keeps its brackets
  int port = 0;        // the explicit port, or the scheme's default
  std::string target;  // path and query, always starting with '/'

  // "scheme://host:port": what the token policy compares.
  std::string Origin() const;
  // The URL as text (the default port is left out).
  std::string ToString() const;
};

// Parses an absolute http(s) URL. A fragment is dropped; user info ("user@host") is
// refused because a credential must never travel in a URL.
Status ParseUrl(std::string_view text, Url* url);

// Resolves a redirect's Location against the URL that answered it (RFC 3986 section 5.2:
// absolute, scheme-relative "//host/p", absolute-path "/p" and relative "p" references).
Status ResolveLocation(const Url& base, std::string_view location, Url* resolved);

bool SameOrigin(const Url& a, const Url& b);

// The URL without its query and fragment, for messages and logs: a file store's signed
// URL carries its signature in the query, and that is a credential too.
std::string UrlForMessages(std::string_view url);

// Percent-encodes a path, keeping '/' and the unreserved characters.
std::string PercentEncodePath(std::string_view path);
// Percent-encodes one path segment ('/' is encoded too), as huggingface_hub does for
// revisions such as "refs/convert/parquet".
std::string PercentEncodeSegment(std::string_view segment);
// Decodes %XX escapes; false on a malformed escape.
bool PercentDecode(std::string_view text, std::string* decoded);

}  // namespace automend
