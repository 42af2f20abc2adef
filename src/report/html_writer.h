// HtmlWriter: a tiny builder for the run report's HTML and inline SVG. It escapes every
// piece of text and every attribute value it is given, so report data (file names,
// rejection details, manifests) can never become markup; raw markup goes in only through
// Raw(), which callers use for the SVG and CSS they generate themselves. It keeps a stack
// of open elements, so Close() always closes the right tag and the output stays balanced.
// A cheap value around a caller-owned string; one per thread.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace automend {

// Appends `text` with &, <, >, " and ' escaped. Bytes that are not valid UTF-8 become
// U+FFFD, so the page is always valid UTF-8 whatever the reports contain.
void AppendHtmlEscaped(std::string_view text, std::string* out);
std::string HtmlEscape(std::string_view text);

// A number for attributes and labels: integers without a decimal point, others with at
// most `decimals` digits after it, trailing zeros removed ("12", "12.5", "0.25").
std::string FormatNumber(double value, int decimals = 2);
// An integer with thin thousands separators ("1 209 000"), as people read counts.
std::string FormatCount(long long value);
// A share in [0, 1] as a percentage with one decimal ("40.7%").
std::string FormatPercent(double share);

using HtmlAttributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

class HtmlWriter {
 public:
  explicit HtmlWriter(std::string* out) : out_(out) {}

  // <tag a="v" ...>; the element stays open until the matching Close().
  HtmlWriter& Open(std::string_view tag, HtmlAttributes attributes = {});
  // Closes the innermost open element.
  HtmlWriter& Close();
  // <tag a="v" .../> (HTML void elements and empty SVG shapes).
  HtmlWriter& Empty(std::string_view tag, HtmlAttributes attributes = {});
  // Open, escaped text, Close.
  HtmlWriter& Element(std::string_view tag, std::string_view text, HtmlAttributes attributes = {});
  HtmlWriter& Text(std::string_view text);
  // Markup the caller generated (never data).
  HtmlWriter& Raw(std::string_view html);

  // Elements still open (0 when every Open had its Close).
  size_t depth() const { return open_.size(); }

 private:
  void Tag(std::string_view tag, HtmlAttributes attributes);

  std::string* out_;
  std::vector<std::string> open_;
};

}  // namespace automend
