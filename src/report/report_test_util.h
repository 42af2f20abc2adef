// Test helpers for the run report's pages and SVG charts (included by *_test.cc only).
#pragma once

#include <string>

namespace automend {

inline bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The width attribute of the first <rect> with `cls`, or -1 when there is none.
inline double RectWidth(const std::string& svg, const std::string& cls) {
  const size_t at = svg.find("class=\"" + cls + "\"");
  if (at == std::string::npos) return -1;
  const size_t start = svg.rfind("<rect", at);
  const size_t w = svg.find("width=\"", start);
  return std::stod(svg.substr(w + 7));
}

}  // namespace automend
