#include "report/run_report.h"

#include <chrono>

#include "core/io/atomic_file.h"
#include "core/logging.h"
#include "report/html_writer.h"
#include "report/quality_sections.h"
#include "report/records_sections.h"
#include "report/report_section.h"
#include "report/report_style.h"
#include "report/run_charts.h"
#include "report/run_sections.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

struct Kpi {
  std::string key, value, sub, state, link;  // state: ok, fail, none or ""
};

void Header(const RunReportInputs& in, HtmlWriter* w) {
  const RunSummary* run = in.last_run();
  w->Open("header", {{"class", "top"}}).Open("div", {{"class", "wrap"}});
  w->Open("h1").Text("AutoMend run report");
  if (!run) {
    w->Element("span", "no run yet", {{"class", "badge none"}, {"data-outcome", "none"}});
  } else {
    const std::string outcome = run->outcome();
    const std::string text = outcome == "failed"      ? "FAILED at " + run->failed_stage
                             : outcome == "succeeded" ? "SUCCEEDED"
                                                      : "INCOMPLETE";
    const std::string cls = outcome == "failed"      ? "badge fail"
                            : outcome == "succeeded" ? "badge ok"
                                                     : "badge warn";
    w->Element("span", text, {{"class", cls}, {"data-outcome", outcome}});
  }
  if (in.anomaly.ok()) {
    const std::string status = StringMember(&in.anomaly.json, "status", "unknown");
    w->Element(
        "span", "anomaly check " + status,
        {{"class", status == "PASS" ? "badge ok" : "badge fail"}, {"data-anomaly-status", status}});
  }
  w->Close();
  w->Open("div", {{"class", "meta"}});
  if (run) {
    w->Open("span").Text("last run ").Open("b").Text(FormatUtcTime(run->start)).Close().Close();
    w->Open("span").Text("took ").Open("b").Text(FormatDuration(run->seconds())).Close().Close();
    w->Open("span").Text("run id ").Open("code").Text(run->run_id).Close().Close();
  }
  w->Open("span")
      .Text("config ")
      .Open("code")
      .Text(in.config_file.empty() ? "built-in defaults" : in.config_file)
      .Close()
      .Close();
  w->Close();
  w->Open("nav", {{"class", "toc"}});
  for (const auto& [id, name] : {std::pair{"pipeline", "Pipeline"}, std::pair{"timings", "Timings"},
                                 std::pair{"funnel", "Funnel"}, std::pair{"schema", "Schema"},
                                 std::pair{"anomalies", "Anomalies"}, std::pair{"bias", "Bias"},
                                 std::pair{"redactions", "Redactions"}})
    w->Element("a", name, {{"href", std::string("#") + id}});
  w->Close();
  w->Close().Close();
}

std::vector<Kpi> Kpis(const RunReportInputs& in) {
  std::vector<Kpi> kpis;
  const JsonValue* pre = in.preprocess.ok() ? &in.preprocess.json : nullptr;
  const JsonValue* schema = in.schema.ok() ? &in.schema.json : nullptr;
  const JsonValue* anomaly = in.anomaly.ok() ? &in.anomaly.json : nullptr;
  const JsonValue* bias = in.bias.ok() ? &in.bias.json : nullptr;
  const std::string none = "\xE2\x80\x94";
  if (pre) {
    const int64_t rows = IntMember(pre, "rows_in"), records = IntMember(pre, "records");
    kpis.push_back({"rows read", FormatCount(rows), "by preprocess", "", "funnel"});
    kpis.push_back(
        {"records", FormatCount(records),
         FormatPercent(rows ? static_cast<double>(records) / static_cast<double>(rows) : 0) +
             " of the rows",
         "", "funnel"});
  } else {
    kpis.push_back({"records", none, "not produced yet", "none", "funnel"});
  }
  if (schema) {
    const double pass = NumberMember(schema, "pass_rate_pct");
    kpis.push_back({"schema pass rate", FormatNumber(pass, 1) + "%",
                    FormatCount(IntMember(schema, "valid")) + " of " +
                        FormatCount(IntMember(schema, "total")) + " valid",
                    pass >= 100 ? "ok" : "", "schema"});
  } else {
    kpis.push_back({"schema pass rate", none, "not produced yet", "none", "schema"});
  }
  if (anomaly) {
    const std::string status = StringMember(anomaly, "status", "unknown");
    const int64_t n = IntMember(anomaly, "anomalies_found");
    kpis.push_back({"anomaly check", status,
                    std::to_string(n) + (n == 1 ? " anomaly" : " anomalies"),
                    status == "PASS" ? "ok" : "fail", "anomalies"});
  } else {
    kpis.push_back({"anomaly check", none, "not produced yet", "none", "anomalies"});
  }
  if (bias) {
    const JsonValue* m = Member(bias, "mitigation");
    kpis.push_back({"balanced records", FormatCount(IntMember(m, "balanced_total")),
                    std::to_string(IntMember(bias, "imbalances_found")) + " slice(s) flagged", "",
                    "bias"});
  } else {
    kpis.push_back({"balanced records", none, "not produced yet", "none", "bias"});
  }
  if (pre) {
    int64_t total = 0;
    if (const JsonValue* r = Member(pre, "redactions"); r && r->is_object())
      for (const auto& [k, v] : r->object()) total += v.is_int() ? v.as_int() : 0;
    kpis.push_back({"redactions", FormatCount(total),
                    "in " + FormatCount(IntMember(pre, "records_with_redactions")) + " records", "",
                    "redactions"});
  }
  return kpis;
}

}  // namespace

std::string RenderRunReport(const RunReportInputs& in) {
  std::string out;
  HtmlWriter w(&out);
  w.Raw("<!DOCTYPE html>\n").Open("html", {{"lang", "en"}}).Open("head");
  w.Empty("meta", {{"charset", "utf-8"}});
  w.Empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  // Nothing may be fetched: no network, not even the favicon the browser asks for.
  w.Empty("meta", {{"http-equiv", "Content-Security-Policy"},
                   {"content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}});
  w.Empty("link", {{"rel", "icon"}, {"href", "data:,"}});
  const RunSummary* run = in.last_run();
  w.Element("title",
            "AutoMend run report" + (run ? " \xE2\x80\x94 " + FormatUtcTime(run->start) : ""));
  w.Open("style").Raw(RunReportCss()).Close();
  w.Close().Open("body");
  Header(in, &w);
  w.Open("main").Open("div", {{"class", "wrap"}});
  w.Open("div", {{"class", "kpis"}});
  for (const Kpi& k : Kpis(in)) {
    w.Open("a", {{"class", "kpi " + k.state}, {"href", "#" + k.link}, {"data-kpi", k.key}});
    w.Element("div", k.key, {{"class", "k"}}).Element("div", k.value, {{"class", "v"}});
    w.Element("div", k.sub, {{"class", "s"}}).Close();
  }
  w.Close();
  RenderPipelineSection(in, &w);
  RenderTimingsSection(in, &w);
  RenderFunnelSection(in, &w);
  w.Open("div", {{"class", "grid-2 cards"}});
  RenderSchemaSection(in, &w);
  RenderAnomalySection(in, &w);
  w.Close();
  RenderBiasSection(in, &w);
  RenderRedactionSection(in, &w);
  w.Close().Close();
  w.Open("footer").Open("div", {{"class", "wrap"}});
  w.Text("Generated " + FormatUtcTime(in.generated_at) +
         " by automend " AUTOMEND_VERSION " from the run log and the reports; ")
      .Open("code")
      .Text("automend report")
      .Close();
  w.Text(" draws it again.").Close().Close();
  w.Close().Close();
  out.push_back('\n');
  return out;
}

Status WriteRunReport(const Config& config, const RunReportOptions& options, std::string* written) {
  const double now =
      options.now > 0
          ? options.now
          : std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                .count();
  RunReportInputs inputs;
  LoadRunReportInputs(config, now, &inputs);
  const std::string path = options.output.empty() ? RunReportPath(config) : options.output;
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(path, RenderRunReport(inputs)));
  AM_LOG_INFO("report: wrote {}", path);
  if (written) *written = path;
  return Status::OK();
}

Status ReportAfterRun(const Config& config, const Status& run_status) {
  Status report = WriteRunReport(config, RunReportOptions());
  if (!report.ok()) AM_LOG_ERROR("report: {}", report.ToString());
  return run_status.ok() ? report : run_status;
}

}  // namespace automend
