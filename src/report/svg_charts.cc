#include "report/svg_charts.h"

#include <algorithm>
#include <cmath>

#include "report/html_writer.h"

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
double TextWidth(std::string_view text, double font_px) {
  return static_cast<double>(CodePoints(text)) * font_px * 0.58;
}

std::string N(double v) { return FormatNumber(v, 1); }

void OpenSvg(HtmlWriter* w, std::string_view css_class, std::string_view aria_label, double width,
             double height) {
  const std::string view = "0 0 " + N(width) + " " + N(height);
  w->Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                  {"class", css_class},
                  {"viewBox", view},
                  {"width", N(width)},
                  {"height", N(height)},
                  {"role", "img"},
                  {"aria-label", aria_label}});
  w->Element("title", aria_label);
}

void SvgText(HtmlWriter* w, double x, double y, std::string_view text, std::string_view css_class,
             std::string_view anchor = "start") {
  w->Element("text", text,
             {{"x", N(x)}, {"y", N(y)}, {"class", css_class}, {"text-anchor", anchor}});
}

}  // namespace

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  if (seconds < 0.01) return FormatNumber(seconds * 1000, 1) + " ms";
  if (seconds < 1) return FormatNumber(seconds * 1000, 0) + " ms";
  if (seconds < 60) return FormatNumber(seconds, seconds < 10 ? 2 : 1) + " s";
  const auto total = static_cast<long long>(std::llround(seconds));
  char buf[48];
  if (total < 3600) {
    std::snprintf(buf, sizeof buf, "%lld min %02lld s", total / 60, total % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld h %02lld min", total / 3600, total % 3600 / 60);
  }
  return buf;
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

std::string StatusClass(std::string_view status) {
  if (status == "ran" || status == "skipped" || status == "failed") return std::string(status);
  return "not-reached";
}

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
  const double row_h = static_cast<double>(series) * bar_h + static_cast<double>(series - 1) * bar_gap + 10;
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
      w.Empty("rect", {{"x", N(x)}, {"y", "4"}, {"width", "12"}, {"height", "12"}, {"rx", "2"},
                       {"class", cls}});
      SvgText(&w, x + 17, 14, chart.series[s], "legend");
      x += 30 + TextWidth(chart.series[s], 12);
    }
  }
  const double rows_bottom = height - 4;
  for (const ChartMarker& m : chart.markers) {
    const double x = x0 + area * std::clamp(m.value / scale, 0.0, 1.0);
    w.Empty("line", {{"x1", N(x)}, {"x2", N(x)}, {"y1", N(top - 4)}, {"y2", N(rows_bottom)},
                     {"class", "marker"}, {"data-value", FormatNumber(m.value, 6)}});
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
      w.Empty("rect", {{"x", N(x0)}, {"y", N(by)}, {"width", N(bw)}, {"height", N(bar_h)},
                       {"rx", "2"}, {"class", cls}, {"data-value", FormatNumber(v.value, 6)}});
      SvgText(&w, x0 + bw + 5, by + bar_h / 2 + 4, v.text, "value");
    }
    w.Close();
    y += row_h;
  }
  w.Empty("line", {{"x1", N(x0)}, {"x2", N(x0)}, {"y1", N(top - 2)}, {"y2", N(rows_bottom)},
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
                                 N(y0) + " " + N(cx + bw / 2) + "," + N(y1) + " " +
                                 N(cx - bw / 2) + "," + N(y1);
      w.Empty("polygon", {{"points", points}, {"class", "funnel-neck"}});
    }
    const std::string in = std::to_string(rows + rejected), kept = std::to_string(rows);
    const std::string lost = std::to_string(rejected);
    w.Open("g", {{"class", first ? "funnel-step funnel-start" : "funnel-step"},
                 {"data-gate", label}, {"data-in", in}, {"data-out", kept},
                 {"data-rejected", lost}});
    w.Element("title", tooltip);
    SvgText(&w, label_w - 10, y + row_h / 2 + 4, label, "label", "end");
    w.Empty("rect", {{"x", N(cx - bw / 2)}, {"y", N(y)}, {"width", N(bw)}, {"height", N(row_h)},
                     {"rx", "3"}, {"class", first ? "funnel-bar start" : "funnel-bar"}});
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
  row(start_label, start_rows, 0, std::string(start_label) + ": " + std::to_string(start_rows), true);
  for (const FunnelStep& s : steps) {
    std::string tip = s.label + ": " + std::to_string(s.in) + " in, " + std::to_string(s.out) +
                      " out, " + std::to_string(s.in - s.out) + " rejected";
    if (!s.tooltip.empty()) tip += "\n" + s.tooltip;
    row(s.label, s.out, s.in - s.out, tip, false);
  }
  w.Close();
  return out;
}

namespace {

// A tick step of 1, 2 or 5 times a power of ten giving about `target` ticks up to `total`.
double TickStep(double total, int target) {
  const double raw = total / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

std::string TickLabel(double v, double axis_end) {
  if (v == 0) return "0";
  if (axis_end < 1) return FormatNumber(v * 1000, 1) + " ms";
  if (axis_end < 120) return FormatNumber(v, 2) + " s";
  return FormatNumber(v / 60, 1) + " min";
}

}  // namespace

std::string RenderGantt(std::string_view aria_label, const std::vector<GanttBar>& bars, int width) {
  const double label_w = 120, right_w = 120, row_h = 26, bar_h = 14, axis_h = 22;
  const double area = std::max(60.0, width - label_w - right_w);
  double total = 0;
  for (const GanttBar& b : bars)
    if (b.status != "not reached") total = std::max(total, b.end);
  if (!(total > 0)) total = 0.001;
  const double step = TickStep(total, 6);
  const double axis_end = std::ceil(total / step - 1e-9) * step;
  const double height = axis_h + static_cast<double>(bars.size()) * row_h + 6;
  auto x_of = [&](double t) { return label_w + area * std::clamp(t / axis_end, 0.0, 1.0); };

  std::string out;
  HtmlWriter w(&out);
  OpenSvg(&w, "chart gantt", aria_label, width, height);
  for (int i = 0; i * step <= axis_end + step * 1e-6; ++i) {
    const double t = i * step, x = x_of(t);
    w.Empty("line", {{"x1", N(x)}, {"x2", N(x)}, {"y1", N(axis_h - 4)}, {"y2", N(height - 4)},
                     {"class", "grid"}});
    SvgText(&w, x, 12, TickLabel(t, axis_end), "tick", "middle");
  }
  double y = axis_h;
  for (const GanttBar& b : bars) {
    const std::string cls = StatusClass(b.status);
    w.Open("g", {{"class", "gantt-row " + cls}, {"data-stage", b.label}, {"data-status", b.status},
                 {"data-start", FormatNumber(b.start, 6)}, {"data-end", FormatNumber(b.end, 6)}});
    w.Element("title", b.tooltip.empty() ? b.label : b.tooltip);
    SvgText(&w, label_w - 10, y + row_h / 2 + 4, b.label, "label", "end");
    const double cy = y + row_h / 2;
    if (b.status == "not reached") {
      SvgText(&w, label_w + 4, cy + 4, "not reached", "muted");
    } else if (b.status == "skipped") {
      const double x = x_of(b.start);
      const std::string points = N(x) + "," + N(cy - 6) + " " + N(x + 6) + "," + N(cy) + " " +
                                 N(x) + "," + N(cy + 6) + " " + N(x - 6) + "," + N(cy);
      w.Empty("polygon", {{"points", points}, {"class", "gantt-mark skipped"}});
      SvgText(&w, x + 10, cy + 4, "skipped", "value");
    } else {
      const double x = x_of(b.start);
      const double bw = std::max(2.0, x_of(b.end) - x);
      w.Empty("rect", {{"x", N(x)}, {"y", N(cy - bar_h / 2)}, {"width", N(bw)}, {"height", N(bar_h)},
                       {"rx", "2"}, {"class", "gantt-bar " + cls}});
      const std::string text =
          (b.status == "failed" ? "failed after " : "") + FormatDuration(b.end - b.start);
      SvgText(&w, x + bw + 6, cy + 4, text, "value");
    }
    w.Close();
    y += row_h;
  }
  w.Close();
  return out;
}

std::string RenderStageGraph(const std::vector<StageNode>& nodes) {
  const double box_w = 160, box_h = 146, gap = 28, pad = 4, head_h = 28;
  const double n = static_cast<double>(nodes.size());
  const double width = std::max(1.0, n * box_w + std::max(0.0, n - 1) * gap + 2 * pad);
  const double height = box_h + 2 * pad;

  std::string out;
  HtmlWriter w(&out);
  OpenSvg(&w, "chart stage-graph", "Stage graph of the last run", width, height);
  double x = pad;
  for (size_t i = 0; i < nodes.size(); ++i, x += box_w + gap) {
    const StageNode& s = nodes[i];
    const std::string cls = StatusClass(s.status);
    const std::string in = s.rows_in >= 0 ? std::to_string(s.rows_in) : "";
    const std::string out_rows = s.rows_out >= 0 ? std::to_string(s.rows_out) : "";
    if (i > 0) {
      const double x0 = x - gap + 3, x1 = x - 4, cy = pad + box_h / 2;
      w.Empty("line", {{"x1", N(x0)}, {"x2", N(x1 - 6)}, {"y1", N(cy)}, {"y2", N(cy)},
                       {"class", "edge"}});
      const std::string head = N(x1) + "," + N(cy) + " " + N(x1 - 8) + "," + N(cy - 5) + " " +
                               N(x1 - 8) + "," + N(cy + 5);
      w.Empty("polygon", {{"points", head}, {"class", "edge-head"}});
    }
    w.Open("g", {{"class", "stage-node " + cls}, {"data-stage", s.name}, {"data-status", s.status},
                 {"data-rows-in", in}, {"data-rows-out", out_rows}});
    w.Element("title", s.name + ": " + s.status + (s.reason.empty() ? "" : " (" + s.reason + ")"));
    w.Empty("rect", {{"x", N(x)}, {"y", N(pad)}, {"width", N(box_w)}, {"height", N(box_h)},
                     {"rx", "9"}, {"class", "node-box"}});
    // The coloured head: a rectangle with only its top corners rounded.
    const std::string head = "M" + N(x) + "," + N(pad + head_h) + " V" + N(pad + 9) + " A9,9 0 0 1 " +
                             N(x + 9) + "," + N(pad) + " H" + N(x + box_w - 9) + " A9,9 0 0 1 " +
                             N(x + box_w) + "," + N(pad + 9) + " V" + N(pad + head_h) + " Z";
    w.Empty("path", {{"d", head}, {"class", "node-head"}});
    SvgText(&w, x + 10, pad + 19, s.name, "node-name");
    double ty = pad + head_h + 20;
    const std::string status = s.status == "failed" ? "FAILED" : s.status;
    SvgText(&w, x + 10, ty, "\xE2\x97\x8F " + status, "node-state");
    ty += 19;
    const std::string rows = s.rows_in >= 0 || s.rows_out >= 0
                                 ? (s.rows_in >= 0 ? FormatCount(s.rows_in) : "\xE2\x80\x93") +
                                       " \xE2\x86\x92 " +
                                       (s.rows_out >= 0 ? FormatCount(s.rows_out) : "\xE2\x80\x93")
                                 : std::string("\xE2\x80\x94");
    SvgText(&w, x + 10, ty, "rows", "node-key");
    SvgText(&w, x + 50, ty, rows, "node-value");
    ty += 17;
    SvgText(&w, x + 10, ty, "time", "node-key");
    SvgText(&w, x + 50, ty, s.duration.empty() ? "\xE2\x80\x94" : s.duration, "node-value");
    ty += 18;
    for (const std::string& line : WrapText(s.reason, 25, 3)) {
      SvgText(&w, x + 10, ty, line, "node-reason");
      ty += 13;
    }
    w.Close();
  }
  w.Close();
  return out;
}

}  // namespace automend
