#include "report/svg_canvas.h"

namespace automend {
namespace {

// Code points of UTF-8 text (continuation bytes do not count).
size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `n` code points of `text`.
std::string_view PrefixCodePoints(std::string_view text, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return text.substr(0, i);
}

// An estimate of the rendered width of `text` in the page's sans-serif font: SVG text
// cannot be measured without a script, so labels get room by this rule of thumb.

}  // namespace

double TextWidth(std::string_view text, double font_px) {
  return static_cast<double>(CodePoints(text)) * font_px * 0.58;
}

std::string SvgNumber(double v) { return FormatNumber(v, 1); }

void OpenSvg(HtmlWriter* w, std::string_view css_class, std::string_view aria_label, double width,
             double height) {
  const std::string view = "0 0 " + SvgNumber(width) + " " + SvgNumber(height);
  w->Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                  {"class", css_class},
                  {"viewBox", view},
                  {"width", SvgNumber(width)},
                  {"height", SvgNumber(height)},
                  {"role", "img"},
                  {"aria-label", aria_label}});
  w->Element("title", aria_label);
}

void SvgText(HtmlWriter* w, double x, double y, std::string_view text, std::string_view css_class,
             std::string_view anchor) {
  w->Element(
      "text", text,
      {{"x", SvgNumber(x)}, {"y", SvgNumber(y)}, {"class", css_class}, {"text-anchor", anchor}});
}

std::vector<std::string> WrapText(std::string_view text, size_t max_chars, size_t max_lines) {
  std::vector<std::string> lines;
  if (max_chars == 0 || max_lines == 0) return lines;
  std::string current;
  size_t pos = 0;
  bool truncated = false;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    const size_t have = CodePoints(current);
    const size_t need = CodePoints(word) + (current.empty() ? 0 : 1);
    if (have + need <= max_chars) {
      if (!current.empty()) current.push_back(' ');
      current.append(word);
      pos = end;
      continue;
    }
    if (current.empty()) {  // a word longer than a line is cut
      std::string_view head = PrefixCodePoints(word, max_chars);
      current.assign(head);
      pos += head.size();
    }
    if (lines.size() + 1 == max_lines) {
      truncated = true;
      break;
    }
    lines.push_back(std::move(current));
    current.clear();
  }
  if (!current.empty()) lines.push_back(std::move(current));
  if (truncated && !lines.empty()) {
    std::string& last = lines.back();
    if (CodePoints(last) + 1 > max_chars) last.assign(PrefixCodePoints(last, max_chars - 1));
    last.append("\xE2\x80\xA6");  // …
  }
  return lines;
}

}  // namespace automend
