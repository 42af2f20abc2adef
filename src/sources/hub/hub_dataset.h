// HubDataset: the public face of the hub client. OpenHubDataset takes a location
// (hf://datasets/OWNER/NAME[@REVISION][/FOLDER or /FILE.parquet]), resolves the revision
// to a commit, lists the folder's *.parquet files with the tree API (following its
// pagination; not recursive), and — unless told not to — asks the hub for each file's
// ETag and size with a HEAD on its resolve URL. Everything afterwards is pinned to that
// commit, so a branch that moves during a run cannot mix two versions of the data.
// OpenFile gives a RandomAccessFile doing ranged reads (see hub_file.h).
//
//   std::unique_ptr<HubDataset> ds;
//   Status s = OpenHubDataset("hf://datasets/bigcode/the-stack-dedup@v1.1/data/yaml",
//                             HubOptions(), &ds);
//   std::unique_ptr<RandomAccessFile> f;
//   if (s.ok()) s = ds->OpenFile(0, &f);
//
// Token and endpoint come from the environment as huggingface_hub finds them
// (hub_settings.h). A HubDataset is immutable and thread-safe; its files may outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/environment.h"
#include "core/io/random_access_file.h"
#include "core/status.h"
#include "net/curl_http_client.h"
#include "net/http_client.h"
#include "sources/hub/hub_file.h"
#include "sources/hub/hub_location.h"
#include "sources/hub/hub_transport.h"

namespace automend {

struct HubOptions {
  HubTransportOptions transport;  // retries, redirects
  HubReadOptions read;            // read-ahead and cache of opened files
  CurlHttpOptions http;           // timeouts of the libcurl client
  // HEAD every listed file for its ETag (and check its size and commit). Off, the ETags
  // stay empty and sizes come from the listing alone.
  bool fetch_file_metadata = true;

  // Seams for tests; null means the real thing.
  std::shared_ptr<HttpClient> http_client;   // default: libcurl with `http`
  const Environment* environment = nullptr;  // default: the process environment
  Clock* clock = nullptr;                    // default: the system clock
  std::function<double()> random;            // jitter source in [0, 1)
};

struct HubFileInfo {
  std::string path;  // from the repository root, e.g. data/yaml/data_0000.parquet
  uint64_t size = 0;
  std::string etag;        // normalised ETag (for LFS files the SHA-256); empty if not fetched
  std::string lfs_sha256;  // from the listing; empty for a file not stored with LFS
  std::string git_oid;     // the git object id from the listing
};

class HubDataset {
 public:
  const HubLocation& location() const { return location_; }
  const std::string& endpoint() const { return endpoint_; }
  const std::string& commit() const { return commit_; }
  // Sorted by path.
  const std::vector<HubFileInfo>& files() const { return files_; }

  // A ranged reader of files()[index] at commit(); InvalidArgument for a bad index.
  Status OpenFile(size_t index, std::unique_ptr<RandomAccessFile>* file) const;

  // Requests, retries and bytes so far, for progress and the run's manifest.
  HubTransferStats stats() const { return transport_->stats(); }

 private:
  friend Status OpenHubDataset(const std::string&, const HubOptions&, std::unique_ptr<HubDataset>*);
  HubDataset() = default;
  std::string ResolveUrl(const std::string& path) const;

  HubLocation location_;
  std::string endpoint_;
  std::string commit_;
  std::vector<HubFileInfo> files_;
  std::shared_ptr<HubTransport> transport_;
  HubReadOptions read_;
  Clock* clock_ = nullptr;
};

Status OpenHubDataset(const std::string& location, const HubOptions& options,
                      std::unique_ptr<HubDataset>* dataset);

}  // namespace automend
