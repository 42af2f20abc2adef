// What every section of the run report shares: the card it sits in, the line naming the
// file it was drawn from (and whether that file is an earlier run's), the box shown
// instead when the file is missing or unreadable, and lenient accessors for the JSON
// reports (a missing or mistyped key gives the fallback, never an error, because the page
// must render whatever state the files are in). Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json/json_reader.h"
#include "report/html_writer.h"
#include "report/report_inputs.h"

namespace automend {

// <section id=... class="card"><h2>title</h2>; the caller closes it.
void OpenSection(HtmlWriter* w, std::string_view id, std::string_view title);

// Writes the "from FILE, written TIME" line for `file`, or the "not produced yet" / "could
// not be read" box (naming `command`, which produces it). Returns whether file.json is
// usable.
bool SourceLine(HtmlWriter* w, const RunReportInputs& in, const ReportFile& file,
                std::string_view command);

// "2026-01-31 14:05:09 UTC" (empty for 0).
std::string FormatUtcTime(double epoch_seconds);

// Members of a JSON object, with fallbacks for anything missing or of another type.
const JsonValue* Member(const JsonValue* object, std::string_view key);
int64_t IntMember(const JsonValue* object, std::string_view key, int64_t fallback = 0);
double NumberMember(const JsonValue* object, std::string_view key, double fallback = 0);
std::string StringMember(const JsonValue* object, std::string_view key,
                         std::string_view fallback = "");

}  // namespace automend
