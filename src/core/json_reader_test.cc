#include "core/json_reader.h"

#include <gtest/gtest.h>

#include <cmath>

namespace automend {
namespace {

TEST(JsonReader, AcceptsWhatPythonJsonLoadsAccepts) {
  JsonValue v;
  ASSERT_TRUE(ParseJson(R"( {"a": [1, -2.5e3, true, false, null, NaN, -Infinity], "b": "x\u00e9\ud83d\ude00"} )", &v).ok());
  ASSERT_TRUE(v.is_object());
  const auto& a = v.Find("a")->array();
  EXPECT_EQ(a[0].as_int(), 1);
  EXPECT_DOUBLE_EQ(a[1].as_double(), -2500);
  EXPECT_TRUE(std::isnan(a[5].as_double()));
  EXPECT_TRUE(std::isinf(a[6].as_double()));
  EXPECT_EQ(v.Find("b")->as_string(), "x\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonReader, LastDuplicateKeyWins) {
  JsonValue v;
  ASSERT_TRUE(ParseJson(R"({"k": 1, "k": 2})", &v).ok());
  EXPECT_EQ(v.Find("k")->as_int(), 2);
}

TEST(JsonReader, RefusesWhatPythonRefusesWithPosition) {
  JsonValue v;
  Status s = ParseJson("{\"a\": 1,}", &v);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line 1 column 9"), std::string::npos) << s.message();
  EXPECT_FALSE(ParseJson("\"tab\there\"", &v).ok());  // raw control character
  EXPECT_FALSE(ParseJson("01", &v).ok());
  EXPECT_FALSE(ParseJson("[1] x", &v).ok());
  EXPECT_FALSE(ParseJson("\"\\x\"", &v).ok());
  EXPECT_FALSE(ParseJson("\"\\u12\"", &v).ok());
  EXPECT_FALSE(ParseJson("", &v).ok());
  EXPECT_FALSE(ParseJson("'single'", &v).ok());
}

TEST(JsonReader, LoneSurrogatesAreKeptAsInvalidBytes) {
  JsonValue v;
  ASSERT_TRUE(ParseJson(R"("a\ud800b")", &v).ok());
  EXPECT_EQ(v.as_string(), "a\xED\xA0\x80" "b");
}

TEST(JsonReader, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  JsonValue v;
  Status s = ParseJson(deep, &v);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("Nesting too deep"), std::string::npos);
  std::string ok(kJsonMaxDepth, '[');
  ok += std::string(kJsonMaxDepth, ']');
  EXPECT_TRUE(ParseJson(ok, &v).ok());
}

}  // namespace
}  // namespace automend
