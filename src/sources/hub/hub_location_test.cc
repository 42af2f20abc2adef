#include "sources/hub/hub_location.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

HubLocation MustParse(const std::string& text) {
  HubLocation loc;
  Status s = ParseHubLocation(text, &loc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return loc;
}

TEST(HubLocation, ParsesRepositoryRevisionAndNestedFolder) {
  HubLocation loc = MustParse("hf://datasets/bigcode/the-stack-dedup@v1.1/data/yaml");
  EXPECT_EQ(loc.owner, "bigcode");
  EXPECT_EQ(loc.name, "the-stack-dedup");
  EXPECT_EQ(loc.RepoId(), "bigcode/the-stack-dedup");
  EXPECT_EQ(loc.revision, "v1.1");
  EXPECT_EQ(loc.path, "data/yaml");
  EXPECT_FALSE(loc.is_file);
  EXPECT_EQ(loc.ToString(), "hf://datasets/bigcode/the-stack-dedup@v1.1/data/yaml");
}

TEST(HubLocation, RevisionDefaultsToMainAndFolderToRoot) {
  HubLocation loc = MustParse("hf://datasets/o/n");
  EXPECT_EQ(loc.revision, "main");
  EXPECT_EQ(loc.path, "");
  EXPECT_EQ(MustParse("hf://datasets/o/n/").path, "");
  EXPECT_EQ(MustParse("hf://datasets/o/n@dev").path, "");
  HubLocation trailing = MustParse("hf://datasets/o/n/data/yaml/");
  EXPECT_EQ(trailing.revision, "main");
  EXPECT_EQ(trailing.path, "data/yaml");
}

TEST(HubLocation, AcceptsASingleParquetFileAndCommitRevisions) {
  HubLocation loc = MustParse(
      "hf://datasets/o/n@0123456789abcdef0123456789abcdef01234567/data/yaml/data_0000.parquet");
  EXPECT_TRUE(loc.is_file);
  EXPECT_EQ(loc.path, "data/yaml/data_0000.parquet");
  EXPECT_EQ(loc.revision, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_TRUE(MustParse("hf://datasets/o/n/X.PARQUET").is_file);
}

TEST(HubLocation, DecodesAnEncodedSlashInTheRevision) {
  HubLocation loc = MustParse("hf://datasets/o/n@refs%2Fconvert%2Fparquet/default/train");
  EXPECT_EQ(loc.revision, "refs/convert/parquet");
  EXPECT_EQ(loc.path, "default/train");
  EXPECT_EQ(loc.ToString(), "hf://datasets/o/n@refs%2Fconvert%2Fparquet/default/train");
}

TEST(HubLocation, RejectsMalformedLocationsWithTheReason) {
  struct Case {
    const char* text;
    const char* reason;
  };
  const Case cases[] = {
      {"/data/x.parquet", "does not start with hf://"},
      {"hf://models/o/n", "only dataset repositories"},
      {"hf://spaces/o/n", "only dataset repositories"},
      {"hf://o/n", "must be 'datasets'"},
      {"hf://datasets", "must be 'datasets'"},
      {"hf://datasets/owner", "names no repository"},
      {"hf://datasets//n", "owner '' is empty"},
      {"hf://datasets/o/", "dataset name '' is empty"},
      {"hf://datasets/o/n@", "revision after '@' is empty"},
      {"hf://datasets/o/n@/data", "revision after '@' is empty"},
      {"hf://datasets/o/n@a b", "revision may only contain"},
      {"hf://datasets/o/n@bad%2", "malformed %-escape"},
      {"hf://datasets/o/n@..", "not a valid git reference"},
      {"hf://datasets/o/n@a%2F/x", "not a valid git reference"},
      {"hf://datasets/o/n//data", "empty component"},
      {"hf://datasets/o/n/data//yaml", "empty component"},
      {"hf://datasets/o/n/data/../secret", "'.' or '..'"},
      {"hf://datasets/o/n/a\\b", "backslash"},
      {"hf://datasets/o!/n", "may only contain letters"},
      {"hf://datasets/o/n--x", "'--' or '..'"},
      {"hf://datasets/-o/n", "start or end"},
      {"hf://datasets/o/n.", "start or end"},
  };
  for (const Case& c : cases) {
    HubLocation loc;
    Status s = ParseHubLocation(c.text, &loc);
    EXPECT_TRUE(s.IsInvalidArgument()) << c.text;
    EXPECT_NE(s.message().find(c.reason), std::string::npos) << c.text << " -> " << s.message();
    EXPECT_NE(s.message().find("expected hf://datasets/OWNER/NAME"), std::string::npos);
  }
  HubLocation loc;
  EXPECT_TRUE(
      ParseHubLocation("hf://datasets/o/" + std::string(97, 'n'), &loc).IsInvalidArgument());
}

TEST(HubLocation, RecognisesTheScheme) {
  EXPECT_TRUE(IsHubLocation("hf://datasets/o/n"));
  EXPECT_FALSE(IsHubLocation("data/raw"));
  EXPECT_FALSE(IsHubLocation("HF://datasets/o/n"));
}

}  // namespace
}  // namespace automend
