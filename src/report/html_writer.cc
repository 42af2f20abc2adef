#include "report/html_writer.h"

#include <cmath>
#include <cstdio>

#include "core/text/utf8.h"

namespace automend {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one.
size_t ValidSequenceAt(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  if (lead < 0xC2 || lead > 0xF4) return 0;
  const size_t n = Utf8SequenceLength(lead);
  if (i + n > text.size()) return 0;
  return CheckUtf8(text.substr(i, n)).valid ? n : 0;
}

}  // namespace

void AppendHtmlEscaped(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size());
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&':
        out->append("&amp;");
        ++i;
        continue;
      case '<':
        out->append("&lt;");
        ++i;
        continue;
      case '>':
        out->append("&gt;");
        ++i;
        continue;
      case '"':
        out->append("&quot;");
        ++i;
        continue;
      case '\'':
        out->append("&#39;");
        ++i;
        continue;
      default:
        break;
    }
    const size_t n = ValidSequenceAt(text, i);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");  // U+FFFD
      ++i;
    } else {
      out->append(text.substr(i, n));
      i += n;
    }
  }
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(text, &out);
  return out;
}

std::string FormatNumber(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string FormatCount(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.append("\xE2\x80\xAF");  // U+202F
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string FormatPercent(double share) { return FormatNumber(share * 100.0, 1) + "%"; }

void HtmlWriter::Tag(std::string_view tag, HtmlAttributes attributes) {
  out_->push_back('<');
  out_->append(tag);
  for (const auto& [name, value] : attributes) {
    out_->push_back(' ');
    out_->append(name);
    out_->append("=\"");
    AppendHtmlEscaped(value, out_);
    out_->push_back('"');
  }
}

HtmlWriter& HtmlWriter::Open(std::string_view tag, HtmlAttributes attributes) {
  Tag(tag, attributes);
  out_->push_back('>');
  open_.emplace_back(tag);
  return *this;
}

HtmlWriter& HtmlWriter::Close() {
  if (open_.empty()) return *this;
  out_->append("</");
  out_->append(open_.back());
  out_->push_back('>');
  open_.pop_back();
  return *this;
}

HtmlWriter& HtmlWriter::Empty(std::string_view tag, HtmlAttributes attributes) {
  Tag(tag, attributes);
  out_->append("/>");
  return *this;
}

HtmlWriter& HtmlWriter::Element(std::string_view tag, std::string_view text,
                                HtmlAttributes attributes) {
  return Open(tag, attributes).Text(text).Close();
}

HtmlWriter& HtmlWriter::Text(std::string_view text) {
  AppendHtmlEscaped(text, out_);
  return *this;
}

HtmlWriter& HtmlWriter::Raw(std::string_view html) {
  out_->append(html);
  return *this;
}

}  // namespace automend
