#include "sources/hub/hub_dataset.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/logging.h"
#include "net/url.h"
#include "sources/hub/hub_responses.h"
#include "sources/hub/hub_settings.h"

namespace automend {
namespace {

// A runaway pagination (a server that keeps sending "next") must end.
constexpr size_t kMaxTreePages = 100000;

std::string ParentFolder(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

bool IsParquet(const std::string& path) {
  constexpr std::string_view kExt = ".parquet";
  if (path.size() <= kExt.size()) return false;
  for (size_t i = 0; i < kExt.size(); ++i) {
    char c = static_cast<char>(
        std::tolower(static_cast<unsigned char>(path[path.size() - kExt.size() + i])));
    if (c != kExt[i]) return false;
  }
  return true;
}

std::string RepoApi(const std::string& endpoint, const HubLocation& loc) {
  return endpoint + "/api/datasets/" + loc.owner + "/" + loc.name;
}

Status ListFolder(HubTransport* transport, const std::string& first_url,
                  std::vector<HubTreeEntry>* entries) {
  std::string url = first_url;
  std::set<std::string> seen;
  for (size_t page = 0; page < kMaxTreePages; ++page) {
    if (!seen.insert(url).second) {
      return Status::IOError("the hub's tree pagination loops back to " + UrlForMessages(url));
    }
    HttpResponse response;
    AUTOMEND_RETURN_IF_ERROR(transport->GetApi(url, &response).WithContext("listing files"));
    AUTOMEND_RETURN_IF_ERROR(
        ParseTreePage(response.body, entries).WithContext("listing " + UrlForMessages(url)));
    std::optional<std::string> next = NextPageUrl(response.headers.Find("Link"));
    if (!next) return Status::OK();
    Url base;
    Url resolved;
    AUTOMEND_RETURN_IF_ERROR(ParseUrl(url, &base));
    AUTOMEND_RETURN_IF_ERROR(
        ResolveLocation(base, *next, &resolved).WithContext("tree pagination"));
    url = resolved.ToString();
  }
  return Status::IOError("the hub's tree listing has more than " + std::to_string(kMaxTreePages) +
                         " pages");
}

}  // namespace

std::string HubDataset::ResolveUrl(const std::string& path) const {
  return endpoint_ + "/datasets/" + location_.owner + "/" + location_.name + "/resolve/" + commit_ +
         "/" + PercentEncodePath(path);
}

Status HubDataset::OpenFile(size_t index, std::unique_ptr<RandomAccessFile>* file) const {
  if (index >= files_.size()) {
    return Status::InvalidArgument("file index " + std::to_string(index) +
                                   " is out of range: " + location_.ToString() + " has " +
                                   std::to_string(files_.size()) + " files");
  }
  const HubFileInfo& info = files_[index];
  std::string name = "hf://datasets/" + location_.RepoId() + "@" + commit_ + "/" + info.path;
  *file = std::make_unique<HubFile>(transport_, std::move(name), ResolveUrl(info.path), info.size,
                                    read_, clock_);
  return Status::OK();
}

Status OpenHubDataset(const std::string& text, const HubOptions& options,
                      std::unique_ptr<HubDataset>* dataset) {
  std::unique_ptr<HubDataset> ds(new HubDataset());
  AUTOMEND_RETURN_IF_ERROR(ParseHubLocation(text, &ds->location_));
  AUTOMEND_RETURN_IF_ERROR(ValidateHubReadOptions(options.read));
  const HubLocation& loc = ds->location_;

  HubSettings settings;
  const Environment& env = options.environment ? *options.environment : SystemEnvironment();
  AUTOMEND_RETURN_IF_ERROR(LoadHubSettings(env, &settings));
  ds->endpoint_ = settings.endpoint;
  ds->clock_ = options.clock ? options.clock : SystemClock();
  ds->read_ = options.read;
  std::shared_ptr<HttpClient> http = options.http_client;
  if (http == nullptr) http = NewCurlHttpClient(options.http);
  AUTOMEND_RETURN_IF_ERROR(HubTransport::Create(std::move(settings), std::move(http), ds->clock_,
                                                options.random, options.transport,
                                                &ds->transport_));
  HubTransport* transport = ds->transport_.get();
  const std::string where = loc.ToString();

  HttpResponse response;
  AUTOMEND_RETURN_IF_ERROR(
      transport
          ->GetApi(RepoApi(ds->endpoint_, loc) + "/revision/" + PercentEncodeSegment(loc.revision),
                   &response)
          .WithContext("resolving the revision of " + where));
  AUTOMEND_RETURN_IF_ERROR(
      ParseRevisionSha(response.body, &ds->commit_).WithContext("resolving " + where));

  const std::string folder = loc.is_file ? ParentFolder(loc.path) : loc.path;
  std::string tree_url = RepoApi(ds->endpoint_, loc) + "/tree/" + ds->commit_;
  if (!folder.empty()) tree_url += "/" + PercentEncodePath(folder);
  std::vector<HubTreeEntry> entries;
  AUTOMEND_RETURN_IF_ERROR(ListFolder(transport, tree_url, &entries).WithContext(where));

  for (HubTreeEntry& entry : entries) {
    if (entry.type != "file" || !IsParquet(entry.path)) continue;
    if (loc.is_file ? entry.path != loc.path : ParentFolder(entry.path) != folder) continue;
    HubFileInfo info;
    info.path = std::move(entry.path);
    info.size = entry.size;
    info.lfs_sha256 = entry.lfs_sha256.value_or("");
    info.git_oid = std::move(entry.oid);
    ds->files_.push_back(std::move(info));
  }
  std::sort(ds->files_.begin(), ds->files_.end(),
            [](const HubFileInfo& a, const HubFileInfo& b) { return a.path < b.path; });
  ds->files_.erase(
      std::unique(ds->files_.begin(), ds->files_.end(),
                  [](const HubFileInfo& a, const HubFileInfo& b) { return a.path == b.path; }),
      ds->files_.end());
  if (ds->files_.empty()) {
    return Status::IOError(
        loc.is_file ? "no file " + loc.path + " in " + where + " at commit " + ds->commit_
                    : "no .parquet files in " + where + " at commit " + ds->commit_);
  }

  if (options.fetch_file_metadata) {
    for (HubFileInfo& info : ds->files_) {
      const std::string url = ds->ResolveUrl(info.path);
      HttpResponse head;
      AUTOMEND_RETURN_IF_ERROR(
          transport->HeadFile(url, &head).WithContext("metadata of " + info.path));
      HubFileMetadata meta;
      AUTOMEND_RETURN_IF_ERROR(ParseFileMetadata(head.headers, &meta).WithContext(info.path));
      if (!meta.commit.empty() && meta.commit != ds->commit_) {
        return Status::Corruption("the hub answered for " + info.path + " at commit " +
                                  meta.commit + " instead of " + ds->commit_);
      }
      if (meta.size != info.size) {
        return Status::Corruption("the hub lists " + info.path + " with " +
                                  std::to_string(info.size) + " bytes but its download has " +
                                  std::to_string(meta.size));
      }
      info.etag = std::move(meta.etag);
    }
  }
  AM_LOG_INFO("{} is commit {}: {} parquet file(s)", where, ds->commit_, ds->files_.size());
  *dataset = std::move(ds);
  return Status::OK();
}

}  // namespace automend
