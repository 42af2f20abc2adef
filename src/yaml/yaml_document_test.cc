#include "yaml/yaml_document.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

// The text of the value node of `key` in the first document's root mapping.
std::string SpanOf(const YamlStream& y, std::string_view text, std::string_view key) {
  uint32_t v;
  if (!y.FindKey(y.documents()[0], key, &v)) return "<missing>";
  const YamlNode& n = y.node(v);
  return std::string(text.substr(n.begin, n.end - n.begin));
}

TEST(YamlStream, ScalarSpansCoverTheTokenOnly) {
  std::string text =
      "plain: hello world\n"
      "single: 'it''s'\n"
      "double: \"a\\nb\"\n"
      "multi: first\n  second\n"
      "tagged: !!str tagged value\n"
      "anchored: &a anchored\n"
      "literal: |\n  line one\n  line two\n\n"
      "folded: >-\n  folded\n"
      "flow: {k: v, k2: [x, y]}\n";
  YamlStream y;
  ASSERT_TRUE(y.Parse(text)) << y.error();
  EXPECT_EQ(SpanOf(y, text, "plain"), "hello world");
  EXPECT_EQ(SpanOf(y, text, "single"), "'it''s'");
  EXPECT_EQ(SpanOf(y, text, "double"), "\"a\\nb\"");
  EXPECT_EQ(SpanOf(y, text, "multi"), "first\n  second");
  EXPECT_EQ(SpanOf(y, text, "tagged"), "tagged value");
  EXPECT_EQ(SpanOf(y, text, "anchored"), "anchored");
  EXPECT_EQ(SpanOf(y, text, "literal"), "|\n  line one\n  line two");
  EXPECT_EQ(SpanOf(y, text, "folded"), ">-\n  folded");
}

TEST(YamlStream, SpansAreBytesWhenTextIsNotAscii) {
  std::string text = "# Überblick 日本語 😀\nname: \"ünïcødé\"\npassword: s3cr€t\n";
  YamlStream y;
  ASSERT_TRUE(y.Parse(text)) << y.error();
  EXPECT_EQ(SpanOf(y, text, "name"), "\"ünïcødé\"");
  EXPECT_EQ(SpanOf(y, text, "password"), "s3cr€t");
}

TEST(YamlStream, ByteOrderMarkIsNotCountedByLibyaml) {
  std::string text = "\xEF\xBB\xBFkey: välue\nother: x\n";
  YamlStream y;
  ASSERT_TRUE(y.Parse(text)) << y.error();
  EXPECT_EQ(SpanOf(y, text, "key"), "välue");
  EXPECT_EQ(SpanOf(y, text, "other"), "x");
}

TEST(YamlStream, ResolvesPlainScalarsAsYaml11) {
  YamlStream y;
  ASSERT_TRUE(y.Parse("a: yes\nb: '1'\nc: 1_000\nd: ~\ne: 2001-12-14\nf: ! 12\ng: !!str 12\n"));
  uint32_t v;
  auto tag = [&](std::string_view k) {
    EXPECT_TRUE(y.FindKey(y.documents()[0], k, &v));
    return y.node(v).tag;
  };
  EXPECT_EQ(tag("a"), YamlTag::kBool);
  EXPECT_EQ(tag("b"), YamlTag::kStr);
  EXPECT_EQ(tag("c"), YamlTag::kInt);
  EXPECT_EQ(tag("d"), YamlTag::kNull);
  EXPECT_EQ(tag("e"), YamlTag::kTimestamp);
  EXPECT_EQ(tag("f"), YamlTag::kInt);  // PyYAML resolves the non-specific tag "!" implicitly
  EXPECT_EQ(tag("g"), YamlTag::kStr);
}

TEST(YamlStream, RefusesWhatPyYamlsComposerRefuses) {
  YamlStream y;
  EXPECT_FALSE(y.Parse("a: &x 1\nb: &x 2\n"));
  EXPECT_NE(y.error().find("duplicate anchor"), std::string::npos);
  EXPECT_FALSE(y.Parse("a: *nope\n"));
  EXPECT_NE(y.error().find("undefined alias"), std::string::npos);
  EXPECT_FALSE(y.Parse("--- &x 1\n--- *x\n"));  // anchors do not cross documents
  EXPECT_FALSE(y.Parse("a: b\n c: d\n"));
  EXPECT_FALSE(y.Parse("a: \x01\n"));
}

TEST(YamlStream, RecordsNonStandardTags) {
  YamlStream y;
  ASSERT_TRUE(y.Parse("Value: !Ref Bucket\n"));
  EXPECT_EQ(y.nonstandard_tag(), "!Ref");
  ASSERT_TRUE(y.Parse("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n"));
  EXPECT_EQ(y.nonstandard_tag(), "tag:example.com,2000:x");
  ASSERT_TRUE(y.Parse("a: !!binary aGk=\nb: ! x\n"));
  EXPECT_EQ(y.nonstandard_tag(), "");
}

TEST(YamlStream, AliasBombStaysOneNodePerAlias) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
    prev = c;
  }
  YamlStream y;
  ASSERT_TRUE(y.Parse(text)) << y.error();
  EXPECT_LT(y.nodes().size(), 200u);
}

TEST(YamlStream, NestingLimitIsAnErrorNotACrash) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  YamlStream y;
  EXPECT_FALSE(y.Parse(deep, YamlLimits{1000}));
  EXPECT_NE(y.error().find("nesting deeper than 1000"), std::string::npos);
  EXPECT_TRUE(y.Parse(deep, YamlLimits{20000})) << y.error();
}

TEST(YamlStream, MergeKeysAndLastDuplicateWinAsInPyYaml) {
  YamlStream y;
  ASSERT_TRUE(y.Parse("base: &b {kind: Pod, apiVersion: v1}\n"
                      "---\n"
                      "<<: {kind: Service}\n"
                      "kind: Deployment\n"
                      "kind: StatefulSet\n"
                      "apiVersion: apps/v1\n"
                      "---\n"
                      "<<: [{kind: A}, {kind: B, apiVersion: x/v1}]\n"));
  uint32_t v;
  ASSERT_TRUE(y.FindKey(y.documents()[1], "kind", &v));
  EXPECT_EQ(y.Value(y.node(v)), "StatefulSet");
  ASSERT_TRUE(y.FindKey(y.documents()[2], "kind", &v));
  EXPECT_EQ(y.Value(y.node(v)), "A");
  ASSERT_TRUE(y.FindKey(y.documents()[2], "apiVersion", &v));
  EXPECT_EQ(y.Value(y.node(v)), "x/v1");
}

// Regression: a 9-way merge of a 9-way merge of ... (a "merge-key bomb", 700 bytes) made
// FindKey exponential and preprocess hang. Every merged mapping is now searched once per
// depth; a key at the bottom is still found, and the merge order still decides.
TEST(YamlStream, MergeKeyBombIsSearchedInLinearTime) {
  std::string text = "a0: &a0 {kind: Job}\n";
  for (int i = 1; i <= 30; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " {<<: [";
    for (int j = 0; j < 9; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]}\n";
  }
  text += "<<: *a30\n";
  YamlStream y;
  ASSERT_TRUE(y.Parse(text)) << y.error();
  uint32_t v;
  ASSERT_TRUE(y.FindKey(y.documents()[0], "kind", &v));
  EXPECT_EQ(y.Value(y.node(v)), "Job");
  EXPECT_FALSE(y.FindKey(y.documents()[0], "apiVersion", &v));
}

TEST(YamlStream, EmptyDocumentsAreNullRoots) {
  YamlStream y;
  ASSERT_TRUE(y.Parse("---\n---\n~\n---\na: 1\n"));
  ASSERT_EQ(y.documents().size(), 3u);
  EXPECT_TRUE(y.IsEmptyDocument(y.documents()[0]));
  EXPECT_TRUE(y.IsEmptyDocument(y.documents()[1]));
  EXPECT_FALSE(y.IsEmptyDocument(y.documents()[2]));
  ASSERT_TRUE(y.Parse("# only a comment\n"));
  EXPECT_TRUE(y.documents().empty());
}

}  // namespace
}  // namespace automend
