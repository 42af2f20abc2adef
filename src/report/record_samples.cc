#include "report/record_samples.h"

#include <algorithm>
#include <bit>
#include <memory>
#include <tuple>

#include "core/io/line_reader.h"
#include "core/json/json_reader.h"
#include "report/html_writer.h"

namespace automend {
namespace {

// Records with redactions kept as candidates at most (each holds its text).
constexpr size_t kMaxCandidates = 200;

const std::string* StringField(const JsonValue* object, std::string_view key) {
  if (!object || !object->is_object()) return nullptr;
  const JsonValue* v = object->Find(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

// The first message with `role`, or nullptr.
const std::string* MessageContent(const JsonValue& record, std::string_view role) {
  const JsonValue* messages = record.Find("messages");
  if (!messages || !messages->is_array()) return nullptr;
  for (const JsonValue& m : messages->array()) {
    const std::string* r = StringField(&m, "role");
    if (r && *r == role) return StringField(&m, "content");
  }
  return nullptr;
}

bool ReadSample(std::string_view line, uint64_t number, SampleRecord* out) {
  JsonValue record;
  if (!ParseJson(line, &record).ok() || !record.is_object()) return false;
  const JsonValue* meta = record.Find("metadata");
  const std::string* prompt = MessageContent(record, "user");
  const std::string* call = MessageContent(record, "assistant");
  if (!meta || !meta->is_object() || !prompt || !call) return false;
  JsonValue parsed;
  if (!ParseJson(*call, &parsed).ok() || !parsed.is_object()) return false;
  const std::string* manifest = StringField(parsed.Find("params"), "manifest_content");
  if (!manifest) return false;
  *out = SampleRecord();
  out->line = number;
  out->prompt = *prompt;
  out->manifest = *manifest;
  if (const std::string* s = StringField(meta, "path")) out->path = *s;
  if (const std::string* s = StringField(meta, "repo")) out->repo = *s;
  if (const std::string* s = StringField(meta, "iac_type")) out->iac_type = *s;
  if (const JsonValue* r = meta->Find("redactions"); r && r->is_int())
    out->redactions = r->as_int();
  return true;
}

// One bit per kind of token present in the record.
unsigned TokenKinds(const SampleRecord& r) {
  unsigned mask = 0;
  const auto& tokens = RedactionTokens();
  for (size_t i = 0; i < tokens.size(); ++i)
    if (r.manifest.find(tokens[i].token) != std::string::npos ||
        r.prompt.find(tokens[i].token) != std::string::npos)
      mask |= 1u << i;
  return mask;
}

}  // namespace

const std::vector<RedactionToken>& RedactionTokens() {
  static const std::vector<RedactionToken> kTokens = {
      {"REDACTED_CREDS", "r-creds", "credential"},    {"IPV4_REDACTED", "r-ipv4", "IPv4 address"},
      {"REDACTED_EMAIL", "r-email", "email address"}, {"sk-REDACTED", "r-apikey", "API key"},
      {"REDACTED_SECRET", "r-secret", "secret"},
  };
  return kTokens;
}

void AppendHighlightedRedactions(std::string_view text, std::string* html) {
  const auto& tokens = RedactionTokens();
  size_t pos = 0;
  while (pos < text.size()) {
    size_t best = std::string_view::npos;
    const RedactionToken* found = nullptr;
    for (const RedactionToken& t : tokens) {
      const size_t at = text.find(t.token, pos);
      if (at < best) {
        best = at;
        found = &t;
      }
    }
    if (!found) break;
    AppendHtmlEscaped(text.substr(pos, best - pos), html);
    html->append("<mark class=\"redacted ");
    html->append(found->css_class);
    html->append("\" title=\"");
    html->append(found->kind);
    html->append(" removed\">");
    AppendHtmlEscaped(found->token, html);
    html->append("</mark>");
    pos = best + found->token.size();
  }
  AppendHtmlEscaped(text.substr(pos), html);
}

void AppendRedactionExcerpt(std::string_view text, size_t context, std::string* html) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  std::vector<bool> keep(lines.size(), false);
  bool any = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    bool has = false;
    for (const RedactionToken& t : RedactionTokens())
      has |= lines[i].find(t.token) != std::string_view::npos;
    if (!has) continue;
    any = true;
    const size_t from = i > context ? i - context : 0, to = std::min(lines.size(), i + context + 1);
    for (size_t j = from; j < to; ++j) keep[j] = true;
  }
  if (!any)
    for (size_t j = 0; j < std::min(lines.size(), 2 * context + 1); ++j) keep[j] = true;
  auto gap = [&](size_t n) {
    html->append("<span class=\"gap\">\xE2\x8B\xAF ");
    html->append(std::to_string(n));
    html->append(n == 1 ? " line</span>\n" : " lines</span>\n");
  };
  size_t skipped = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!keep[i]) {
      ++skipped;
      continue;
    }
    if (skipped) gap(skipped);
    skipped = 0;
    html->append("<span class=\"ln\">");
    html->append(std::to_string(i + 1));
    html->append("</span>");
    AppendHighlightedRedactions(lines[i], html);
    html->push_back('\n');
  }
  if (skipped) gap(skipped);
}

Status PickSampleRecords(const std::string& records_path, const SampleOptions& options,
                         std::vector<SampleRecord>* samples) {
  samples->clear();
  std::unique_ptr<LineReader> reader;
  AUTOMEND_RETURN_IF_ERROR(LineReader::Open(records_path, &reader, 16 << 20));
  std::vector<SampleRecord> with_redactions, plain;
  SampleRecord record;
  while (reader->line_number() < options.max_lines && with_redactions.size() < kMaxCandidates) {
    std::string_view line;
    bool got = false, too_long = false;
    AUTOMEND_RETURN_IF_ERROR(reader->Next(&line, &got, &too_long));
    if (!got) break;
    if (too_long || !ReadSample(line, reader->line_number(), &record)) continue;
    if (TokenKinds(record) != 0 || record.redactions > 0) {
      with_redactions.push_back(std::move(record));
    } else if (plain.size() < options.count) {
      plain.push_back(std::move(record));
    }
  }

  // Greedy: each pick adds the most kinds of token not shown yet; then more kinds, then a
  // manifest short enough to read, then file order.
  unsigned shown = 0;
  std::vector<bool> taken(with_redactions.size(), false);
  while (samples->size() < options.count) {
    int best = -1;
    auto key = [&](size_t i) {
      const unsigned kinds = TokenKinds(with_redactions[i]);
      const bool short_enough =
          with_redactions[i].manifest.size() <= options.preferred_manifest_bytes;
      return std::tuple(std::popcount(kinds & ~shown), short_enough, std::popcount(kinds));
    };
    for (size_t i = 0; i < with_redactions.size(); ++i) {
      if (taken[i]) continue;
      if (best < 0 || key(i) > key(static_cast<size_t>(best))) best = static_cast<int>(i);
    }
    if (best < 0) break;
    taken[static_cast<size_t>(best)] = true;
    shown |= TokenKinds(with_redactions[static_cast<size_t>(best)]);
    samples->push_back(std::move(with_redactions[static_cast<size_t>(best)]));
  }
  for (size_t i = 0; i < plain.size() && samples->size() < options.count; ++i)
    samples->push_back(std::move(plain[i]));
  std::sort(samples->begin(), samples->end(),
            [](const SampleRecord& a, const SampleRecord& b) { return a.line < b.line; });
  return Status::OK();
}

}  // namespace automend
