// The run report's stylesheet, inlined into the page's <head>: the page must work offline
// and from a single file, so there is no external CSS, font or image. The SVG charts
// (svg_charts.h) take every colour from the classes defined here.
#pragma once

#include <string_view>

namespace automend {

std::string_view RunReportCss();

}  // namespace automend
