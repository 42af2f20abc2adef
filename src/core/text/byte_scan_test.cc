#include "core/text/byte_scan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

namespace automend {
namespace {

// The vector paths must agree with the obvious loop at every position and length,
// including hits in the scalar tail and in each lane of a 16-byte block.
TEST(ByteScan, AgreesWithTheScalarDefinition) {
  std::mt19937 rng(5);
  for (int round = 0; round < 3000; ++round) {
    size_t n = rng() % 70;
    std::string s(n, 'a');
    for (auto& c : s) {
      unsigned r = rng() % 40;
      c = r == 0 ? '"' : r == 1 ? '\\' : r == 2 ? '\n' : r == 3 ? '\x7f' : r == 4 ? '\xc3' : 'a';
    }
    size_t special = n, escape = n, high = n;
    for (size_t i = n; i-- > 0;) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c == '"' || c == '\\' || c < 0x20) special = i;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) escape = i;
      if (c >= 0x80) high = i;
    }
    ASSERT_EQ(FindJsonStringSpecial(s.data(), n), special) << s;
    ASSERT_EQ(FindJsonEscapeNeeded(s.data(), n), escape) << s;
    ASSERT_EQ(FindNonAscii(s.data(), n), high) << s;
  }
}

TEST(ByteScan, CopyJsonStringRunCopiesThePlainRunWithinRoom) {
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    size_t n = rng() % 70;
    std::string s(n, 'a');
    for (auto& c : s) {
      unsigned r = rng() % 40;
      c = r == 0   ? '"'
          : r == 1 ? '\\'
          : r == 2 ? '\n'
          : r == 3 ? '\xc3'
                   : static_cast<char>('a' + r);
    }
    size_t room = rng() % 80;
    std::string dst(room, '?');
    size_t expected = std::min(FindJsonStringSpecial(s.data(), n), room);
    ASSERT_EQ(CopyJsonStringRun(s.data(), n, dst.data(), room), expected) << s;
    ASSERT_EQ(dst.substr(0, expected), s.substr(0, expected)) << s;
  }
}

}  // namespace
}  // namespace automend
