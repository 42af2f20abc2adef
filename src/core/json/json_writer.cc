#include "core/json/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "core/text/byte_scan.h"
#include "core/text/utf8.h"

namespace automend {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendU16(uint32_t unit, std::string* out) {
  char buf[6] = {'\\', 'u', kHex[(unit >> 12) & 0xF], kHex[(unit >> 8) & 0xF],
                 kHex[(unit >> 4) & 0xF], kHex[unit & 0xF]};
  out->append(buf, 6);
}

// Decodes one well-formed UTF-8 sequence at s[i..n); returns its length or 0 when the
// bytes there are not a valid sequence (then the caller escapes one byte).
size_t DecodeValid(const unsigned char* s, size_t i, size_t n, uint32_t* cp) {
  unsigned char c = s[i];
  size_t len;
  uint32_t min_cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, min_cp = 0x80, *cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, min_cp = 0x800, *cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, min_cp = 0x10000, *cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (s[i + k] & 0x3F);
  }
  if (*cp < min_cp || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  out->reserve(out->size() + n + n / 8 + 2);
  out->push_back('"');
  size_t i = 0;
  while (i < n) {
    size_t run = i + FindJsonEscapeNeeded(text.data() + i, n - i);
    if (run > i) {
      out->append(text.data() + i, run - i);
      i = run;
      if (i == n) break;
    }
    unsigned char c = s[i];
    switch (c) {
      case '"': out->append("\\\""); ++i; continue;
      case '\\': out->append("\\\\"); ++i; continue;
      case '\n': out->append("\\n"); ++i; continue;
      case '\r': out->append("\\r"); ++i; continue;
      case '\t': out->append("\\t"); ++i; continue;
      case '\b': out->append("\\b"); ++i; continue;
      case '\f': out->append("\\f"); ++i; continue;
      default: break;
    }
    if (c < 0x80) {  // other control characters and DEL
      AppendU16(c, out);
      ++i;
      continue;
    }
    uint32_t cp;
    size_t len = DecodeValid(s, i, n, &cp);
    if (len == 0) {  // surrogateescape: the lone low surrogate for this byte
      AppendU16(0xDC00 + c, out);
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      uint32_t v = cp - 0x10000;
      AppendU16(0xD800 + (v >> 10), out);
      AppendU16(0xDC00 + (v & 0x3FF), out);
    } else {
      AppendU16(cp, out);
    }
    i += len;
  }
  out->push_back('"');
}

void AppendJsonDouble(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "Infinity" : "-Infinity");
    return;
  }
  // Shortest round-trip digits, then laid out as Python's float_repr_style 'short' does:
  // exponent form when the decimal exponent is < -4 or >= 16, else fixed with ".0".
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  size_t e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  bool negative = !mantissa.empty() && mantissa[0] == '-';
  if (negative) mantissa.remove_prefix(1);
  std::string digits;
  for (char ch : mantissa)
    if (ch != '.') digits.push_back(ch);
  if (negative) out->push_back('-');
  const int ndigits = static_cast<int>(digits.size());
  if (exponent < -4 || exponent >= 16) {
    out->push_back(digits[0]);
    if (ndigits > 1) {
      out->push_back('.');
      out->append(digits, 1, std::string::npos);
    }
    out->push_back('e');
    out->push_back(exponent < 0 ? '-' : '+');
    int mag = exponent < 0 ? -exponent : exponent;
    if (mag < 10) out->push_back('0');
    out->append(std::to_string(mag));
    return;
  }
  if (exponent < 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-exponent - 1), '0');
    out->append(digits);
    return;
  }
  const int int_digits = exponent + 1;
  if (ndigits <= int_digits) {
    out->append(digits);
    out->append(static_cast<size_t>(int_digits - ndigits), '0');
    out->append(".0");
  } else {
    out->append(digits, 0, static_cast<size_t>(int_digits));
    out->push_back('.');
    out->append(digits, static_cast<size_t>(int_digits), std::string::npos);
  }
}

void JsonWriter::Newline() {
  out_->push_back('\n');
  out_->append(first_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_->append(indent_ < 0 ? ", " : ",");
  first_.back() = false;
  if (indent_ >= 0) Newline();
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_->push_back('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_->push_back('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  bool empty = first_.back();
  first_.pop_back();
  if (indent_ >= 0 && !empty) Newline();
  out_->push_back(bracket);
  return *this;
}

JsonWriter& JsonWriter::EndObject() { return Close('}'); }
JsonWriter& JsonWriter::EndArray() { return Close(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(key, out_);
  out_->append(": ");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(value, out_);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  out_->append(buf, static_cast<size_t>(res.ptr - buf));
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  BeforeValue();
  AppendJsonDouble(value, out_);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
  return *this;
}

JsonWriter& JsonWriter::RawValue(std::string_view json) {
  BeforeValue();
  out_->append(json);
  return *this;
}

JsonWriter& JsonWriter::StringArray(std::string_view key, const std::vector<std::string>& values) {
  Key(key).BeginArray();
  for (const auto& v : values) String(v);
  return EndArray();
}

}  // namespace automend
