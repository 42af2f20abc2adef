#include "report/run_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/html_writer.h"
#include "report/svg_canvas.h"

namespace automend {
namespace {

std::string N(double v) { return SvgNumber(v); }

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

std::string StatusClass(std::string_view status) {
  if (status == "ran" || status == "skipped" || status == "failed") return std::string(status);
  return "not-reached";
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
    w.Empty("line", {{"x1", N(x)},
                     {"x2", N(x)},
                     {"y1", N(axis_h - 4)},
                     {"y2", N(height - 4)},
                     {"class", "grid"}});
    SvgText(&w, x, 12, TickLabel(t, axis_end), "tick", "middle");
  }
  double y = axis_h;
  for (const GanttBar& b : bars) {
    const std::string cls = StatusClass(b.status);
    w.Open("g", {{"class", "gantt-row " + cls},
                 {"data-stage", b.label},
                 {"data-status", b.status},
                 {"data-start", FormatNumber(b.start, 6)},
                 {"data-end", FormatNumber(b.end, 6)}});
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
      w.Empty("rect", {{"x", N(x)},
                       {"y", N(cy - bar_h / 2)},
                       {"width", N(bw)},
                       {"height", N(bar_h)},
                       {"rx", "2"},
                       {"class", "gantt-bar " + cls}});
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
      w.Empty("line",
              {{"x1", N(x0)}, {"x2", N(x1 - 6)}, {"y1", N(cy)}, {"y2", N(cy)}, {"class", "edge"}});
      const std::string head = N(x1) + "," + N(cy) + " " + N(x1 - 8) + "," + N(cy - 5) + " " +
                               N(x1 - 8) + "," + N(cy + 5);
      w.Empty("polygon", {{"points", head}, {"class", "edge-head"}});
    }
    w.Open("g", {{"class", "stage-node " + cls},
                 {"data-stage", s.name},
                 {"data-status", s.status},
                 {"data-rows-in", in},
                 {"data-rows-out", out_rows}});
    w.Element("title", s.name + ": " + s.status + (s.reason.empty() ? "" : " (" + s.reason + ")"));
    w.Empty("rect", {{"x", N(x)},
                     {"y", N(pad)},
                     {"width", N(box_w)},
                     {"height", N(box_h)},
                     {"rx", "9"},
                     {"class", "node-box"}});
    // The coloured head: a rectangle with only its top corners rounded.
    const std::string head = "M" + N(x) + "," + N(pad + head_h) + " V" + N(pad + 9) +
                             " A9,9 0 0 1 " + N(x + 9) + "," + N(pad) + " H" + N(x + box_w - 9) +
                             " A9,9 0 0 1 " + N(x + box_w) + "," + N(pad + 9) + " V" +
                             N(pad + head_h) + " Z";
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
