// The run report's sections drawn from the run log: the stage graph of the last run, the
// Gantt chart of its stage timings, and the table of recent runs. Stateless; thread-safe.
#pragma once

#include "report/html_writer.h"
#include "report/report_inputs.h"

namespace automend {

// How many runs the table of recent runs lists.
constexpr size_t kRecentRuns = 10;

void RenderPipelineSection(const RunReportInputs& in, HtmlWriter* w);
void RenderTimingsSection(const RunReportInputs& in, HtmlWriter* w);

}  // namespace automend
