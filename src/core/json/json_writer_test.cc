#include "core/json/json_writer.h"

#include <gtest/gtest.h>

#include "core/json/json_reader.h"

namespace automend {
namespace {

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string Dbl(double d) {
  std::string out;
  AppendJsonDouble(d, &out);
  return out;
}

// Expected strings below are Python 3's json.dumps output for the same values.
TEST(JsonWriter, EscapesLikePythonJsonDumps) {
  EXPECT_EQ(Str(std::string("\x00\x01\x1f\x7f\"\\/\n\r\t\b\f", 12)),
            R"("\u0000\u0001\u001f\u007f\"\\/\n\r\t\b\f")");
  EXPECT_EQ(Str("plain text ~"), "\"plain text ~\"");
}

TEST(JsonWriter, EscapesEveryControlCharacter) {
  for (int c = 0; c < 0x20; ++c) {
    std::string s = Str(std::string(1, static_cast<char>(c)));
    ASSERT_GE(s.size(), 4u) << c;
    if (s.size() == 4) continue;  // a short form such as \n
    char expect[16];
    std::snprintf(expect, sizeof expect, "\"\\u%04x\"", c);
    EXPECT_EQ(s, expect);
  }
}

TEST(JsonWriter, EscapesNonAsciiAndAstralAsPython) {
  EXPECT_EQ(Str("\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"), R"("\u00e9\u65e5\ud83d\ude00")");
}

TEST(JsonWriter, InvalidUtf8BecomesSurrogateEscapeAndReadsBack) {
  std::string bad = "a\xFF" "b\xC3";
  std::string json = Str(bad);
  EXPECT_EQ(json, R"("a\udcffb\udcc3")");
  JsonValue v;
  ASSERT_TRUE(ParseJson(json, &v).ok());
  EXPECT_EQ(v.as_string(), bad);
}

TEST(JsonWriter, FloatsAsPythonRepr) {
  EXPECT_EQ(Dbl(1.0), "1.0");
  EXPECT_EQ(Dbl(0.1), "0.1");
  EXPECT_EQ(Dbl(1e16), "1e+16");
  EXPECT_EQ(Dbl(1e15), "1000000000000000.0");
  EXPECT_EQ(Dbl(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(Dbl(0.0001), "0.0001");
  EXPECT_EQ(Dbl(0.00001), "1e-05");
  EXPECT_EQ(Dbl(1.5e-7), "1.5e-07");
  EXPECT_EQ(Dbl(-2.5), "-2.5");
  EXPECT_EQ(Dbl(1e22), "1e+22");
  EXPECT_EQ(Dbl(5e-324), "5e-324");
  EXPECT_EQ(Dbl(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(Dbl(0.0), "0.0");
  EXPECT_EQ(Dbl(-0.0), "-0.0");
  EXPECT_EQ(Dbl(100.0), "100.0");
  EXPECT_EQ(Dbl(1234.5678), "1234.5678");
  EXPECT_EQ(Dbl(2.0 / 3.0), "0.6666666666666666");
  EXPECT_EQ(Dbl(12345678901234567.0), "1.2345678901234568e+16");
  EXPECT_EQ(Dbl(9007199254740993.0), "9007199254740992.0");
  EXPECT_EQ(Dbl(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(Dbl(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(Dbl(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(JsonWriter, DefaultSeparatorsAndKeyOrder) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject().Field("b", 1).Key("a").BeginArray().String("x").Null().Bool(true).EndArray();
  w.Key("c").BeginObject().EndObject().EndObject();
  EXPECT_EQ(out, R"({"b": 1, "a": ["x", null, true], "c": {}})");
}

TEST(JsonWriter, IndentMatchesPythonIndent2) {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject().Key("a").BeginArray().Int(1).BeginObject().Key("b").Null().EndObject();
  w.EndArray().Key("c").BeginArray().EndArray().Key("d").BeginObject().EndObject().EndObject();
  EXPECT_EQ(out, "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": [],\n"
                 "  \"d\": {}\n}");
}

}  // namespace
}  // namespace automend
