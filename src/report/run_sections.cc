#include "report/run_sections.h"

#include <algorithm>

#include "report/report_section.h"
#include "report/run_charts.h"

namespace automend {
namespace {

// The pipeline's stages, then any other stage the run logged (in log order).
std::vector<std::string> StagesOf(const RunSummary& run) {
  std::vector<std::string> names = PipelineStageNames();
  for (const RunLogEntry& e : run.stages)
    if (std::find(names.begin(), names.end(), e.stage) == names.end()) names.push_back(e.stage);
  return names;
}

std::string OutcomeText(const RunSummary& run) {
  const std::string outcome = run.outcome();
  if (outcome == "failed") return "failed at " + run.failed_stage;
  return outcome;
}

bool NoRuns(const RunReportInputs& in, HtmlWriter* w) {
  if (!in.runs.empty()) return false;
  w->Open("div", {{"class", "missing"}, {"data-missing", in.run_log_path}});
  w->Element("b", "No run recorded yet: ").Open("code").Text(in.run_log_path).Close();
  if (!in.run_log_error.empty())
    w->Text(" could not be read (" + in.run_log_error + "). ");
  else
    w->Text(" has no runs. ");
  w->Open("code").Text("automend run").Close().Text(" records one.").Close();
  return true;
}

// The latest entry in which `stage` ran, over all runs.
const RunLogEntry* LastRan(const RunReportInputs& in, const std::string& stage) {
  for (auto run = in.runs.rbegin(); run != in.runs.rend(); ++run)
    if (const RunLogEntry* e = run->Find(stage); e && e->status == "ran") return e;
  return nullptr;
}

void Legend(HtmlWriter* w) {
  w->Open("div", {{"class", "legend-row"}});
  w->Element("span", "ran", {{"class", "ran"}})
      .Element("span", "skipped (unchanged)", {{"class", "skipped"}});
  w->Element("span", "failed", {{"class", "failed"}})
      .Element("span", "not reached", {{"class", "not-reached"}});
  w->Close();
}

void RecentRunsTable(const RunReportInputs& in, HtmlWriter* w) {
  w->Element("h3", "Recent runs", {{"id", "runs"}});
  w->Open("div", {{"class", "scroll-x"}}).Open("table", {{"class", "runs"}});
  w->Open("thead").Open("tr");
  w->Element("th", "Started").Element("th", "Duration", {{"class", "num"}});
  w->Element("th", "Ran", {{"class", "num"}}).Element("th", "Skipped", {{"class", "num"}});
  w->Element("th", "Failed", {{"class", "num"}}).Element("th", "Outcome").Element("th", "Run id");
  w->Close().Close().Open("tbody");
  const size_t first = in.runs.size() > kRecentRuns ? in.runs.size() - kRecentRuns : 0;
  for (size_t i = in.runs.size(); i-- > first;) {
    const RunSummary& run = in.runs[i];
    const bool latest = i + 1 == in.runs.size();
    w->Open("tr", {{"class", latest ? "latest" : ""},
                   {"data-run-id", run.run_id},
                   {"data-outcome", run.outcome()}});
    w->Element("td", FormatUtcTime(run.start) + (latest ? "  (last)" : ""));
    w->Element("td", FormatDuration(run.seconds()), {{"class", "num"}});
    w->Element("td", std::to_string(run.ran), {{"class", "num"}});
    w->Element("td", std::to_string(run.skipped), {{"class", "num"}});
    w->Element("td", std::to_string(run.failed), {{"class", "num"}});
    w->Open("td").Element("span", OutcomeText(run), {{"class", "pill " + run.outcome()}}).Close();
    w->Open("td").Element("code", run.run_id).Close();
    w->Close();
  }
  w->Close().Close().Close();
  if (in.runs.size() > kRecentRuns)
    w->Element("p",
               "The last " + std::to_string(kRecentRuns) + " of " + std::to_string(in.runs.size()) +
                   " runs in " + in.run_log_path + ".",
               {{"class", "note"}});
}

}  // namespace

void RenderPipelineSection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "pipeline", "Pipeline");
  if (NoRuns(in, w)) {
    w->Close();
    return;
  }
  const RunSummary& run = *in.last_run();
  w->Open("p", {{"class", "source"}})
      .Text("the last run in ")
      .Open("code")
      .Text(in.run_log_path)
      .Close();
  w->Text(", started " + FormatUtcTime(run.start)).Close();
  Legend(w);
  std::vector<StageNode> nodes;
  for (const std::string& stage : StagesOf(run)) {
    StageNode node;
    node.name = stage;
    node.status = run.StatusOf(stage);
    if (const RunLogEntry* e = run.Find(stage)) {
      node.rows_in = e->rows_in;
      node.rows_out = e->rows_out;
      node.reason = e->reason;
      if (e->status != "skipped") node.duration = FormatDuration(e->end - e->start);
      // A skipped stage's outputs are those of the last run that ran it: show its rows.
      if (const RunLogEntry* made = e->status == "skipped" ? LastRan(in, stage) : nullptr) {
        node.rows_in = made->rows_in;
        node.rows_out = made->rows_out;
        node.reason = "unchanged since " + FormatUtcTime(made->start);
      }
    } else if (!run.failed_stage.empty()) {
      node.reason = "the run stopped at " + run.failed_stage;
    }
    nodes.push_back(std::move(node));
  }
  w->Open("div", {{"class", "scroll-x"}}).Raw(RenderStageGraph(nodes)).Close();
  w->Close();
}

void RenderTimingsSection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "timings", "Timings");
  if (NoRuns(in, w)) {
    w->Close();
    return;
  }
  const RunSummary& run = *in.last_run();
  w->Open("p", {{"class", "source"}});
  w->Text("stage start and end times of the last run (" + FormatDuration(run.seconds()) +
          " in all), from ")
      .Open("code")
      .Text(in.run_log_path)
      .Close()
      .Close();
  std::vector<GanttBar> bars;
  for (const std::string& stage : StagesOf(run)) {
    GanttBar bar;
    bar.label = stage;
    bar.status = run.StatusOf(stage);
    if (const RunLogEntry* e = run.Find(stage)) {
      bar.start = e->start - run.start;
      bar.end = std::max(e->end, e->start) - run.start;
      bar.tooltip = stage + ": " + e->status + ", " + FormatDuration(e->end - e->start) +
                    (e->reason.empty() ? "" : " \xE2\x80\x94 " + e->reason);
    }
    bars.push_back(std::move(bar));
  }
  w->Open("div", {{"class", "scroll-x"}})
      .Raw(RenderGantt("Stage timings of the last run", bars, 1100))
      .Close();
  RecentRunsTable(in, w);
  w->Close();
}

}  // namespace automend
