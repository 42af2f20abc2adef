// Inline SVG charts of a run's stages for the run report: the stage graph (boxes coloured
// by status, joined by arrows) and the Gantt chart of stage timings, with the formatting
// they share. Colours come from CSS classes (report_style.cc); every drawn number is also
// in a data- attribute and every mark has a <title> tooltip. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace automend {

// One stage of a run on the time axis, in seconds since the run started.
struct GanttBar {
  std::string label;
  std::string status;  // "ran", "skipped", "failed" or "not reached"
  double start = 0;
  double end = 0;
  std::string tooltip;
};

std::string RenderGantt(std::string_view aria_label, const std::vector<GanttBar>& bars,
                        int width = 760);

// A box of the stage graph.
struct StageNode {
  std::string name;
  std::string status;    // "ran", "skipped", "failed" or "not reached"
  int64_t rows_in = -1;  // -1: not known
  int64_t rows_out = -1;
  std::string duration;  // "3.4 ms", or empty
  std::string reason;
};

// The stages left to right, joined by arrows, each box coloured by its status.
std::string RenderStageGraph(const std::vector<StageNode>& nodes);

// "0.8 ms", "12 ms", "1.25 s", "2 min 05 s": a duration as people read it.
std::string FormatDuration(double seconds);

// The CSS class of a status ("ran", "skipped", "failed", "not-reached").
std::string StatusClass(std::string_view status);

}  // namespace automend
