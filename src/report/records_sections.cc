#include "report/records_sections.h"

#include <algorithm>

#include "report/record_samples.h"
#include "report/report_section.h"
#include "report/svg_charts.h"

namespace automend {
namespace {

// Manifests longer than this are cut (at a line end) in the samples.
constexpr size_t kMaxManifestShown = 6000;

std::string SliceText(int64_t count, double share, bool over, bool under) {
  std::string text = FormatCount(count) + " \xC2\xB7 " + FormatPercent(share);
  if (over) text += "  over";
  if (under) text += "  under";
  return text;
}

BarValue SliceValue(const JsonValue* slice) {
  BarValue v;
  if (!slice || !slice->is_object()) {
    v.present = false;
    return v;
  }
  const int64_t count = IntMember(slice, "count");
  const double share = NumberMember(slice, "share");
  const JsonValue* over = Member(slice, "over_represented");
  const JsonValue* under = Member(slice, "under_represented");
  const bool is_over = over && over->is_bool() && over->as_bool();
  const bool is_under = under && under->is_bool() && under->as_bool();
  v.value = share;
  v.text = SliceText(count, share, is_over, is_under);
  v.css_class = is_over ? "flag-over" : is_under ? "flag-under" : "";
  return v;
}

// One dimension's chart: the slices before mitigation, and after it where known.
void DimensionChart(HtmlWriter* w, const std::string& dimension, const JsonValue& before,
                    const JsonValue* after, double over, double under) {
  BarChart chart;
  chart.aria_label = "Slices of " + dimension + " before and after mitigation";
  chart.css_class = "paired";
  chart.width = 540;
  chart.series = {"before", after ? "after mitigation" : "after (not in the report)"};
  chart.markers = {{over, "over " + FormatPercent(over)}, {under, "under " + FormatPercent(under)}};
  std::vector<std::string> names;
  for (const auto& [name, v] : before.object()) names.push_back(name);
  if (after && after->is_object())
    for (const auto& [name, v] : after->object())
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  int flagged = 0;
  for (const std::string& name : names) {
    BarRow row;
    row.label = name;
    row.values.push_back(SliceValue(before.Find(name)));
    row.values.push_back(SliceValue(after ? Member(after, name) : nullptr));
    if (!row.values[0].css_class.empty()) ++flagged;
    row.tooltip = name + ": " + (row.values[0].present ? row.values[0].text : "absent before") +
                  " \xE2\x86\x92 " +
                  (row.values[1].present ? row.values[1].text : "not known after");
    chart.rows.push_back(std::move(row));
  }
  w->Open("div", {{"class", "dimension"}, {"data-dimension", dimension}});
  w->Element("h3", dimension + " \xE2\x80\x94 " + std::to_string(names.size()) + " slices, " +
                       std::to_string(flagged) + " flagged");
  w->Raw(RenderBarChart(chart));
  w->Close();
}

void Mitigation(HtmlWriter* w, const JsonValue* m) {
  if (!m) return;
  const int64_t original = IntMember(m, "original_total"),
                balanced = IntMember(m, "balanced_total");
  const JsonValue* cap = Member(m, "cap");
  w->Open("div", {{"class", "mitigation"},
                  {"data-original", std::to_string(original)},
                  {"data-balanced", std::to_string(balanced)}});
  w->Open("div").Element("b", FormatCount(original)).Text("records before").Close();
  w->Open("div").Element("b", FormatCount(balanced)).Text("after mitigation").Close();
  w->Open("div").Element("b", FormatCount(original - balanced)).Text("dropped").Close();
  w->Open("div").Element("b", cap && cap->is_int() ? FormatCount(cap->as_int()) : "none");
  w->Text("cap per " + StringMember(m, "dimension", "iac_type") + " slice").Close();
  w->Close();
  w->Element("p", "Mitigation: " + StringMember(m, "reason"), {{"class", "note"}});
}

}  // namespace

void RenderBiasSection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "bias", "Bias slices");
  if (!SourceLine(w, in, in.bias, "automend bias-detection")) {
    w->Close();
    return;
  }
  const JsonValue* r = &in.bias.json;
  const JsonValue* thresholds = Member(r, "thresholds");
  const double over = NumberMember(thresholds, "over_representation", 0.4);
  const double under = NumberMember(thresholds, "under_representation", 0.05);
  const JsonValue* m = Member(r, "mitigation");
  Mitigation(w, m);
  w->Element("p",
             std::to_string(IntMember(r, "imbalances_found")) +
                 " slice(s) flagged before mitigation: over " + FormatPercent(over) + " or under " +
                 FormatPercent(under) + " of the records.",
             {{"class", "note"}});
  const JsonValue* slices = Member(r, "slices");
  const JsonValue* after_all = Member(r, "slices_after_mitigation");
  w->Open("div", {{"class", "bias-grid"}});
  if (slices && slices->is_object()) {
    for (const auto& [dimension, before] : slices->object()) {
      if (!before.is_object()) continue;
      // Reports from before slices_after_mitigation existed still have the mitigated
      // dimension's balanced slices.
      const JsonValue* after = Member(after_all, dimension);
      if (!after && StringMember(m, "dimension") == dimension) after = Member(m, "balanced_slices");
      DimensionChart(w, dimension, before, after, over, under);
    }
  }
  w->Close();
  w->Close();
}

void RenderRedactionSection(const RunReportInputs& in, HtmlWriter* w) {
  OpenSection(w, "redactions", "Redactions");
  if (SourceLine(w, in, in.preprocess, "automend preprocess")) {
    const JsonValue* r = &in.preprocess.json;
    const JsonValue* classes = Member(r, "redactions");
    static const std::pair<const char*, const char*> kClasses[] = {{"credential", "r-creds"},
                                                                   {"ipv4", "r-ipv4"},
                                                                   {"email", "r-email"},
                                                                   {"api_key", "r-apikey"},
                                                                   {"secret", "r-secret"}};
    BarChart chart;
    chart.aria_label = "Redactions per class";
    chart.width = 520;
    int64_t total = 0;
    for (const auto& [name, css] : kClasses) {
      const int64_t n = IntMember(classes, name);
      total += n;
      chart.rows.push_back({name,
                            {{static_cast<double>(n), FormatCount(n), css}},
                            std::string(name) + ": " + std::to_string(n) + " span(s) replaced"});
    }
    w->Open("p", {{"class", "note"}, {"data-total", std::to_string(total)}});
    w->Text(FormatCount(total) + " spans replaced in " +
            FormatCount(IntMember(r, "records_with_redactions")) + " of " +
            FormatCount(IntMember(r, "records")) + " records.");
    w->Close();
    w->Raw(RenderBarChart(chart));
  }
  w->Element("h3", "Sample records", {{"id", "samples"}});
  if (!in.samples_error.empty() || in.samples.empty()) {
    w->Open("div", {{"class", "missing"}, {"data-missing", in.records_path}});
    w->Element("b", in.samples_error.empty() ? "No record yet: " : "Not produced yet: ");
    w->Open("code").Text(in.records_path).Close();
    w->Text(in.samples_error.empty() ? " has no records."
                                     : " cannot be read (" + in.samples_error + ").");
    w->Close().Close();
    return;
  }
  w->Open("p", {{"class", "note"}}).Text("from ").Open("code").Text(in.records_path).Close();
  w->Text(", records with redactions first; replaced spans are highlighted:").Close();
  w->Open("div", {{"class", "token-legend"}});
  for (const RedactionToken& t : RedactionTokens()) {
    w->Open("span");
    std::string mark;
    AppendHighlightedRedactions(t.token, &mark);
    w->Raw(mark).Text(" " + std::string(t.kind)).Close();
  }
  w->Close();
  for (const SampleRecord& s : in.samples) {
    w->Open("details",
            {{"class", "sample"}, {"open", "open"}, {"data-line", std::to_string(s.line)}});
    w->Open("summary").Element("span", s.path, {{"class", "path mono"}});
    w->Element("span", s.repo, {{"class", "note"}});
    w->Element("span", s.iac_type, {{"class", "pill skipped"}});
    w->Element(
        "span",
        std::to_string(s.redactions) + " redaction(s) \xC2\xB7 line " + std::to_string(s.line),
        {{"class", "note"}});
    w->Close();
    w->Open("div", {{"class", "prompt"}}).Element("b", "prompt");
    std::string html;
    AppendHighlightedRedactions(s.prompt, &html);
    w->Raw(html).Close();
    html.clear();
    AppendRedactionExcerpt(s.manifest, 2, &html);
    w->Open("pre", {{"class", "manifest excerpt"}}).Raw(html).Close();
    std::string_view manifest = s.manifest;
    std::string cut;
    if (manifest.size() > kMaxManifestShown) {
      const size_t end = manifest.rfind('\n', kMaxManifestShown);
      cut =
          "\n\xE2\x80\xA6 " + FormatCount(static_cast<int64_t>(manifest.size())) + " bytes in all";
      manifest = manifest.substr(0, end == std::string_view::npos ? kMaxManifestShown : end);
    }
    const int64_t lines = std::count(s.manifest.begin(), s.manifest.end(), '\n') +
                          (!s.manifest.empty() && s.manifest.back() != '\n');
    html.clear();
    AppendHighlightedRedactions(manifest, &html);
    w->Open("details", {{"class", "whole"}})
        .Element("summary", "whole manifest (" + std::to_string(lines) + " lines)");
    w->Open("pre", {{"class", "manifest"}}).Raw(html).Text(cut).Close().Close();
    w->Close();
  }
  w->Close();
}

}  // namespace automend
