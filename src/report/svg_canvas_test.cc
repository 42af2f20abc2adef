#include "report/svg_canvas.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(WrapText, BreaksAtSpacesAndMarksWhatIsLeftOut) {
  EXPECT_EQ(WrapText("no earlier successful run", 12, 3),
            (std::vector<std::string>{"no earlier", "successful", "run"}));
  EXPECT_EQ(WrapText("one two three four five", 9, 2),
            (std::vector<std::string>{"one two", "three\xE2\x80\xA6"}));
  EXPECT_EQ(WrapText("abcdefghijkl", 5, 3), (std::vector<std::string>{"abcde", "fghij", "kl"}));
  // Characters, not bytes: five two-byte letters fit in five.
  EXPECT_EQ(WrapText("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 5, 1).front().size(), 10u);
  EXPECT_TRUE(WrapText("", 5, 2).empty());
}

TEST(SvgCanvas, OpensAnAccessibleSvgAndEscapesItsText) {
  std::string out;
  HtmlWriter w(&out);
  OpenSvg(&w, "chart", "Rows \"in\" & out", 100.26, 40);
  SvgText(&w, 1.04, 2.06, "<b>", "label", "end");
  w.Close();
  EXPECT_EQ(
      out,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 100.3 40\" "
      "width=\"100.3\" height=\"40\" role=\"img\" aria-label=\"Rows &quot;in&quot; &amp; out\">"
      "<title>Rows &quot;in&quot; &amp; out</title>"
      "<text x=\"1\" y=\"2.1\" class=\"label\" text-anchor=\"end\">&lt;b&gt;</text></svg>");
  EXPECT_GT(TextWidth("abcdef", 12), TextWidth("abc", 12));
  EXPECT_EQ(TextWidth("\xC3\xA9\xC3\xA9", 10), TextWidth("ee", 10));
}

}  // namespace
}  // namespace automend
