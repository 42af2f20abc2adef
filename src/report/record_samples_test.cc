#include "report/record_samples.h"

#include <gtest/gtest.h>

#include "core/io/atomic_file.h"
#include "core/json/json_writer.h"
#include "test_util.h"

namespace automend {
namespace {

std::string Record(const std::string& path, const std::string& manifest, int redactions) {
  std::string call;
  JsonWriter(&call)
      .BeginObject()
      .Field("tool", "apply_manifest")
      .Key("params")
      .BeginObject()
      .Field("manifest_content", manifest)
      .EndObject()
      .EndObject();
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("messages").BeginArray();
  w.BeginObject().Field("role", "user").Field("content", "Apply " + path).EndObject();
  w.BeginObject().Field("role", "assistant").Field("content", call).EndObject();
  w.EndArray().Key("metadata").BeginObject().Field("path", path).Field("repo", "acme/ml");
  w.Field("iac_type", "k8s_config").Field("redactions", redactions).EndObject().EndObject();
  return out + "\n";
}

TEST(RedactionHighlight, MarksEachTokenAndEscapesTheRest) {
  std::string html;
  AppendHighlightedRedactions(
      "a: <REDACTED_EMAIL> & b: REDACTED_CREDS ip IPV4_REDACTED sk-REDACTED", &html);
  EXPECT_EQ(
      html,
      "a: &lt;<mark class=\"redacted r-email\" title=\"email address removed\">REDACTED_EMAIL"
      "</mark>&gt; &amp; b: <mark class=\"redacted r-creds\" title=\"credential removed\">"
      "REDACTED_CREDS</mark> ip <mark class=\"redacted r-ipv4\" title=\"IPv4 address removed\">"
      "IPV4_REDACTED</mark> <mark class=\"redacted r-apikey\" title=\"API key removed\">"
      "sk-REDACTED</mark>");
  html.clear();
  AppendHighlightedRedactions("key: REDACTED_SECRET", &html);
  EXPECT_NE(html.find("<mark class=\"redacted r-secret\""), std::string::npos);
  html.clear();
  AppendHighlightedRedactions("<b>no tokens</b>", &html);
  EXPECT_EQ(html, "&lt;b&gt;no tokens&lt;/b&gt;");
}

TEST(RedactionExcerpt, ShowsTheLinesAroundTokensWithNumbersAndGaps) {
  std::string text;
  for (int i = 1; i <= 12; ++i)
    text += i == 6 ? "password: REDACTED_CREDS\n" : "line" + std::to_string(i) + "\n";
  std::string html;
  AppendRedactionExcerpt(text, 1, &html);
  EXPECT_EQ(html,
            "<span class=\"gap\">\xE2\x8B\xAF 4 lines</span>\n"
            "<span class=\"ln\">5</span>line5\n"
            "<span class=\"ln\">6</span>password: <mark class=\"redacted r-creds\" "
            "title=\"credential removed\">REDACTED_CREDS</mark>\n"
            "<span class=\"ln\">7</span>line7\n"
            "<span class=\"gap\">\xE2\x8B\xAF 5 lines</span>\n");
}

TEST(SampleRecords, PrefersRecordsThatTogetherShowEveryKindOfToken) {
  TempDir dir;
  const std::string path = dir.path() + "/records.jsonl";
  std::string records = Record("plain.yaml", "kind: ConfigMap\n", 0);
  records += "not json\n";
  records += Record("email.yaml", "owner: REDACTED_EMAIL\n", 1);
  records += Record("creds.yaml", "password: REDACTED_CREDS\nkey: sk-REDACTED\n", 2);
  records += Record("email2.yaml", "owner: REDACTED_EMAIL\nhost: IPV4_REDACTED\n", 2);
  ASSERT_TRUE(WriteFileAtomically(path, records).ok());
  std::vector<SampleRecord> samples;
  SampleOptions options;
  options.count = 2;
  ASSERT_TRUE(PickSampleRecords(path, options, &samples).ok());
  ASSERT_EQ(samples.size(), 2u);
  // In file order; the email-only record adds nothing the other two do not show.
  EXPECT_EQ(samples[0].path, "creds.yaml");
  EXPECT_EQ(samples[0].line, 4u);
  EXPECT_EQ(samples[0].manifest, "password: REDACTED_CREDS\nkey: sk-REDACTED\n");
  EXPECT_EQ(samples[0].prompt, "Apply creds.yaml");
  EXPECT_EQ(samples[1].path, "email2.yaml");
  EXPECT_EQ(samples[1].redactions, 2);

  options.count = 5;
  ASSERT_TRUE(PickSampleRecords(path, options, &samples).ok());
  ASSERT_EQ(samples.size(), 4u);  // every record, the one without redactions last to be chosen
  EXPECT_EQ(samples[0].path, "plain.yaml");
}

TEST(SampleRecords, AMissingFileIsAnError) {
  std::vector<SampleRecord> samples;
  EXPECT_FALSE(PickSampleRecords("/nonexistent/records.jsonl", SampleOptions(), &samples).ok());
  EXPECT_TRUE(samples.empty());
}

}  // namespace
}  // namespace automend
