#include "yaml/yaml_resolver.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

// Each value's tag as PyYAML 6's Resolver (YAML 1.1) gives it; checked against PyYAML by
// tests/python/test_yaml_resolver.py as well.
TEST(YamlResolver, MatchesPyYamlImplicitTags) {
  struct Case {
    const char* value;
    YamlTag tag;
  } cases[] = {
      {"", YamlTag::kNull},        {"~", YamlTag::kNull},         {"null", YamlTag::kNull},
      {"Null", YamlTag::kNull},    {"NULL", YamlTag::kNull},      {"nULL", YamlTag::kStr},
      {"yes", YamlTag::kBool},     {"No", YamlTag::kBool},        {"ON", YamlTag::kBool},
      {"off", YamlTag::kBool},     {"y", YamlTag::kStr},          {"True", YamlTag::kBool},
      {"tRue", YamlTag::kStr},     {"0", YamlTag::kInt},          {"-0", YamlTag::kInt},
      {"+12", YamlTag::kInt},      {"1_000", YamlTag::kInt},      {"0b1010", YamlTag::kInt},
      {"0x1F", YamlTag::kInt},     {"0o17", YamlTag::kStr},       {"017", YamlTag::kInt},
      {"09", YamlTag::kStr},       {"190:20:30", YamlTag::kInt},  {"1:70", YamlTag::kStr},
      {"1.0", YamlTag::kFloat},    {"1.", YamlTag::kFloat},       {".5", YamlTag::kFloat},
      {"1e5", YamlTag::kStr},      {"1.0e+5", YamlTag::kFloat},   {"1.0e5", YamlTag::kStr},
      {".inf", YamlTag::kFloat},   {"-.Inf", YamlTag::kFloat},    {".NaN", YamlTag::kFloat},
      {"+.nan", YamlTag::kStr},    {"190:20:30.15", YamlTag::kFloat}, {"1.2.3", YamlTag::kStr},
      {"2001-12-14", YamlTag::kTimestamp}, {"2001-12-14t21:59:43.10-05:00", YamlTag::kTimestamp},
      {"2001-12-14 21:59:43.10 -5", YamlTag::kTimestamp}, {"2001-1-1", YamlTag::kStr},
      {"2001-1-1 1:00:00", YamlTag::kTimestamp}, {"2001-12-14Z", YamlTag::kStr},
      {"<<", YamlTag::kMerge},     {"=", YamlTag::kValue},        {"v1", YamlTag::kStr},
      {"8.8.8.8", YamlTag::kStr},  {"1.0\n", YamlTag::kFloat},    {"\n", YamlTag::kStr},
  };
  for (const auto& c : cases)
    EXPECT_EQ(ResolvePlainScalar(c.value), c.tag) << "value: '" << c.value << "'";
}

TEST(YamlResolver, ExplicitTags) {
  EXPECT_EQ(TagFromExplicit("tag:yaml.org,2002:str"), YamlTag::kStr);
  EXPECT_EQ(TagFromExplicit("tag:yaml.org,2002:binary"), YamlTag::kOtherStandard);
  EXPECT_EQ(TagFromExplicit("!Ref"), YamlTag::kNonStandard);
  EXPECT_EQ(TagFromExplicit("tag:example.com,2000:x"), YamlTag::kNonStandard);
}

}  // namespace
}  // namespace automend
