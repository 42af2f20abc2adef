#include "report/svg_charts.h"

#include <algorithm>
#include <cmath>

#include "report/html_writer.h"
#include "report/svg_canvas.h"

namespace automend {
namespace {

std::string N(double v) { return SvgNumber(v); }

}  // namespace

std::string RenderBarChart(const BarChart& chart) {
  size_t series = std::max<size_t>(chart.series.size(), 1);
  double scale = chart.max;
  double label_w = 40, value_w = 30;
  for (const BarRow& row : chart.rows) {
    series = std::max(series, row.values.size());
    label_w = std::max(label_w, TextWidth(row.label, 12) + 14);
    for (const BarValue& v : row.values) {
      if (chart.max <= 0 && v.present) scale = std::max(scale, v.value);
      value_w = std::max(value_w, TextWidth(v.text, 11) + 12);
    }
  }
  if (chart.max <= 0)
    for (const ChartMarker& m : chart.markers) scale = std::max(scale, m.value);
  if (!(scale > 0)) scale = 1;
  label_w = std::min(label_w, 190.0);
  value_w = std::min(value_w, 170.0);
  const double width = chart.width;
  const double x0 = label_w, area = std::max(40.0, width - label_w - value_w);
  const double bar_h = series > 1 ? 11 : 16, bar_gap = 3;
  const double row_h =
      static_cast<double>(series) * bar_h + static_cast<double>(series - 1) * bar_gap + 10;
  const double legend_h = chart.series.size() >= 2 ? 22 : 0;
  const double top = legend_h + (chart.markers.empty() ? 4 : 18);
  const double height = top + static_cast<double>(chart.rows.size()) * row_h + 6;

  std::string out;
  HtmlWriter w(&out);
  OpenSvg(&w, chart.css_class.empty() ? "chart bar-chart" : "chart bar-chart " + chart.css_class,
          chart.aria_label, width, height);
  if (chart.series.size() >= 2) {
    double x = x0;
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const std::string cls = "legend-swatch s" + std::to_string(s);
      w.Empty("rect", {{"x", N(x)},
                       {"y", "4"},
                       {"width", "12"},
                       {"height", "12"},
                       {"rx", "2"},
                       {"class", cls}});
      SvgText(&w, x + 17, 14, chart.series[s], "legend");
      x += 30 + TextWidth(chart.series[s], 12);
    }
  }
  const double rows_bottom = height - 4;
  for (const ChartMarker& m : chart.markers) {
    const double x = x0 + area * std::clamp(m.value / scale, 0.0, 1.0);
    w.Empty("line", {{"x1", N(x)},
                     {"x2", N(x)},
                     {"y1", N(top - 4)},
                     {"y2", N(rows_bottom)},
                     {"class", "marker"},
                     {"data-value", FormatNumber(m.value, 6)}});
    SvgText(&w, x, top - 7, m.label, "marker-label", "middle");
  }
  double y = top;
  for (const BarRow& row : chart.rows) {
    w.Open("g", {{"class", "bar-row"}, {"data-label", row.label}});
    w.Element("title", row.tooltip.empty() ? row.label : row.tooltip);
    const auto label = WrapText(row.label, static_cast<size_t>(label_w / 7.0), 1);
    SvgText(&w, x0 - 8, y + row_h / 2 + 4, label.empty() ? "" : label[0], "label", "end");
    double by = y + 5;
    for (size_t s = 0; s < row.values.size(); ++s, by += bar_h + bar_gap) {
      const BarValue& v = row.values[s];
      if (!v.present) continue;
      double bw = area * std::clamp(v.value / scale, 0.0, 1.0);
      if (v.value > 0) bw = std::max(bw, 2.0);
      std::string cls = "bar s" + std::to_string(s);
      if (!v.css_class.empty()) cls += " " + v.css_class;
      w.Empty("rect", {{"x", N(x0)},
                       {"y", N(by)},
                       {"width", N(bw)},
                       {"height", N(bar_h)},
                       {"rx", "2"},
                       {"class", cls},
                       {"data-value", FormatNumber(v.value, 6)}});
      SvgText(&w, x0 + bw + 5, by + bar_h / 2 + 4, v.text, "value");
    }
    w.Close();
    y += row_h;
  }
  w.Empty("line", {{"x1", N(x0)},
                   {"x2", N(x0)},
                   {"y1", N(top - 2)},
                   {"y2", N(rows_bottom)},
                   {"class", "axis"}});
  w.Close();
  return out;
}

std::string RenderFunnel(std::string_view aria_label, std::string_view start_label,
                         int64_t start_rows, const std::vector<FunnelStep>& steps, int width) {
  const double label_w = 112, right_w = 150, row_h = 26, gap = 12;
  const double area = std::max(60.0, width - label_w - right_w), cx = label_w + area / 2;
  const double height = (static_cast<double>(steps.size()) + 1) * (row_h + gap) - gap + 4;
  const double top = start_rows > 0 ? static_cast<double>(start_rows) : 1;
  auto bar_width = [&](int64_t rows) {
    const double bw = area * std::clamp(static_cast<double>(rows) / top, 0.0, 1.0);
    return rows > 0 ? std::max(bw, 3.0) : 0.0;
  };

  std::string out;
  HtmlWriter w(&out);
  OpenSvg(&w, "chart funnel", aria_label, width, height);
  double y = 2;
  double prev_w = -1;
  auto row = [&](std::string_view label, int64_t rows, int64_t rejected, std::string_view tooltip,
                 bool first) {
    const double bw = bar_width(rows);
    if (prev_w >= 0) {
      const double y0 = y - gap, y1 = y;
      const std::string points = N(cx - prev_w / 2) + "," + N(y0) + " " + N(cx + prev_w / 2) + "," +
                                 N(y0) + " " + N(cx + bw / 2) + "," + N(y1) + " " + N(cx - bw / 2) +
                                 "," + N(y1);
      w.Empty("polygon", {{"points", points}, {"class", "funnel-neck"}});
    }
    const std::string in = std::to_string(rows + rejected), kept = std::to_string(rows);
    const std::string lost = std::to_string(rejected);
    w.Open("g", {{"class", first ? "funnel-step funnel-start" : "funnel-step"},
                 {"data-gate", label},
                 {"data-in", in},
                 {"data-out", kept},
                 {"data-rejected", lost}});
    w.Element("title", tooltip);
    SvgText(&w, label_w - 10, y + row_h / 2 + 4, label, "label", "end");
    w.Empty("rect", {{"x", N(cx - bw / 2)},
                     {"y", N(y)},
                     {"width", N(bw)},
                     {"height", N(row_h)},
                     {"rx", "3"},
                     {"class", first ? "funnel-bar start" : "funnel-bar"}});
    const std::string count = FormatCount(rows);
    if (bw >= TextWidth(count, 12) + 12) {
      SvgText(&w, cx, y + row_h / 2 + 4, count, "funnel-count inside", "middle");
    } else {
      SvgText(&w, cx + bw / 2 + 6, y + row_h / 2 + 4, count, "funnel-count");
    }
    const double rx = label_w + area + 12;
    if (first) {
      SvgText(&w, rx, y + row_h / 2 + 4, "rows in", "muted");
    } else if (rejected > 0) {
      const double pct = rows + rejected > 0
                             ? static_cast<double>(rejected) / static_cast<double>(rows + rejected)
                             : 0;
      SvgText(&w, rx, y + row_h / 2 + 4,
              "\xE2\x88\x92" + FormatCount(rejected) + " (" + FormatPercent(pct) + ")", "rejected");
    } else {
      SvgText(&w, rx, y + row_h / 2 + 4, "none rejected", "muted");
    }
    w.Close();
    prev_w = bw;
    y += row_h + gap;
  };
  row(start_label, start_rows, 0, std::string(start_label) + ": " + std::to_string(start_rows),
      true);
  for (const FunnelStep& s : steps) {
    std::string tip = s.label + ": " + std::to_string(s.in) + " in, " + std::to_string(s.out) +
                      " out, " + std::to_string(s.in - s.out) + " rejected";
    if (!s.tooltip.empty()) tip += "\n" + s.tooltip;
    row(s.label, s.out, s.in - s.out, tip, false);
  }
  w.Close();
  return out;
}

}  // namespace automend
