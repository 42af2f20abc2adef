// SvgCanvas: the small drawing vocabulary the report's SVG charts share — numbers written
// compactly, text placed with a CSS class, the <svg> element with its accessible title,
// and text measured and wrapped by code points (SVG cannot wrap or measure text without a
// script, so labels get room by a rule of thumb). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/html_writer.h"

namespace automend {

// A coordinate or length: at most one decimal.
std::string SvgNumber(double v);

// Opens <svg class viewBox width height role="img" aria-label> with a <title>; the caller
// closes it.
void OpenSvg(HtmlWriter* w, std::string_view css_class, std::string_view aria_label, double width,
             double height);

// <text x y class text-anchor>text</text>, escaped.
void SvgText(HtmlWriter* w, double x, double y, std::string_view text, std::string_view css_class,
             std::string_view anchor = "start");

// An estimate of the rendered width of `text` at `font_px` in the page's sans-serif font.
double TextWidth(std::string_view text, double font_px);

// Splits `text` at spaces into at most `max_lines` lines of at most `max_chars`
// characters (code points); the last line ends with "…" when text was left out.
std::vector<std::string> WrapText(std::string_view text, size_t max_chars, size_t max_lines);

}  // namespace automend
