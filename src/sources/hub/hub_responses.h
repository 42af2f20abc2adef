// What the hub's answers mean: parsers for the revision API (the commit a branch or tag
// points to), the tree API (a folder's entries, paginated with a Link header) and the
// headers of a HEAD on a file's resolve URL (its ETag, size and commit), after the
// behaviour of huggingface_hub. Every field is type- and range-checked: these are bytes
// from the network. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "net/http_client.h"

namespace automend {

// True for a full, lower-case git commit id (40 hex digits).
bool IsCommitSha(std::string_view text);

// The "sha" of a GET /api/datasets/{repo}/revision/{revision} answer.
Status ParseRevisionSha(std::string_view json, std::string* sha);

struct HubTreeEntry {
  std::string type;  // "file" or "directory"
  std::string path;  // from the repository root
  uint64_t size = 0;
  std::string oid;  // git object id
  std::optional<std::string> lfs_sha256;
  std::optional<uint64_t> lfs_size;
};

// One page of GET /api/datasets/{repo}/tree/{revision}/{path}: a JSON array of entries.
// Entries are appended to *entries.
Status ParseTreePage(std::string_view json, std::vector<HubTreeEntry>* entries);

// The URL of the Link header's rel="next" target (GitHub-style pagination), if any.
std::optional<std::string> NextPageUrl(const std::string* link_header);

struct HubFileMetadata {
  std::string etag;  // normalised: no W/ prefix, no quotes
  uint64_t size = 0;
  std::string commit;  // X-Repo-Commit; empty when the hub did not say
};

// The ETag without a weak marker and quotes, as huggingface_hub normalises it.
std::string NormalizeEtag(std::string_view etag);

// Reads the metadata of a HEAD answer: X-Linked-Etag else ETag, X-Linked-Size else
// Content-Length, X-Repo-Commit. IOError when the ETag or the size is missing.
Status ParseFileMetadata(const HttpHeaders& headers, HubFileMetadata* metadata);

}  // namespace automend
