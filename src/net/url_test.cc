#include "net/url.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

Url MustParse(const std::string& text) {
  Url url;
  Status s = ParseUrl(text, &url);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return url;
}

TEST(Url, ParsesSchemeHostPortAndTarget) {
  Url u = MustParse("HTTPS://HuggingFace.co/api/datasets/a/b?cursor=2#frag");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "huggingface.co");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/api/datasets/a/b?cursor=2");
  EXPECT_EQ(u.ToString(), "https://huggingface.co/api/datasets/a/b?cursor=2");

  Url local = MustParse("http://127.0.0.1:8080");
  EXPECT_EQ(local.port, 8080);
  EXPECT_EQ(local.target, "/");
  EXPECT_EQ(local.ToString(), "http://127.0.0.1:8080/");

  Url v6 = MustParse("http://[::1]:9000/x");
  EXPECT_EQ(v6.host, "[::1]");
  EXPECT_EQ(v6.port, 9000);
}

TEST(Url, RefusesUserInfoOtherSchemesAndBadPorts) {
  Url u;
  EXPECT_TRUE(ParseUrl("https://user:secret@host/x", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("ftp://host/x", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("file:///etc/passwd", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("http://host:0/", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("http://host:99999/", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("http://host:8a/", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("http:///path", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("http://ho st/", &u).IsInvalidArgument());
  EXPECT_TRUE(ParseUrl("huggingface.co/x", &u).IsInvalidArgument());
  // The message does not repeat the credential.
  Status s = ParseUrl("https://user:secret@host/x", &u);
  EXPECT_EQ(s.message().find("secret"), std::string::npos) << s.message();
}

TEST(Url, ResolvesRedirectLocations) {
  Url base = MustParse("https://hub.test/datasets/o/n/resolve/abc/data/x.parquet?q=1");
  Url out;
  ASSERT_TRUE(ResolveLocation(base, "https://cdn.test/blob/1?sig=2", &out).ok());
  EXPECT_EQ(out.ToString(), "https://cdn.test/blob/1?sig=2");
  ASSERT_TRUE(ResolveLocation(base, "//cdn.test:8443/b", &out).ok());
  EXPECT_EQ(out.ToString(), "https://cdn.test:8443/b");
  ASSERT_TRUE(ResolveLocation(base, "/api/renamed/x?y=1", &out).ok());
  EXPECT_EQ(out.ToString(), "https://hub.test/api/renamed/x?y=1");
  ASSERT_TRUE(ResolveLocation(base, "../y.parquet", &out).ok());
  EXPECT_EQ(out.ToString(), "https://hub.test/datasets/o/n/resolve/abc/y.parquet");
  ASSERT_TRUE(ResolveLocation(base, "./z/./w", &out).ok());
  EXPECT_EQ(out.ToString(), "https://hub.test/datasets/o/n/resolve/abc/data/z/w");
  ASSERT_TRUE(ResolveLocation(base, "?cursor=5", &out).ok());
  EXPECT_EQ(out.ToString(), "https://hub.test/datasets/o/n/resolve/abc/data/x.parquet?cursor=5");
  EXPECT_FALSE(ResolveLocation(base, "", &out).ok());
  EXPECT_FALSE(ResolveLocation(base, "http://a b/", &out).ok());
}

TEST(Url, OriginIsSchemeHostAndPort) {
  Url hub = MustParse("https://huggingface.co/api");
  EXPECT_TRUE(SameOrigin(hub, MustParse("https://HUGGINGFACE.CO:443/other")));
  EXPECT_FALSE(SameOrigin(hub, MustParse("http://huggingface.co/api")));
  EXPECT_FALSE(SameOrigin(hub, MustParse("https://huggingface.co:8443/api")));
  EXPECT_FALSE(SameOrigin(hub, MustParse("https://cdn-lfs.huggingface.co/api")));
  EXPECT_FALSE(
      SameOrigin(MustParse("http://127.0.0.1:5000/"), MustParse("http://localhost:5000/")));
}

TEST(Url, MessagesLeaveOutQueryAndUserInfo) {
  EXPECT_EQ(UrlForMessages("https://cdn.test/blob?X-Amz-Signature=abc&exp=1"),
            "https://cdn.test/blob");
  EXPECT_EQ(UrlForMessages("https://u:p@host/x#f"), "https://host/x");
  EXPECT_EQ(UrlForMessages("https://host/a@b"), "https://host/a@b");
}

TEST(Url, PercentEncodesPathsAndSegments) {
  EXPECT_EQ(PercentEncodePath("data/yaml/a b+c.parquet"), "data/yaml/a%20b%2Bc.parquet");
  EXPECT_EQ(PercentEncodeSegment("refs/convert/parquet"), "refs%2Fconvert%2Fparquet");
  std::string decoded;
  ASSERT_TRUE(PercentDecode("refs%2Fpr%2f1", &decoded));
  EXPECT_EQ(decoded, "refs/pr/1");
  EXPECT_FALSE(PercentDecode("bad%2", &decoded));
  EXPECT_FALSE(PercentDecode("bad%zz", &decoded));
}

}  // namespace
}  // namespace automend
