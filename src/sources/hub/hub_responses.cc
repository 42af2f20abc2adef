#include "sources/hub/hub_responses.h"

#include <charconv>

#include "core/json/json_reader.h"

namespace automend {
namespace {

bool IsLowerHex(std::string_view s, size_t length) {
  if (s.size() != length) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A JSON number that is a non-negative integer within int64_t.
bool GetSize(const JsonValue* value, uint64_t* out) {
  if (value == nullptr || !value->is_int() || value->as_int() < 0) return false;
  *out = static_cast<uint64_t>(value->as_int());
  return true;
}

bool ParseU64(std::string_view s, uint64_t* value) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || s.size() > 19) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string StringField(const JsonValue& object, const char* name, bool* ok) {
  const JsonValue* v = object.Find(name);
  if (v == nullptr || !v->is_string()) {
    *ok = false;
    return "";
  }
  return v->as_string();
}

}  // namespace

bool IsCommitSha(std::string_view text) { return IsLowerHex(text, 40); }

Status ParseRevisionSha(std::string_view text, std::string* sha) {
  JsonValue doc;
  if (!ParseJson(text, &doc).ok() || !doc.is_object()) {
    return Status::Corruption("the hub's revision answer is not a JSON object");
  }
  bool ok = true;
  std::string value = StringField(doc, "sha", &ok);
  if (!ok) return Status::Corruption("the hub's revision answer has no \"sha\" string");
  if (!IsCommitSha(value)) {
    return Status::Corruption("the hub's revision answer has a \"sha\" that is not a commit id");
  }
  *sha = std::move(value);
  return Status::OK();
}

Status ParseTreePage(std::string_view text, std::vector<HubTreeEntry>* entries) {
  JsonValue doc;
  if (!ParseJson(text, &doc).ok() || !doc.is_array()) {
    return Status::Corruption("the hub's tree answer is not a JSON array");
  }
  size_t index = 0;
  for (const JsonValue& item : doc.array()) {
    auto bad = [&](const std::string& why) {
      return Status::Corruption("the hub's tree answer, entry " + std::to_string(index) + ": " +
                                why);
    };
    if (!item.is_object()) return bad("not an object");
    HubTreeEntry entry;
    bool ok = true;
    entry.type = StringField(item, "type", &ok);
    entry.path = StringField(item, "path", &ok);
    if (!ok) return bad("no \"type\" or \"path\" string");
    if (entry.path.empty()) return bad("empty path");
    if (const JsonValue* oid = item.Find("oid"); oid != nullptr && oid->is_string()) {
      entry.oid = oid->as_string();
    }
    if (entry.type == "file") {
      if (!GetSize(item.Find("size"), &entry.size)) return bad("no valid \"size\"");
      if (const JsonValue* lfs = item.Find("lfs"); lfs != nullptr && !lfs->is_null()) {
        if (!lfs->is_object()) return bad("\"lfs\" is not an object");
        bool lfs_ok = true;
        std::string oid = StringField(*lfs, "oid", &lfs_ok);
        if (!lfs_ok || !IsLowerHex(oid, 64)) return bad("\"lfs.oid\" is not a SHA-256");
        uint64_t lfs_size = 0;
        if (!GetSize(lfs->Find("size"), &lfs_size)) return bad("no valid \"lfs.size\"");
        if (lfs_size != entry.size) return bad("\"lfs.size\" differs from \"size\"");
        entry.lfs_sha256 = std::move(oid);
        entry.lfs_size = lfs_size;
      }
    }
    entries->push_back(std::move(entry));
    ++index;
  }
  return Status::OK();
}

std::optional<std::string> NextPageUrl(const std::string* link_header) {
  if (link_header == nullptr) return std::nullopt;
  // Link: <url>; rel="next", <url>; rel="last" — a link's parameters run to the next '<'.
  std::string_view text(*link_header);
  for (size_t pos = text.find('<'); pos != std::string_view::npos; pos = text.find('<', pos)) {
    size_t close = text.find('>', pos);
    if (close == std::string_view::npos) break;
    std::string_view url = text.substr(pos + 1, close - pos - 1);
    size_t next = text.find('<', close);
    std::string_view params =
        text.substr(close + 1, next == std::string_view::npos ? next : next - close - 1);
    if (!url.empty() && (params.find("rel=\"next\"") != std::string_view::npos ||
                         params.find("rel=next") != std::string_view::npos)) {
      return std::string(url);
    }
    pos = close;
  }
  return std::nullopt;
}

std::string NormalizeEtag(std::string_view etag) {
  while (!etag.empty() && etag.front() == ' ') etag.remove_prefix(1);
  while (!etag.empty() && etag.back() == ' ') etag.remove_suffix(1);
  if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return std::string(etag);
}

Status ParseFileMetadata(const HttpHeaders& headers, HubFileMetadata* metadata) {
  HubFileMetadata out;
  const std::string* etag = headers.Find("X-Linked-Etag");
  if (etag == nullptr) etag = headers.Find("ETag");
  if (etag == nullptr || NormalizeEtag(*etag).empty()) {
    return Status::IOError("the hub sent no ETag for the file");
  }
  out.etag = NormalizeEtag(*etag);
  const std::string* size = headers.Find("X-Linked-Size");
  if (size == nullptr) size = headers.Find("Content-Length");
  if (size == nullptr || !ParseU64(*size, &out.size)) {
    return Status::IOError(
        "the hub sent no valid size (X-Linked-Size or Content-Length) for the file");
  }
  if (const std::string* commit = headers.Find("X-Repo-Commit")) out.commit = *commit;
  *metadata = std::move(out);
  return Status::OK();
}

}  // namespace automend
