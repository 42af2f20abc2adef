#include "report/html_writer.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(HtmlEscape, EscapesTheFiveMarkupCharacters) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("</script><script>alert(1)</script>"),
            "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
}

TEST(HtmlEscape, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(HtmlEscape("caf\xC3\xA9 \xE6\x8E\xA8\xE8\xAB\x96 \xF0\x9F\x9A\x80"),
            "caf\xC3\xA9 \xE6\x8E\xA8\xE8\xAB\x96 \xF0\x9F\x9A\x80");
  // A stray continuation byte, a truncated sequence, an overlong '<' and a surrogate.
  EXPECT_EQ(HtmlEscape("a\x80"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(HtmlEscape("x\xE6\x8E"), "x\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(HtmlEscape("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(HtmlEscape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(HtmlWriter, EscapesTextAndAttributesAndClosesInOrder) {
  std::string out;
  HtmlWriter w(&out);
  w.Open("div", {{"class", "a\"b"}, {"data-x", "<1>"}}).Open("p").Text("1 < 2");
  EXPECT_EQ(w.depth(), 2u);
  w.Close().Empty("br").Element("code", "x&y").Close();
  EXPECT_EQ(w.depth(), 0u);
  EXPECT_EQ(out,
            "<div class=\"a&quot;b\" data-x=\"&lt;1&gt;\"><p>1 &lt; 2</p><br/>"
            "<code>x&amp;y</code></div>");
  w.Close();  // nothing open: no stray closing tag
  EXPECT_EQ(out.substr(out.size() - 6), "</div>");
}

TEST(HtmlWriter, RawIsTakenVerbatim) {
  std::string out;
  HtmlWriter(&out).Raw("<svg></svg>");
  EXPECT_EQ(out, "<svg></svg>");
}

TEST(FormatNumber, DropsTrailingZeros) {
  EXPECT_EQ(FormatNumber(12), "12");
  EXPECT_EQ(FormatNumber(12.5), "12.5");
  EXPECT_EQ(FormatNumber(0.4067796610169492, 3), "0.407");
  EXPECT_EQ(FormatNumber(-0.0001), "0");
  EXPECT_EQ(FormatCount(1209000),
            "1\xE2\x80\xAF"
            "209\xE2\x80\xAF"
            "000");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatPercent(0.4067796610169492), "40.7%");
  EXPECT_EQ(FormatPercent(1.0), "100%");
}

}  // namespace
}  // namespace automend
