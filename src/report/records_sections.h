// The run report's sections on what the records contain: the bias slices per dimension
// before and after mitigation (bias_report.json), and the redactions per class
// (preprocess_report.json) with a few sample records whose replaced spans are
// highlighted. Each says "not produced yet" when its input is missing. Stateless;
// thread-safe.
#pragma once

#include "report/html_writer.h"
#include "report/report_inputs.h"

namespace automend {

void RenderBiasSection(const RunReportInputs& in, HtmlWriter* w);
void RenderRedactionSection(const RunReportInputs& in, HtmlWriter* w);

}  // namespace automend
