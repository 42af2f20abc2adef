#include "redact/text_scanners.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace automend {
namespace {

using Finder = bool (*)(std::string_view, size_t, TextMatch*);

std::vector<std::string> All(Finder find, std::string_view text) {
  std::vector<std::string> out;
  TextMatch m;
  size_t from = 0;
  while (find(text, from, &m)) {
    out.emplace_back(text.substr(m.begin, m.end - m.begin));
    from = m.end;
  }
  return out;
}

using V = std::vector<std::string>;

TEST(TextScanners, Ipv4DottedQuads) {
  EXPECT_EQ(All(FindIpv4, "host 8.8.8.8, http://1.2.3.4:80/x and 255.255.255.255."),
            (V{"8.8.8.8", "1.2.3.4", "255.255.255.255"}));
  EXPECT_EQ(All(FindIpv4, "010.001.1.1"), (V{"010.001.1.1"}));  // 1-3 digits, value <= 255
}

TEST(TextScanners, Ipv4RefusesLookalikes) {
  EXPECT_EQ(All(FindIpv4, "256.1.1.1 1.2.3.256 1.2.3 1234.1.1.1 1.2.3.4567"), V{});
  EXPECT_EQ(All(FindIpv4, "v1.2.3.4 x_1.2.3.4 .1.2.3.4 1.2.3.4.5 1.2.3.4a 1.2.3.4_"), V{});
  EXPECT_EQ(All(FindIpv4, "image:1.2.3.4-beta"), (V{"1.2.3.4"}));  // '-' is not excluded
  EXPECT_EQ(All(FindIpv4, "1.2.3.4. end"), (V{"1.2.3.4"}));       // '.' then no digit
}

TEST(TextScanners, ReservedRanges) {
  for (const char* ip : {"0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.255", "127.0.0.1",
                         "169.254.1.1", "172.16.0.1", "172.31.255.255", "192.0.2.5", "192.168.1.1",
                         "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
                         "224.0.0.1", "239.1.1.1", "240.0.0.1", "255.255.255.255"})
    EXPECT_TRUE(IsReservedIpv4(ip)) << ip;
  for (const char* ip : {"8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.0.1", "172.32.0.1",
                         "192.0.3.1", "192.169.0.1", "198.20.0.1", "203.0.114.1", "223.255.255.255"})
    EXPECT_FALSE(IsReservedIpv4(ip)) << ip;
}

TEST(TextScanners, Emails) {
  EXPECT_EQ(All(FindEmail, "mail ops.team+ml@example.co.uk or <a@b.io>"),
            (V{"ops.team+ml@example.co.uk", "a@b.io"}));
  EXPECT_EQ(All(FindEmail, "a@b.com-x a@b.c.de1 x@y@foo.com"),
            (V{"a@b.com", "a@b.c.de", "y@foo.com"}));
  EXPECT_EQ(All(FindEmail, "user@localhost a@b.c @x.com a@.com a@b..com"), V{});
  EXPECT_EQ(All(FindEmail, "naïve@exämple.com j@x.com"), (V{"j@x.com"}));
}

TEST(TextScanners, ApiKeys) {
  const std::string k20 = "sk-" + std::string(20, 'a');
  EXPECT_EQ(All(FindApiKey, "key=" + k20 + " " + "sk-proj-abc_DEF-123456789012345678"),
            (V{k20, "sk-proj-abc_DEF-123456789012345678"}));
  EXPECT_EQ(All(FindApiKey, "sk-" + std::string(19, 'a')), V{});
  EXPECT_EQ(All(FindApiKey, "task-" + std::string(30, 'a')), V{});   // preceded by a letter
  EXPECT_EQ(All(FindApiKey, "my_sk-" + std::string(30, 'a')), V{});  // preceded by '_'
  EXPECT_EQ(All(FindApiKey, "sk-admin1234567890123456789-x"), (V{"sk-admin1234567890123456789"}));
  EXPECT_EQ(All(FindApiKey, "sk-svcacct-" + std::string(25, 'Z')),
            (V{"sk-svcacct-" + std::string(25, 'Z')}));
}

}  // namespace
}  // namespace automend
