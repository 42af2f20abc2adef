#include "config/config.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

Status Parse(const std::string& text, Config* c) { return ParseConfig(text, "test.yaml", c); }

TEST(Config, EmptyFileKeepsSpecDefaults) {
  Config c;
  ASSERT_TRUE(Parse("", &c).ok());
  EXPECT_EQ(c.min_bytes, 200);
  EXPECT_EQ(c.max_bytes, 204800);
  EXPECT_EQ(c.keywords.size(), 14u);
  EXPECT_EQ(c.license_allowlist.size(), 12u);
  EXPECT_EQ(c.prompt_categories.size(), 4u);
}

TEST(Config, ReadsEverySection) {
  Config c;
  Status s = Parse(
      "paths: {records: out/r.jsonl}\n"
      "source: {location: rows.jsonl, sample_rows: all, default_licenses: [MIT]}\n"
      "gates: {min_bytes: 10, max_bytes: 1_000, keywords: [ray.io]}\n"
      "redaction: {keep_reserved_ips: no}\n"
      "prompts:\n  categories:\n  - {name: ray, words: [ray], template: 'Ray {words}.'}\n"
      "  fallback_template: 'Other {words}.'\n"
      "anomaly: {min_pass_rate_pct: 90.5, fail_on_anomaly: true}\n"
      "bias: {seed: 7}\n",
      &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.records_path, "out/r.jsonl");
  EXPECT_EQ(c.sample_rows, -1);
  EXPECT_EQ(c.default_licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(c.max_bytes, 1000);
  EXPECT_FALSE(c.keep_reserved_ips);
  ASSERT_EQ(c.prompt_categories.size(), 1u);
  EXPECT_EQ(c.prompt_categories[0].template_text, "Ray {words}.");
  EXPECT_DOUBLE_EQ(c.min_pass_rate_pct, 90.5);
  EXPECT_TRUE(c.fail_on_anomaly);
  EXPECT_EQ(c.bias_seed, 7u);
}

TEST(Config, UnknownKeyIsNamedWithAHint) {
  Config c;
  Status s = Parse("gates:\n  min_byte: 10\n", &c);
  ASSERT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("test.yaml:2: key 'gates.min_byte': unknown key (did you mean "
                             "'gates.min_bytes'?)"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(s.ExitCode(), 2);
}

TEST(Config, WrongValuesAreNamed) {
  Config c;
  EXPECT_NE(Parse("gates: {max_bytes: lots}\n", &c).message().find("'gates.max_bytes': expected a whole number"),
            std::string::npos);
  EXPECT_NE(Parse("gates: {keywords: vllm}\n", &c).message().find("expected a list"), std::string::npos);
  EXPECT_NE(Parse("redaction: {keep_reserved_ips: maybe}\n", &c).message().find("expected true or false"),
            std::string::npos);
  EXPECT_NE(Parse("source: {sample_rows: -3}\n", &c).message().find("positive number of rows or 'all'"),
            std::string::npos);
  EXPECT_NE(Parse("gates: {min_bytes: 500, max_bytes: 100}\n", &c).message().find("larger than"),
            std::string::npos);
  EXPECT_NE(Parse("prompts: {categories: [{name: x, words: [a]}]}\n", &c).message().find("lacks 'template'"),
            std::string::npos);
  EXPECT_NE(Parse("gates: [1]\n", &c).message().find("expected a section"), std::string::npos);
  EXPECT_NE(Parse("a: [\n", &c).message().find("not valid YAML"), std::string::npos);
}

TEST(Config, SecretRulesDefaultToAllAndCanBeChosen) {
  Config c;
  ASSERT_TRUE(Parse("", &c).ok());
  EXPECT_EQ(c.secret_rules.size(), kSecretRuleNames.size());
  ASSERT_TRUE(Parse("redaction: {secret_rules: [jwt, github_token]}\n", &c).ok());
  EXPECT_EQ(c.secret_rules, (std::vector<std::string>{"jwt", "github_token"}));
  ASSERT_TRUE(Parse("redaction: {secret_rules: []}\n", &c).ok());
  EXPECT_TRUE(c.secret_rules.empty());
}

TEST(Config, UnknownSecretRuleIsNamedWithTheKnownOnes) {
  Config c;
  Status s = Parse("redaction:\n  secret_rules: [jwt, gitlab_token]\n", &c);
  ASSERT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("test.yaml:2: key 'redaction.secret_rules': unknown secret rule "
                             "'gitlab_token' (known: pem_private_key, jwt, aws_secret_access_key,"),
            std::string::npos)
      << s.message();
}

TEST(Config, ShippedFileEqualsTheDefaults) {
  Config shipped, defaults;
  Status s = LoadConfig(std::string(AUTOMEND_SOURCE_DIR) + "/config/pipeline.yaml", &shipped);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(shipped.secret_rules, defaults.secret_rules);
  EXPECT_EQ(shipped.credential_key_suffixes, defaults.credential_key_suffixes);
  EXPECT_EQ(shipped.keywords, defaults.keywords);
  EXPECT_EQ(shipped.license_allowlist, defaults.license_allowlist);
}

}  // namespace
}  // namespace automend
