#include "net/url.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "core/hex_digit.h"

namespace automend {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int DefaultPort(const std::string& scheme) { return scheme == "https" ? 443 : 80; }

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string Encode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// RFC 3986 section 5.2.4, on a path without its query.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t pos = 1;  // path starts with '/'
  bool trailing_slash = false;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(pos, next - pos);
    trailing_slash = false;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = true;
    } else if (seg == ".") {
      trailing_slash = true;
    } else {
      segments.push_back(seg);
    }
    pos = next + 1;
  }
  std::string out;
  for (std::string_view seg : segments) {
    out += '/';
    out += seg;
  }
  if (out.empty() || trailing_slash) out += '/';
  return out;
}

bool HasControlOrSpace(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

}  // namespace

std::string Url::Origin() const { return scheme + "://" + host + ":" + std::to_string(port); }

std::string Url::ToString() const {
  std::string out = scheme + "://" + host;
  if (port != DefaultPort(scheme)) out += ":" + std::to_string(port);
  return out + target;
}

Status ParseUrl(std::string_view text, Url* url) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("invalid URL '" + UrlForMessages(text) + "': " + why);
  };
  if (HasControlOrSpace(text)) return bad("it contains spaces or control characters");
  size_t colon = text.find("://");
  if (colon == std::string_view::npos) return bad("it has no scheme");
  Url out;
  out.scheme = Lower(text.substr(0, colon));
  if (out.scheme != "http" && out.scheme != "https")
    return bad("only http and https are supported");
  std::string_view rest = text.substr(colon + 3);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos)
    return bad("user info in a URL is not allowed");
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed IPv6 literal");
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("junk after the IPv6 literal");
      port = after.substr(1);
    }
  } else if (size_t c = authority.rfind(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    port = authority.substr(c + 1);
  }
  if (host.empty()) return bad("it has no host");
  out.host = Lower(host);
  out.port = DefaultPort(out.scheme);
  if (!port.empty()) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || ptr != port.data() + port.size() || value <= 0 || value > 65535) {
      return bad("bad port");
    }
    out.port = value;
  }
  out.target = target.empty() ? "/" : std::string(target);
  if (out.target.front() == '?') out.target.insert(0, "/");
  *url = std::move(out);
  return Status::OK();
}

Status ResolveLocation(const Url& base, std::string_view location, Url* resolved) {
  if (location.empty()) return Status::IOError("redirect without a Location");
  if (HasControlOrSpace(location)) {
    return Status::IOError("redirect Location contains spaces or control characters");
  }
  if (location.find("://") != std::string_view::npos &&
      location.find("://") < location.find_first_of("/?")) {
    return ParseUrl(location, resolved);
  }
  if (location.substr(0, 2) == "//") {
    return ParseUrl(base.scheme + ":" + std::string(location), resolved);
  }
  if (size_t hash = location.find('#'); hash != std::string_view::npos) {
    location = location.substr(0, hash);
  }
  Url out = base;
  std::string_view query;
  std::string_view path = location;
  if (size_t q = location.find('?'); q != std::string_view::npos) {
    path = location.substr(0, q);
    query = location.substr(q);
  }
  std::string merged;
  if (path.empty()) {
    std::string_view base_path = std::string_view(base.target).substr(0, base.target.find('?'));
    merged = std::string(base_path);
    if (query.empty()) {
      size_t q = base.target.find('?');
      if (q != std::string::npos) query = std::string_view(base.target).substr(q);
    }
  } else if (path.front() == '/') {
    merged = std::string(path);
  } else {
    std::string_view base_path = std::string_view(base.target).substr(0, base.target.find('?'));
    merged = std::string(base_path.substr(0, base_path.rfind('/') + 1));
    merged += path;
  }
  out.target = RemoveDotSegments(merged) + std::string(query);
  *resolved = std::move(out);
  return Status::OK();
}

bool SameOrigin(const Url& a, const Url& b) {
  return a.scheme == b.scheme && a.host == b.host && a.port == b.port;
}

std::string UrlForMessages(std::string_view url) {
  size_t cut = url.find_first_of("?#");
  std::string out(url.substr(0, cut));
  // Drop user info too, should anyone have put a credential there.
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t slash = out.find('/', start);
    size_t at = out.find('@', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      out.erase(start, at + 1 - start);
    }
  }
  return out;
}

std::string PercentEncodePath(std::string_view path) { return Encode(path, true); }

std::string PercentEncodeSegment(std::string_view segment) { return Encode(segment, false); }

bool PercentDecode(std::string_view text, std::string* decoded) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return false;
    int hi = HexDigitValue(text[i + 1]);
    int lo = HexDigitValue(text[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  *decoded = std::move(out);
  return true;
}

}  // namespace automend
