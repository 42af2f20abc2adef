#include "sources/hub/hub_location.h"

#include <algorithm>
#include <cctype>

#include "net/url.h"

namespace automend {
namespace {

constexpr std::string_view kScheme = "hf://";
constexpr std::string_view kSyntax =
    "hf://datasets/OWNER/NAME[@REVISION][/FOLDER or /FILE.parquet]";
constexpr size_t kMaxRepoPart = 96;

// The hub's rule for owner and repository names (as huggingface_hub validates repo ids):
// letters, digits, '-', '_', '.'; no "--" or ".."; '-' and '.' neither first nor last.
bool ValidRepoPart(std::string_view s, std::string* why) {
  if (s.empty()) {
    *why = "is empty";
    return false;
  }
  if (s.size() > kMaxRepoPart) {
    *why = "is longer than 96 characters";
    return false;
  }
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      *why = "may only contain letters, digits, '-', '_' and '.'";
      return false;
    }
  }
  if (s.find("--") != std::string_view::npos || s.find("..") != std::string_view::npos) {
    *why = "may not contain '--' or '..'";
    return false;
  }
  if (s.front() == '-' || s.front() == '.' || s.back() == '-' || s.back() == '.') {
    *why = "may not start or end with '-' or '.'";
    return false;
  }
  return true;
}

bool ValidRevision(std::string_view s, std::string* why) {
  if (s.empty()) {
    *why = "the revision after '@' is empty";
    return false;
  }
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != '/') {
      *why = "the revision may only contain letters, digits, '-', '_', '.' and (encoded) '/'";
      return false;
    }
  }
  if (s.front() == '/' || s.back() == '/' || s.find("//") != std::string_view::npos ||
      s.find("..") != std::string_view::npos) {
    *why = "the revision is not a valid git reference";
    return false;
  }
  return true;
}

bool ValidPath(std::string_view s, std::string* why) {
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find('/', pos);
    if (next == std::string_view::npos) next = s.size();
    std::string_view seg = s.substr(pos, next - pos);
    if (seg.empty()) {
      *why = "the path has an empty component ('//')";
      return false;
    }
    if (seg == "." || seg == "..") {
      *why = "the path may not contain '.' or '..' components";
      return false;
    }
    pos = next + 1;
  }
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') {
      *why = "the path contains a control character or a backslash";
      return false;
    }
  }
  return true;
}

bool EndsWithParquet(std::string_view s) {
  constexpr std::string_view kExt = ".parquet";
  if (s.size() <= kExt.size()) return false;
  std::string_view tail = s.substr(s.size() - kExt.size());
  return std::equal(tail.begin(), tail.end(), kExt.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

}  // namespace

std::string HubLocation::ToString() const {
  std::string out =
      std::string(kScheme) + "datasets/" + RepoId() + "@" + PercentEncodeSegment(revision);
  if (!path.empty()) out += "/" + path;
  return out;
}

bool IsHubLocation(std::string_view text) { return text.substr(0, kScheme.size()) == kScheme; }

Status ParseHubLocation(std::string_view text, HubLocation* location) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("invalid hub location '" + std::string(text) + "': " + why +
                                   " (expected " + std::string(kSyntax) + ")");
  };
  if (!IsHubLocation(text)) return bad("it does not start with hf://");
  std::string_view rest = text.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string_view kind = rest.substr(0, slash);
  if (kind == "models" || kind == "spaces") {
    return bad("only dataset repositories are supported, not " + std::string(kind));
  }
  if (kind != "datasets" || slash == std::string_view::npos) {
    return bad("the repository type must be 'datasets'");
  }
  rest = rest.substr(slash + 1);

  HubLocation out;
  std::string why;
  slash = rest.find('/');
  if (slash == std::string_view::npos) return bad("it names no repository (OWNER/NAME)");
  std::string_view owner = rest.substr(0, slash);
  if (!ValidRepoPart(owner, &why)) return bad("the owner '" + std::string(owner) + "' " + why);
  rest = rest.substr(slash + 1);

  size_t name_end = rest.find_first_of("@/");
  std::string_view name = rest.substr(0, name_end);
  if (!ValidRepoPart(name, &why)) return bad("the dataset name '" + std::string(name) + "' " + why);
  rest = name_end == std::string_view::npos ? std::string_view() : rest.substr(name_end);

  if (!rest.empty() && rest.front() == '@') {
    size_t rev_end = rest.find('/');
    std::string_view encoded =
        rest.substr(1, rev_end == std::string_view::npos ? rev_end : rev_end - 1);
    std::string revision;
    if (!PercentDecode(encoded, &revision)) return bad("the revision has a malformed %-escape");
    if (!ValidRevision(revision, &why)) return bad(why);
    out.revision = std::move(revision);
    rest = rev_end == std::string_view::npos ? std::string_view() : rest.substr(rev_end);
  }
  if (!rest.empty()) {
    rest = rest.substr(1);  // the '/' after NAME or REVISION
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    if (!rest.empty()) {
      if (!ValidPath(rest, &why)) return bad(why);
      out.path = std::string(rest);
      out.is_file = EndsWithParquet(out.path);
    }
  }
  out.owner = std::string(owner);
  out.name = std::string(name);
  *location = std::move(out);
  return Status::OK();
}

}  // namespace automend
