#include "core/json/json_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace automend {
namespace {

TEST(JsonReader, AcceptsWhatPythonJsonLoadsAccepts) {
  JsonValue v;
  ASSERT_TRUE(ParseJson(
                  R"( {"a": [1, -2.5e3, true, false, null, NaN, -Infinity], "b": "x\u00e9\ud83d\ude00"} )",
                  &v)
                  .ok());
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

// String decoding copies 16-byte blocks and grows its output as it goes: escapes of every
// kind must decode the same wherever they fall relative to a block or the growth steps.
TEST(JsonReader, DecodesEscapesAtEveryOffset) {
  struct Piece {
    std::string_view literal, decoded;
  };
  const Piece pieces[] = {
      {"abc", "abc"},
      {"\\n", "\n"},
      {"\\\"", "\""},
      {"\\\\", "\\"},
      {"\\/", "/"},
      {"\\b\\f\\r\\t", "\b\f\r\t"},
      {"\\u00e9", "\xC3\xA9"},
      {"\\u20AC", "\xE2\x82\xAC"},
      {"\\ud83d\\ude00", "\xF0\x9F\x98\x80"},
      {"\\udcff", "\xFF"},
      {"\\ud800x", "\xED\xA0\x80x"},
      {"\\ud800\\u0041",
       "\xED\xA0\x80"
       "A"},
      {"\\u0000", std::string_view("\0", 1)},
      {"\xC3\xA9", "\xC3\xA9"},  // raw UTF-8 is copied as is
      {"0123456789abcdefghij", "0123456789abcdefghij"},
  };
  std::mt19937 rng(7);
  for (int round = 0; round < 4000; ++round) {
    std::string literal = "\"", expected;
    size_t prefix = rng() % 40;
    literal += std::string(prefix, 'p');
    expected += std::string(prefix, 'p');
    for (size_t k = rng() % 12; k > 0; --k) {
      const Piece& piece = pieces[rng() % std::size(pieces)];
      literal += piece.literal;
      expected += piece.decoded;
    }
    literal += "\"";
    JsonValue v;
    ASSERT_TRUE(ParseJson(literal, &v).ok()) << literal;
    ASSERT_EQ(v.as_string(), expected) << literal;
    ASSERT_TRUE(ParseJson("[" + literal + ", 1]", &v).ok()) << literal;  // text after the string
    ASSERT_EQ(v.array()[0].as_string(), expected) << literal;
  }
}

TEST(JsonReader, RefusesBadStringsAtEveryOffset) {
  for (size_t prefix = 0; prefix < 40; ++prefix) {
    std::string plain(prefix, 'p');
    for (std::string_view bad : {"\\x", "\\u12g4", "\x01", "\\", "\\u12"}) {
      JsonValue v;
      std::string text = "\"" + plain + "\\n" + std::string(bad) + "\"";
      EXPECT_FALSE(ParseJson(text, &v).ok()) << text;
      EXPECT_FALSE(ParseJson("\"" + plain + "\\n" + std::string(bad), &v).ok()) << text;
    }
  }
}

// The lean walk of an object must accept and refuse exactly what ParseJson does, with the
// same message, whether the bad part is in a member it decodes or one it skips.
TEST(JsonReader, ObjectMembersWalkAcceptsAndRefusesAsParseJson) {
  const std::vector<std::string> texts = {
      R"({"a": 1, "b": "x"})",
      R"( {"skip": [1, {"x": [null, true, false]}, "s\n"], "a": "y"} )",
      R"({"skip": NaN, "s2": -Infinity, "s3": Infinity, "a": -1.5e3})",
      R"({"skip": "bad \x escape", "a": 1})",
      "{\"skip\": \"raw \x01 control\", \"a\": 1}",
      R"({"skip": [1, 2,], "a": 1})",
      R"({"skip": {"k" 1}, "a": 1})",
      R"({"skip": 01, "a": 1})",
      R"({"skip": tru, "a": 1})",
      R"({"skip": "\u12", "a": 1})",
      R"({"a": 1} x)",
      R"({"a": 1,})",
      R"({"a": 1)",
      R"({"skip": "unterminated)",
      R"([1, 2])",
      R"("just a string")",
      R"([1, 2)",
      "",
      "  ",
  };
  for (const std::string& text : texts) {
    JsonValue whole;
    Status expected = ParseJson(text, &whole);
    JsonValue a;
    bool is_object = false;
    Status s = ParseJsonObjectMembers(
        text, [&a](std::string_view key) { return key == "a" ? &a : nullptr; }, &is_object);
    EXPECT_EQ(s.ok(), expected.ok()) << text;
    EXPECT_EQ(s.message(), expected.message()) << text;
    if (!s.ok()) continue;
    EXPECT_EQ(is_object, whole.is_object()) << text;
    if (const JsonValue* want = whole.is_object() ? whole.Find("a") : nullptr) {
      EXPECT_EQ(a.type(), want->type()) << text;
      EXPECT_EQ(a.as_double(), want->as_double()) << text;
      EXPECT_EQ(a.as_string(), want->as_string()) << text;
    }
  }
}

TEST(JsonReader, ObjectMembersWalkDecodesOnlyWantedMembersLastOneWins) {
  JsonValue a, b;
  std::vector<std::string> keys;
  bool is_object = false;
  Status s = ParseJsonObjectMembers(
      R"({"a": [1, 2], "\u0062": {"n": 1}, "c": [3], "a": [4], "b": "late"})",
      [&](std::string_view key) -> JsonValue* {
        keys.emplace_back(key);
        return key == "a" ? &a : key == "b" ? &b : nullptr;
      },
      &is_object);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(is_object);
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c", "a", "b"}));
  ASSERT_TRUE(a.is_array());
  ASSERT_EQ(a.array().size(), 1u);  // the repeated key started over
  EXPECT_EQ(a.array()[0].as_int(), 4);
  EXPECT_EQ(b.as_string(), "late");
}

TEST(JsonReader, ObjectMembersWalkDescribesStringsWithoutDecoding) {
  struct Case {
    std::string literal;
    bool unicode, needless, lone;
  };
  const Case cases[] = {
      {R"("")", false, false, false},
      {R"("plain")", false, false, false},
      {R"("a\nb\tc\"d\\e")", false, false, false},
      {R"("\\\\n")", false, false, false},  // two backslashes, then "n"
      {R"("a\/b")", false, true, false},
      {R"("\u00e9\ud83d\ude00x")", true, false, false},
      {R"("\\u0041")", false, false, false},  // a backslash, then "u0041"
      {R"("\u0041\u001b")", true, true, false},
      {R"("\u0022\u005C\u000a")", true, false, false},
      {R"("\ud83d x")", true, false, true},  // lone surrogates are described by the walk
      {R"("\udcff\u00e9\/")", true, true, true},
  };
  for (const Case& c : cases) {
    std::string text = R"({"s": 1, "s": )" + c.literal + R"(, "n": "x"})";
    JsonValue value;
    JsonStringSpan span;
    bool is_object = false;
    Status s = ParseJsonObjectMembers(
        text,
        [&](std::string_view key) {
          return key == "s" ? JsonMemberSlot(&value, &span) : JsonMemberSlot();
        },
        &is_object);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(value.is_null()) << c.literal;  // described, not decoded
    EXPECT_EQ(span.literal, c.literal);
    EXPECT_EQ(span.literal.data(), text.data() + text.find(c.literal, 10)) << "a view of the text";
    EXPECT_EQ(span.unicode_escape, c.unicode) << c.literal;
    EXPECT_EQ(span.needless_escape, c.needless) << c.literal;
    EXPECT_EQ(span.lone_surrogate, c.lone) << c.literal;
    JsonValue whole;
    ASSERT_TRUE(ParseJson(c.literal, &whole).ok());
    EXPECT_EQ(DecodeJsonString(span), whole.as_string()) << c.literal;
    EXPECT_EQ(span.decoded_size(), whole.as_string().size()) << c.literal;
  }
}

TEST(JsonReader, ObjectMembersWalkSpanSlotStartsOverAndDecodesOtherTypes) {
  JsonValue value;
  JsonStringSpan span;
  bool is_object = false;
  auto slot = [&](std::string_view key) {
    return key == "s" ? JsonMemberSlot(&value, &span) : JsonMemberSlot();
  };
  ASSERT_TRUE(ParseJsonObjectMembers(R"({"s": "a\\b", "s": [1]})", slot, &is_object).ok());
  EXPECT_TRUE(span.empty());  // the repeated key started over
  EXPECT_EQ(span.saved, 0u);
  ASSERT_TRUE(value.is_array());
  // Errors inside a described string are those of ParseJson.
  for (std::string text : {R"({"s": "a\x"})", R"({"s": "a\u12"})", "{\"s\": \"a\n\"}"}) {
    JsonValue whole;
    Status expected = ParseJson(text, &whole);
    Status s = ParseJsonObjectMembers(text, slot, &is_object);
    EXPECT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.message(), expected.message()) << text;
  }
}

TEST(JsonReader, ObjectMembersWalkLimitsNestingInSkippedMembers) {
  std::string deep = "{\"skip\": " + std::string(100000, '[');
  bool is_object = false;
  Status s = ParseJsonObjectMembers(
      deep, [](std::string_view) { return nullptr; }, &is_object);
  EXPECT_NE(s.message().find("Nesting too deep"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace automend
