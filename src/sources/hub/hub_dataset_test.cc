#include "sources/hub/hub_dataset.h"

#include <gtest/gtest.h>

#include <map>

#include "net/fake_http.h"

namespace automend {
namespace {

const std::string kCommit = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd";
const std::string kShaA = std::string(64, 'a');
const std::string kShaB = std::string(64, 'b');

// A small hub: revision API, a two-page tree of data/yaml, and HEADs on resolve URLs.
struct FakeHub {
  FakeHub() {
    http = std::make_shared<FakeHttpClient>([this](const HttpRequest& req) { return Answer(req); });
    env.Set("HF_ENDPOINT", "https://hub.test").Set("HF_TOKEN", "hf_tok");
    options.http_client = http;
    options.environment = &env;
    options.clock = &clock;
  }

  FakeResponse Answer(const HttpRequest& req) {
    const std::string api = "https://hub.test/api/datasets/o/n/";
    FakeResponse r;
    if (req.url == api + "revision/v1.1") {
      r.body = "{\"sha\": \"" + kCommit + "\"}";
    } else if (req.url == api + "tree/" + kCommit + "/data/yaml") {
      r.body = R"([{"type": "file", "path": "data/yaml/b.parquet", "size": 20, "oid": "o2",
                    "lfs": {"oid": ")" +
               kShaB + R"(", "size": 20}},
                   {"type": "directory", "path": "data/yaml/sub", "size": 0, "oid": "o9"}])";
      r.headers.emplace_back("Link",
                             "<" + api + "tree/" + kCommit + "/data/yaml?cursor=2>; rel=\"next\"");
    } else if (req.url == api + "tree/" + kCommit + "/data/yaml?cursor=2") {
      r.body = R"([{"type": "file", "path": "data/yaml/a.parquet", "size": 10, "oid": "o1",
                    "lfs": {"oid": ")" +
               kShaA + R"(", "size": 10}},
                   {"type": "file", "path": "data/yaml/readme.md", "size": 3, "oid": "o3"}])";
    } else if (req.method == "HEAD" &&
               req.url.find("/resolve/" + kCommit + "/data/yaml/") != std::string::npos) {
      bool a = req.url.find("a.parquet") != std::string::npos;
      r.status = 302;
      r.headers = {{"Location", "https://store.test/x"},
                   {"X-Linked-Etag", "\"" + (a ? kShaA : kShaB) + "\""},
                   {"X-Linked-Size", std::to_string(a ? 10 + size_skew : 20)},
                   {"X-Repo-Commit", head_commit.empty() ? kCommit : head_commit}};
    } else {
      r.status = 404;
    }
    return r;
  }

  std::shared_ptr<FakeHttpClient> http;
  FixedEnvironment env;
  FakeClock clock;
  HubOptions options;
  int size_skew = 0;
  std::string head_commit;
};

TEST(HubDataset, ResolvesListsAndRecordsMetadata) {
  FakeHub hub;
  std::unique_ptr<HubDataset> ds;
  Status s = OpenHubDataset("hf://datasets/o/n@v1.1/data/yaml", hub.options, &ds);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ds->commit(), kCommit);
  EXPECT_EQ(ds->endpoint(), "https://hub.test");
  ASSERT_EQ(ds->files().size(), 2u);
  EXPECT_EQ(ds->files()[0].path, "data/yaml/a.parquet");  // sorted, across pages
  EXPECT_EQ(ds->files()[0].size, 10u);
  EXPECT_EQ(ds->files()[0].etag, kShaA);
  EXPECT_EQ(ds->files()[0].lfs_sha256, kShaA);
  EXPECT_EQ(ds->files()[0].git_oid, "o1");
  EXPECT_EQ(ds->files()[1].path, "data/yaml/b.parquet");
  for (const HttpRequest& req : hub.http->requests) {
    EXPECT_EQ(RequestHeader(req, "Authorization"), "Bearer hf_tok") << req.url;
    EXPECT_EQ(req.url.find("store.test"), std::string::npos) << "HEAD must not follow to the store";
  }
  std::unique_ptr<RandomAccessFile> file;
  ASSERT_TRUE(ds->OpenFile(1, &file).ok());
  EXPECT_EQ(file->Size(), 20u);
  EXPECT_EQ(file->Name(), "hf://datasets/o/n@" + kCommit + "/data/yaml/b.parquet");
  EXPECT_TRUE(ds->OpenFile(2, &file).IsInvalidArgument());
}

TEST(HubDataset, SelectsOneFileLocation) {
  FakeHub hub;
  std::unique_ptr<HubDataset> ds;
  ASSERT_TRUE(OpenHubDataset("hf://datasets/o/n@v1.1/data/yaml/b.parquet", hub.options, &ds).ok());
  ASSERT_EQ(ds->files().size(), 1u);
  EXPECT_EQ(ds->files()[0].path, "data/yaml/b.parquet");

  Status s = OpenHubDataset("hf://datasets/o/n@v1.1/data/yaml/zzz.parquet", hub.options, &ds);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("no file data/yaml/zzz.parquet"), std::string::npos) << s.message();
}

TEST(HubDataset, DisagreeingSizesOrCommitsAreCorruption) {
  FakeHub skewed;
  skewed.size_skew = 1;
  std::unique_ptr<HubDataset> ds;
  Status s = OpenHubDataset("hf://datasets/o/n@v1.1/data/yaml", skewed.options, &ds);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();

  FakeHub moved;
  moved.head_commit = std::string(40, 'f');
  s = OpenHubDataset("hf://datasets/o/n@v1.1/data/yaml", moved.options, &ds);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
}

TEST(HubDataset, SkipsMetadataWhenAskedTo) {
  FakeHub hub;
  hub.options.fetch_file_metadata = false;
  std::unique_ptr<HubDataset> ds;
  ASSERT_TRUE(OpenHubDataset("hf://datasets/o/n@v1.1/data/yaml", hub.options, &ds).ok());
  EXPECT_EQ(ds->files()[0].etag, "");
  for (const HttpRequest& req : hub.http->requests) EXPECT_EQ(req.method, "GET");
}

TEST(HubDataset, BadLocationOrEmptyFolderFailsClearly) {
  FakeHub hub;
  std::unique_ptr<HubDataset> ds;
  EXPECT_TRUE(OpenHubDataset("hf://datasets/o", hub.options, &ds).IsInvalidArgument());
  EXPECT_TRUE(hub.http->requests.empty());
  Status s = OpenHubDataset("hf://datasets/o/n@main/data/yaml", hub.options, &ds);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("resolving the revision of hf://datasets/o/n@main/data/yaml"),
            std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace automend
