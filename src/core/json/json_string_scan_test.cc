#include "core/json/json_string_scan.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace automend {
namespace {

// The code unit of the four hex digits at s[at, at + 4), or -1.
long Hex4(const std::string& s, size_t at) {
  if (at + 4 > s.size()) return -1;
  for (size_t k = at; k < at + 4; ++k)
    if (!std::isxdigit(static_cast<unsigned char>(s[k]))) return -1;
  return std::stol(s.substr(at, 4), nullptr, 16);
}

// The obvious walk: what ScanJsonStringBody must find, or refuse (ok false), for a body.
JsonStringBodyScan Walk(const std::string& s) {
  JsonStringBodyScan scan;
  scan.ascii = true;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20) return JsonStringBodyScan();
    if (c == '"') {
      scan.ok = true;
      scan.end = i;
      return scan;
    }
    if (c >= 0x80) scan.ascii = false;
    if (c != '\\') continue;
    if (++i == s.size()) return JsonStringBodyScan();
    switch (s[i]) {
      case '"': case '\\': case 'n': case 't': case 'r': case 'b': case 'f': break;
      case '/': scan.needless_escape = true; break;
      case 'u': {
        long unit = Hex4(s, i + 1);
        if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return JsonStringBodyScan();
        scan.unicode_escape = true;
        i += 4;
        if (unit >= 0xD800 && unit <= 0xDBFF) {  // only a pair is taken
          long low = s.compare(i + 1, 2, "\\u") == 0 ? Hex4(s, i + 3) : -1;
          if (low < 0xDC00 || low > 0xDFFF) return JsonStringBodyScan();
          i += 6;
          scan.saved += 12 - 4;
          continue;
        }
        scan.needless_escape |= unit >= 0x20 && unit < 0x80 && unit != '"' && unit != '\\';
        scan.saved += 6 - (unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3);
        continue;
      }
      default: return JsonStringBodyScan();
    }
    ++scan.saved;
  }
  return JsonStringBodyScan();
}

void ExpectSame(const JsonStringBodyScan& got, const JsonStringBodyScan& want,
                const std::string& s) {
  ASSERT_EQ(got.ok, want.ok) << s;
  if (!want.ok) return;
  ASSERT_EQ(got.end, want.end) << s;
  ASSERT_EQ(got.saved, want.saved) << s;
  ASSERT_EQ(got.unicode_escape, want.unicode_escape) << s;
  ASSERT_EQ(got.needless_escape, want.needless_escape) << s;
  ASSERT_EQ(got.ascii, want.ascii) << s;
}

// Runs of backslashes of every length across every block boundary, quotes escaped or
// not, the rare escapes and the refused ones, in texts of every length around 64 bytes.
TEST(JsonStringScan, AgreesWithTheByteByByteWalk) {
  const std::vector<std::string> alphabet = {
      "a", "a", "a", "n", "\\", "\\", "\\", "\"", "/", "t", "u", "x", "\n", "\xC3",
      // \u escapes: ASCII (needless or not), 2 and 3 bytes, a pair, lone and cut-off
      // surrogates, bad hex
      "\\u0041", "\\u001b", "\\u0022", "\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\ud83d",
      "\\udc80", "\\ud83d\\u0041", "\\u12", "\\u00g0"};
  std::mt19937 rng(7);
  int found = 0, unicode = 0;
  for (int round = 0; round < 200000; ++round) {
    size_t n = rng() % 120;
    std::string s;
    int density = 1 + static_cast<int>(rng() % 30);  // 1 in density pieces is special
    for (size_t i = 0; i < n; ++i)
      s += static_cast<int>(rng() % density) == 0 ? alphabet[rng() % alphabet.size()] : "a";
    JsonStringBodyScan want = Walk(s);
    for (auto scan : {ScanJsonStringBody, ScanJsonStringBodyPortable}) {
      ExpectSame(scan(s.data(), s.size()), want, s);
      if (HasFatalFailure()) return;
    }
    found += want.ok;
    unicode += want.ok && want.unicode_escape;
  }
  EXPECT_GT(found, 10000);  // many end in a quote with every escape valid
  EXPECT_GT(unicode, 2000);
}

// What the scan says about \u escapes, against json.loads's decoding.
TEST(JsonStringScan, UnicodeEscapes) {
  struct Case {
    std::string body;
    bool ok;
    size_t decoded;
    bool needless;
  };
  const Case cases[] = {
      {R"(caf\u00e9")", true, 5, false},
      {R"(\u20ac \ud83d\ude00")", true, 3 + 1 + 4, false},
      {R"(\u0041")", true, 1, true},       // "A": could be written as itself
      {R"(\u007f")", true, 1, true},
      {R"(\u001b[0m")", true, 4, false},   // a control character must be escaped
      {R"(\u0022\u005c")", true, 2, false},  // '"' and '\\'
      {R"(\ud83d")", false, 0, false},     // lone surrogates: walked byte by byte
      {R"(\ude00\ud83d")", false, 0, false},
      {R"(\ud83d\u0041")", false, 0, false},
      {R"(\u00e")", false, 0, false},
  };
  for (const Case& c : cases) {
    for (auto scan : {ScanJsonStringBody, ScanJsonStringBodyPortable}) {
      JsonStringBodyScan got = scan(c.body.data(), c.body.size());
      EXPECT_EQ(got.ok, c.ok) << c.body;
      if (!c.ok) continue;
      EXPECT_TRUE(got.unicode_escape) << c.body;
      EXPECT_EQ(got.end, c.body.size() - 1) << c.body;
      EXPECT_EQ(got.end - got.saved, c.decoded) << c.body;
      EXPECT_EQ(got.needless_escape, c.needless) << c.body;
    }
  }
  // A pair split across two blocks, at every offset.
  for (size_t lead = 50; lead < 70; ++lead) {
    std::string s = std::string(lead, 'a') + R"(\ud83d\ude00\n")";
    for (auto scan : {ScanJsonStringBody, ScanJsonStringBodyPortable}) {
      JsonStringBodyScan got = scan(s.data(), s.size());
      ASSERT_TRUE(got.ok) << lead;
      EXPECT_EQ(got.end - got.saved, lead + 4 + 1) << lead;
    }
  }
}

TEST(JsonStringScan, LongRunsOfBackslashesAcrossBlocks) {
  for (size_t lead = 0; lead < 70; ++lead) {
    for (size_t run = 0; run < 140; ++run) {
      std::string s =
          std::string(lead, 'a') + std::string(run, '\\') + "\"" + std::string(70, 'b') + "\"";
      JsonStringBodyScan want = Walk(s);
      for (auto scan : {ScanJsonStringBody, ScanJsonStringBodyPortable}) {
        ExpectSame(scan(s.data(), s.size()), want, s);
        if (HasFatalFailure()) return;
      }
    }
  }
}

}  // namespace
}  // namespace automend
