// The run report: one self-contained HTML page (reports/index.html) that shows a run as
// people want to see it — the stage graph and timings of the last run, recent runs, the
// gate funnel, schema checks, anomalies, bias slices before and after mitigation, and
// redactions with sample records. It is drawn only from files the pipeline leaves behind
// (the run log, the JSON reports, the records), so it can be regenerated at any time; a
// missing file makes its section say so. The page loads nothing: CSS and SVG are inline,
// there is no script. `automend report` writes it, and so does `automend run` as its last
// step, whether the run succeeded or failed. Thread-safe (no shared state).
#pragma once

#include <string>

#include "config/config.h"
#include "core/status.h"
#include "report/report_inputs.h"

namespace automend {

struct RunReportOptions {
  std::string output;  // empty: RunReportPath(config), <paths.reports_dir>/index.html
  double now = 0;      // the generation time shown; 0: the current time
};

// The page for `inputs`.
std::string RenderRunReport(const RunReportInputs& inputs);

// Reads the inputs named by `config`, renders the page and writes it atomically.
// `written` (optional) receives the path written.
Status WriteRunReport(const Config& config, const RunReportOptions& options,
                      std::string* written = nullptr);

// The last step of `automend run`: writes the report after a run that ended with
// `run_status`, and returns the status the command should exit with — the run's own when
// it failed (a failing report is then only logged), else the report's.
Status ReportAfterRun(const Config& config, const Status& run_status);

}  // namespace automend
