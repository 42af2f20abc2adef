#include "sources/hub/hub_responses.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

const std::string kSha = "0123456789abcdef0123456789abcdef01234567";
const std::string kSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(HubResponses, ReadsTheRevisionSha) {
  std::string sha;
  ASSERT_TRUE(
      ParseRevisionSha(R"({"id": "o/n", "sha": ")" + kSha + R"(", "siblings": []})", &sha).ok());
  EXPECT_EQ(sha, kSha);
  EXPECT_TRUE(ParseRevisionSha("[]", &sha).IsCorruption());
  EXPECT_TRUE(ParseRevisionSha("{\"sha\": 5}", &sha).IsCorruption());
  EXPECT_TRUE(ParseRevisionSha("{\"sha\": \"main\"}", &sha).IsCorruption());
  EXPECT_TRUE(ParseRevisionSha("{\"sha\": \"" + kSha, &sha).IsCorruption());
  EXPECT_FALSE(IsCommitSha("0123456789ABCDEF0123456789abcdef01234567"));
}

TEST(HubResponses, ParsesTreeEntries) {
  std::vector<HubTreeEntry> entries;
  std::string page = R"([
    {"type": "directory", "oid": "abc", "size": 0, "path": "data/yaml/sub"},
    {"type": "file", "oid": "1111", "size": 1234, "path": "data/yaml/a.parquet",
     "lfs": {"oid": ")" +
                     kSha256 + R"(", "size": 1234, "pointerSize": 134}},
    {"type": "file", "oid": "2222", "size": 7, "path": "data/yaml/notes.txt"}
  ])";
  ASSERT_TRUE(ParseTreePage(page, &entries).ok());
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].type, "directory");
  EXPECT_EQ(entries[1].path, "data/yaml/a.parquet");
  EXPECT_EQ(entries[1].size, 1234u);
  EXPECT_EQ(entries[1].oid, "1111");
  EXPECT_EQ(entries[1].lfs_sha256, kSha256);
  EXPECT_FALSE(entries[2].lfs_sha256.has_value());
  EXPECT_EQ(entries[2].size, 7u);
}

TEST(HubResponses, RejectsMalformedTreeEntries) {
  const char* bad[] = {
      "{}",
      "[1]",
      R"([{"type": "file", "path": "a"}])",
      R"([{"type": "file", "path": "a", "size": -1}])",
      R"([{"type": "file", "path": "a", "size": 1.5}])",
      R"([{"type": "file", "path": "", "size": 1}])",
      R"([{"path": "a", "size": 1}])",
      R"([{"type": "file", "path": "a", "size": 1, "lfs": {"oid": "short", "size": 1}}])",
      R"([{"type": "file", "path": "a", "size": 1, "lfs": []}])",
      "[",
  };
  for (const char* text : bad) {
    std::vector<HubTreeEntry> entries;
    EXPECT_TRUE(ParseTreePage(text, &entries).IsCorruption()) << text;
  }
  std::vector<HubTreeEntry> entries;
  std::string size_mismatch = R"([{"type": "file", "path": "a", "size": 1, "lfs": {"oid": ")" +
                              kSha256 + R"(", "size": 2}}])";
  EXPECT_TRUE(ParseTreePage(size_mismatch, &entries).IsCorruption());
}

TEST(HubResponses, FindsTheNextPageInALinkHeader) {
  std::string one = R"(<https://hub.test/api/datasets/o/n/tree/abc/data?cursor=xyz>; rel="next")";
  EXPECT_EQ(NextPageUrl(&one), "https://hub.test/api/datasets/o/n/tree/abc/data?cursor=xyz");
  std::string two = R"(<https://h/p?c=1,2>; rel="prev", <https://h/p?c=3>; rel="next")";
  EXPECT_EQ(NextPageUrl(&two), "https://h/p?c=3");
  std::string last = R"(<https://h/p?c=9>; rel="last")";
  EXPECT_EQ(NextPageUrl(&last), std::nullopt);
  std::string junk = "<unterminated; rel=\"next\"";
  EXPECT_EQ(NextPageUrl(&junk), std::nullopt);
  EXPECT_EQ(NextPageUrl(nullptr), std::nullopt);
}

TEST(HubResponses, NormalizesEtags) {
  EXPECT_EQ(NormalizeEtag("\"abc\""), "abc");
  EXPECT_EQ(NormalizeEtag("W/\"abc\""), "abc");
  EXPECT_EQ(NormalizeEtag("abc"), "abc");
  EXPECT_EQ(NormalizeEtag(" \"\" "), "");
}

TEST(HubResponses, PrefersLinkedMetadataOverPlainHeaders) {
  HttpHeaders lfs;
  lfs.Add("ETag", "\"pointer-oid\"");
  lfs.Add("X-Linked-Etag", "\"" + kSha256 + "\"");
  lfs.Add("Content-Length", "18");
  lfs.Add("X-Linked-Size", "123456789012");
  lfs.Add("X-Repo-Commit", kSha);
  HubFileMetadata m;
  ASSERT_TRUE(ParseFileMetadata(lfs, &m).ok());
  EXPECT_EQ(m.etag, kSha256);
  EXPECT_EQ(m.size, 123456789012u);
  EXPECT_EQ(m.commit, kSha);

  HttpHeaders plain;
  plain.Add("etag", "W/\"git-oid\"");
  plain.Add("content-length", "42");
  ASSERT_TRUE(ParseFileMetadata(plain, &m).ok());
  EXPECT_EQ(m.etag, "git-oid");
  EXPECT_EQ(m.size, 42u);
  EXPECT_EQ(m.commit, "");

  HttpHeaders no_etag;
  no_etag.Add("Content-Length", "42");
  EXPECT_TRUE(ParseFileMetadata(no_etag, &m).IsIOError());
  HttpHeaders bad_size;
  bad_size.Add("ETag", "\"x\"");
  bad_size.Add("X-Linked-Size", "-3");
  EXPECT_TRUE(ParseFileMetadata(bad_size, &m).IsIOError());
}

}  // namespace
}  // namespace automend
