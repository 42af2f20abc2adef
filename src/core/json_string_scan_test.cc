#include "core/json_string_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace automend {
namespace {

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
      case '/': scan.slash_escape = true; break;
      default: return JsonStringBodyScan();
    }
    ++scan.escapes;
  }
  return JsonStringBodyScan();
}

// Runs of backslashes of every length across every block boundary, quotes escaped or
// not, the rare escapes and the refused ones, in texts of every length around 64 bytes.
TEST(JsonStringScan, AgreesWithTheByteByByteWalk) {
  const char alphabet[] = {'a', 'a', 'a', 'n',  '\\', '\\', '\\',
                           '"', '/', 't', 'u', 'x',  '\n', '\xC3'};
  std::mt19937 rng(7);
  int found = 0;
  for (int round = 0; round < 200000; ++round) {
    size_t n = rng() % 200;
    std::string s(n, 'a');
    int density = 1 + static_cast<int>(rng() % 30);  // 1 in density bytes is special
    for (auto& c : s)
      if (static_cast<int>(rng() % density) == 0) c = alphabet[rng() % sizeof(alphabet)];
    JsonStringBodyScan want = Walk(s);
    for (auto scan : {ScanJsonStringBody, ScanJsonStringBodyPortable}) {
      JsonStringBodyScan got = scan(s.data(), s.size());
      ASSERT_EQ(got.ok, want.ok) << s;
      if (!want.ok) continue;
      ASSERT_EQ(got.end, want.end) << s;
      ASSERT_EQ(got.escapes, want.escapes) << s;
      ASSERT_EQ(got.slash_escape, want.slash_escape) << s;
      ASSERT_EQ(got.ascii, want.ascii) << s;
    }
    found += want.ok;
  }
  EXPECT_GT(found, 20000);  // a third end in a quote with every escape valid
}

TEST(JsonStringScan, LongRunsOfBackslashesAcrossBlocks) {
  for (size_t lead = 0; lead < 70; ++lead) {
    for (size_t run = 0; run < 140; ++run) {
      std::string s =
          std::string(lead, 'a') + std::string(run, '\\') + "\"" + std::string(70, 'b') + "\"";
      JsonStringBodyScan want = Walk(s);
      for (auto scan : {ScanJsonStringBody, ScanJsonStringBodyPortable}) {
        JsonStringBodyScan got = scan(s.data(), s.size());
        ASSERT_EQ(got.ok, want.ok) << lead << " " << run;
        ASSERT_EQ(got.end, want.end) << lead << " " << run;
        ASSERT_EQ(got.escapes, want.escapes) << lead << " " << run;
      }
    }
  }
}

}  // namespace
}  // namespace automend
