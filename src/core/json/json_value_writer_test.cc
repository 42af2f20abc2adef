#include "core/json/json_value_writer.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

std::string RoundTrip(std::string_view text) {
  JsonValue v;
  Status s = ParseJson(text, &v);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return JsonDumps(v);
}

TEST(JsonValueWriter, JsonDumpsTextComesBackByteForByte) {
  const std::string line =
      R"({"messages": [{"role": "user", "content": "caf\u00e9 \ud83d\ude00"}], )"
      R"("metadata": {"n": -3, "x": 1.5, "e": 1e-05, "big": 1e+16, "ok": true, "none": null, )"
      R"("list": [], "obj": {}, "s": "a\"b\\c\n\t\u0001\u007f"}})";
  EXPECT_EQ(RoundTrip(line), line);
}

TEST(JsonValueWriter, NormalisesOtherSpellingsAsPythonWould) {
  EXPECT_EQ(RoundTrip("{\"a\":1,\"b\":[1 ,2],\"c\":1E2,\"d\":\"\\u00E9\",\"e\":-0}"),
            R"({"a": 1, "b": [1, 2], "c": 100.0, "d": "\u00e9", "e": 0})");
  EXPECT_EQ(RoundTrip("\"caf\xc3\xa9\""), R"("caf\u00e9")");
}

TEST(JsonValueWriter, RepeatedKeyKeepsFirstPositionAndLastValueLikeADict) {
  EXPECT_EQ(RoundTrip(R"({"a": 1, "b": 2, "a": 3})"), R"({"a": 3, "b": 2})");
}

TEST(JsonValueWriter, WritesInsideAnEnclosingWriter) {
  JsonValue v;
  ASSERT_TRUE(ParseJson(R"([1, {"k": "v"}])", &v).ok());
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Key("inner");
  WriteJsonValue(v, &w);
  w.Field("after", 2).EndObject();
  EXPECT_EQ(out, R"({"inner": [1, {"k": "v"}], "after": 2})");
}

}  // namespace
}  // namespace automend
