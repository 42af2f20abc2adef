// Inline SVG charts of the run report's data, drawn in C++ so the page needs no script,
// no library and no network: horizontal bar charts (one or more series, with threshold
// markers) and the gate funnel. The charts of a run's stages are in run_charts.h.
// Each function takes plain numbers and labels and returns one <svg> element whose
// colours come from CSS classes (report_style.cc), so the look lives in one place. Every
// drawn number is also in a data- attribute and every mark has a <title> tooltip, which
// screen readers and the browser test read. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace automend {

struct BarValue {
  double value = 0;
  std::string text;       // shown after the bar ("24 · 40.7%")
  std::string css_class;  // extra class of the bar ("flag-over")
  bool present = true;    // false: nothing drawn for this series in this row
};

struct BarRow {
  std::string label;
  std::vector<BarValue> values;  // one per series
  std::string tooltip;
};

struct ChartMarker {
  double value = 0;   // where the dashed line stands, on the bars' scale
  std::string label;  // e.g. "over 40%"
};

struct BarChart {
  std::string aria_label;
  std::string css_class;            // extra class of the <svg> (e.g. "paired")
  std::vector<std::string> series;  // names for the legend (drawn when there are two or more)
  std::vector<BarRow> rows;
  double max = 0;  // the scale's end; 0: the largest value or marker
  std::vector<ChartMarker> markers;
  int width = 560;
};

std::string RenderBarChart(const BarChart& chart);

// One step of the funnel: rows that entered a gate and rows that left it.
struct FunnelStep {
  std::string label;
  int64_t in = 0;
  int64_t out = 0;
  std::string tooltip;  // e.g. the first rejection's reason
};

// `start_label`/`start_rows`: the top of the funnel (rows read); each step narrows it.
std::string RenderFunnel(std::string_view aria_label, std::string_view start_label,
                         int64_t start_rows, const std::vector<FunnelStep>& steps, int width = 760);

}  // namespace automend
