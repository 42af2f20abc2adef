// RecordSamples: a few records from the records file for people to read in the run
// report, preferring records with redactions and, among them, records that together show
// every kind of replacement token; and the HTML of a text with those tokens highlighted
// (<mark class="redacted r-KIND">), everything else escaped. Reads a bounded prefix of
// the file, so a huge records file costs little. Pure apart from reading the file;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace automend {

struct SampleRecord {
  uint64_t line = 0;  // 1-based line in the records file
  std::string path;
  std::string repo;
  std::string iac_type;
  int64_t redactions = 0;  // metadata.redactions
  std::string prompt;      // the user message
  std::string manifest;    // params.manifest_content of the assistant's call
};

struct SampleOptions {
  size_t count = 3;
  size_t max_lines = 5000;  // lines read at most
  // Longer manifests are chosen only when nothing shorter shows the same kinds of token.
  size_t preferred_manifest_bytes = 2500;
};

// Picks up to options.count records, in file order. Lines that are not records are
// passed over; a missing file is an IOError.
Status PickSampleRecords(const std::string& records_path, const SampleOptions& options,
                         std::vector<SampleRecord>* samples);

// A replacement token and the CSS class and name it is shown with.
struct RedactionToken {
  std::string_view token;
  std::string_view css_class;
  std::string_view kind;
};
const std::vector<RedactionToken>& RedactionTokens();

// Appends `text`, HTML-escaped, with every replacement token wrapped in
// <mark class="redacted r-...">.
void AppendHighlightedRedactions(std::string_view text, std::string* html);

// Appends the lines of `text` that hold a replacement token, with `context` lines on each
// side, highlighted and numbered (<span class="ln">N</span>), and one <span class="gap">
// line for each run of lines left out, so every redaction shows without scrolling. Text
// without a token gives its first 2 * context + 1 lines.
void AppendRedactionExcerpt(std::string_view text, size_t context, std::string* html);

}  // namespace automend
