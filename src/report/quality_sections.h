// The run report's sections on the quality of the data: the gate funnel
// (preprocess_report.json, or analysis_report.json before preprocess has run), the schema
// checks (schema_report.json) and the anomaly status (anomaly_report.json). Each section
// says "not produced yet" when its report is missing. Stateless; thread-safe.
#pragma once

#include "report/html_writer.h"
#include "report/report_inputs.h"

namespace automend {

void RenderFunnelSection(const RunReportInputs& in, HtmlWriter* w);
void RenderSchemaSection(const RunReportInputs& in, HtmlWriter* w);
void RenderAnomalySection(const RunReportInputs& in, HtmlWriter* w);

}  // namespace automend
