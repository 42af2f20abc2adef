#include "report/quality_sections.h"

#include <algorithm>

#include "report/record_samples.h"
#include "report/report_section.h"
#include "report/svg_charts.h"

namespace automend {
namespace {

std::string Count(int64_t n) { return FormatCount(n); }

// "e.g. data/raw/rows.jsonl:39: while parsing ..." from a report's first example of `reason`.
std::string FirstExample(const JsonValue* examples, std::string_view reason) {
  const JsonValue* list = Member(examples, reason);
  if (!list || !list->is_array() || list->array().empty()) return "";
  const JsonValue& first = list->array()[0];
  // The origin without its folders: "rows.jsonl:39" says enough beside the source line.
  std::string where = StringMember(&first, "origin");
  if (const size_t slash = where.rfind('/'); slash != std::string::npos) where.erase(0, slash + 1);
  if (where.empty() && Member(&first, "line"))
    where = "line " + std::to_string(IntMember(&first, "line"));
  const std::string detail = StringMember(&first, "detail");
  return "e.g. " + where + (detail.empty() ? "" : " \xE2\x80\x94 " + detail);
}

void OpenTable(HtmlWriter* w, const std::vector<std::string>& headers) {
  w->Open("div", {{"class", "scroll-x"}}).Open("table").Open("thead").Open("tr");
  for (const std::string& h : headers) {
    const bool num = h == "Rows" || h == "Value" || h == "Threshold" || h == "Share" || h == "Line";
    w->Element("th", h, {{"class", num ? "num" : ""}});
  }
  w->Close().Close().Open("tbody");
}

void EndTable(HtmlWriter* w) { w->Close().Close().Close(); }

}  // namespace

void RenderFunnelSection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "funnel", "Gate funnel");
  const bool from_preprocess = in.preprocess.ok();
  const ReportFile& file = from_preprocess || !in.analysis.ok() ? in.preprocess : in.analysis;
  if (!SourceLine(w, in, file, from_preprocess ? "automend preprocess" : "automend analyze")) {
    w->Close();
    return;
  }
  const JsonValue* r = &file.json;
  const JsonValue* examples = Member(r, "examples");
  // Rows read, then the rows lost before the gates, then every gate as the report lists it.
  int64_t start, malformed, duplicates, encoding;
  if (from_preprocess) {
    const JsonValue* rejected = Member(r, "rejected");
    start = IntMember(r, "rows_in");
    malformed = IntMember(rejected, "malformed");
    duplicates = IntMember(rejected, "duplicate");
    encoding = IntMember(rejected, "encoding");
  } else {
    start = IntMember(r, "rows");
    malformed = IntMember(r, "malformed");
    duplicates = IntMember(r, "duplicates");
    encoding = IntMember(r, "encoding_rejected");
  }
  std::vector<FunnelStep> steps;
  int64_t rows = start;
  auto step = [&](std::string label, int64_t lost, std::string tip) {
    steps.push_back({std::move(label), rows, rows - lost, std::move(tip)});
    rows -= lost;
  };
  if (malformed > 0) step("malformed", malformed, FirstExample(examples, "malformed"));
  step("duplicate", duplicates, "the same hexsha seen earlier");
  step("encoding", encoding, FirstExample(examples, "encoding"));
  if (const JsonValue* funnel = Member(r, "funnel"); funnel && funnel->is_array()) {
    for (const JsonValue& g : funnel->array()) {
      const std::string gate = StringMember(&g, "gate");
      steps.push_back(
          {gate, IntMember(&g, "in"), IntMember(&g, "out"), FirstExample(examples, gate)});
      rows = IntMember(&g, "out");
    }
  }
  const int64_t passing = from_preprocess ? IntMember(r, "records") : IntMember(r, "passing_rows");
  w->Open("div", {{"class", "split"}}).Open("div");
  w->Raw(RenderFunnel("Rows surviving each gate", "rows read", start, steps, 700));
  w->Open("p", {{"class", "note"}});
  w->Text(from_preprocess
              ? Count(passing) + " records written to the records file, " +
                    FormatPercent(start ? static_cast<double>(passing) / static_cast<double>(start)
                                        : 0) +
                    " of the rows read."
              : Count(passing) + " rows pass every gate (analysis of the raw rows; " +
                    "preprocess has not written its report yet).");
  w->Close().Close();
  w->Open("div");
  w->Element("h3", "Rejections by reason");
  OpenTable(w, {"Reason", "Rows", "Share", "Example"});
  for (const FunnelStep& s : steps) {
    const int64_t lost = s.in - s.out;
    w->Open("tr", {{"data-reason", s.label}, {"data-rejected", std::to_string(lost)}});
    w->Open("td").Element("code", s.label).Close();
    w->Element("td", Count(lost), {{"class", "num"}});
    w->Element("td",
               s.in ? FormatPercent(static_cast<double>(lost) / static_cast<double>(s.in)) : "",
               {{"class", "num"}});
    w->Element("td", lost ? s.tooltip : "", {{"class", "note"}});
    w->Close();
  }
  EndTable(w);
  w->Close().Close();
  w->Close();
}

void RenderSchemaSection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "schema", "Schema checks");
  if (!SourceLine(w, in, in.schema, "automend validate")) {
    w->Close();
    return;
  }
  const JsonValue* r = &in.schema.json;
  const int64_t total = IntMember(r, "total"), valid = IntMember(r, "valid");
  const double pass = NumberMember(r, "pass_rate_pct");
  w->Open("div", {{"class", "big"}, {"data-pass-rate", FormatNumber(pass, 6)}});
  w->Text(FormatNumber(pass, 2) + "%").Element("small", "pass rate").Close();
  w->Element("p", Count(valid) + " of " + Count(total) + " records pass all six checks",
             {{"class", "note"}});
  BarChart chart;
  chart.aria_label = "Violations per check";
  chart.width = 520;
  if (const JsonValue* counts = Member(r, "violation_counts"); counts && counts->is_object()) {
    for (const auto& [check, n] : counts->object()) {
      const int64_t v = n.is_int() ? n.as_int() : 0;
      chart.rows.push_back({check,
                            {{static_cast<double>(v), Count(v), v ? "bad" : "good"}},
                            check + ": " + std::to_string(v) + " record(s) fail"});
    }
  }
  chart.max = 1;
  for (const BarRow& row : chart.rows) chart.max = std::max(chart.max, row.values[0].value);
  w->Element("h3", "Violations per check").Raw(RenderBarChart(chart));
  if (const JsonValue* leaks = Member(r, "pii_leaks"); leaks && leaks->is_object()) {
    int64_t leaked = 0;
    std::string parts;
    for (const auto& [cls, n] : leaks->object()) {
      leaked += n.is_int() ? n.as_int() : 0;
      parts +=
          (parts.empty() ? "" : ", ") + cls + " " + std::to_string(n.is_int() ? n.as_int() : 0);
    }
    w->Open("p", {{"class", "note"}, {"data-pii-leaks", std::to_string(leaked)}});
    w->Text(leaked ? "PII left in the records: " + parts
                   : "No PII left in the records (" + parts + ").");
    w->Close();
  }
  if (const JsonValue* ex = Member(r, "examples"); ex && ex->is_object() && !ex->object().empty()) {
    w->Element("h3", "First offending lines");
    OpenTable(w, {"Check", "Line", "What was wrong"});
    for (const auto& [check, list] : ex->object()) {
      if (!list.is_array()) continue;
      for (const JsonValue& e : list.array()) {
        w->Open("tr").Open("td").Element("code", check).Close();
        w->Element("td", std::to_string(IntMember(&e, "line")), {{"class", "num"}});
        w->Element("td", StringMember(&e, "detail")).Close();
      }
    }
    EndTable(w);
  }
  w->Close();
}

void RenderAnomalySection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "anomalies", "Anomaly check");
  if (!SourceLine(w, in, in.anomaly, "automend anomaly-check")) {
    w->Close();
    return;
  }
  const JsonValue* r = &in.anomaly.json;
  const std::string status = StringMember(r, "status", "unknown");
  const bool pass = status == "PASS";
  const int64_t found = IntMember(r, "anomalies_found");
  w->Open("div",
          {{"class", pass ? "status-banner pass" : "status-banner fail"}, {"data-status", status}});
  w->Element("span", status, {{"class", "word"}});
  w->Element("span",
             pass ? "no anomaly in the schema report"
                  : std::to_string(found) + (found == 1 ? " anomaly" : " anomalies") + " found",
             {{"class", "what"}});
  w->Close();
  const RunSummary* run = in.last_run();
  if (run && run->StatusOf("anomaly_check") == "failed")
    w->Element("p", "The last run stopped here: " + run->Find("anomaly_check")->reason,
               {{"class", "note"}});
  if (const JsonValue* list = Member(r, "anomalies");
      list && list->is_array() && !list->array().empty()) {
    OpenTable(w, {"Rule", "Check", "Message", "Value", "Threshold"});
    for (const JsonValue& a : list->array()) {
      w->Open("tr", {{"class", "anomaly"}, {"data-rule", StringMember(&a, "rule")}});
      w->Open("td").Element("code", StringMember(&a, "rule")).Close();
      w->Element("td", StringMember(&a, "check"));
      w->Element("td", StringMember(&a, "message"));
      w->Element("td", FormatNumber(NumberMember(&a, "value"), 2), {{"class", "num"}});
      w->Element("td", FormatNumber(NumberMember(&a, "threshold"), 2), {{"class", "num"}});
      w->Close();
    }
    EndTable(w);
  }
  const JsonValue* alert = Member(r, "alert");
  const std::string channel = StringMember(alert, "channel", "none");
  std::string what = channel == "slack" ? "Alert sent to Slack"
                     : channel == "log"
                         ? "Alert written to the log at CRITICAL (SLACK_WEBHOOK_URL not set)"
                         : "No alert needed";
  if (channel == "slack")
    what += Member(alert, "delivered") && Member(alert, "delivered")->is_bool() &&
                    Member(alert, "delivered")->as_bool()
                ? ": delivered"
                : ": not delivered (" + StringMember(alert, "detail") + ")";
  w->Element("p", what + ".", {{"class", "note"}, {"data-alert", channel}});
  w->Close();
}

}  // namespace automend
