#include "report/report_section.h"

#include <ctime>

namespace automend {

void OpenSection(HtmlWriter* w, std::string_view id, std::string_view title) {
  w->Open("section", {{"id", id}, {"class", "card"}});
  w->Element("h2", title);
}

bool SourceLine(HtmlWriter* w, const RunReportInputs& in, const ReportFile& file,
                std::string_view command) {
  if (!file.present) {
    w->Open("div", {{"class", "missing"}, {"data-missing", file.path}});
    w->Element("b", "Not produced yet: ").Open("code").Text(file.path).Close();
    w->Text(" does not exist. ").Open("code").Text(command).Close();
    w->Text(" or ").Open("code").Text("automend run").Close().Text(" writes it.");
    w->Close();
    return false;
  }
  if (!file.error.empty()) {
    w->Open("div", {{"class", "missing"}, {"data-missing", file.path}});
    w->Element("b", "Could not be read: ").Open("code").Text(file.path).Close();
    w->Text(" \xE2\x80\x94 ").Text(file.error).Close();
    return false;
  }
  w->Open("p", {{"class", "source"}}).Text("from ").Open("code").Text(file.path).Close();
  w->Text(", written ").Text(FormatUtcTime(file.written));
  if (in.FromEarlierRun(file))
    w->Element("span", "from an earlier run: the last run did not reach " + file.stage,
               {{"class", "stale"}});
  w->Close();
  return true;
}

std::string FormatUtcTime(double epoch_seconds) {
  if (epoch_seconds <= 0) return "";
  const auto t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  if (!::gmtime_r(&t, &tm)) return "";
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

const JsonValue* Member(const JsonValue* object, std::string_view key) {
  return object && object->is_object() ? object->Find(key) : nullptr;
}

int64_t IntMember(const JsonValue* object, std::string_view key, int64_t fallback) {
  const JsonValue* v = Member(object, key);
  return v && v->is_int() ? v->as_int() : fallback;
}

double NumberMember(const JsonValue* object, std::string_view key, double fallback) {
  const JsonValue* v = Member(object, key);
  return v && v->is_number() ? v->as_double() : fallback;
}

std::string StringMember(const JsonValue* object, std::string_view key, std::string_view fallback) {
  const JsonValue* v = Member(object, key);
  return v && v->is_string() ? v->as_string() : std::string(fallback);
}

}  // namespace automend
