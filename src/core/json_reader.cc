#include "core/json_reader.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/byte_scan.h"
#include "core/utf8.h"

namespace automend {

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (auto it = object_.rbegin(); it != object_.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

JsonValue* JsonValue::FindMutable(std::string_view key) {
  for (auto it = object_.rbegin(); it != object_.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  Status Parse(JsonValue* out) {
    SkipSpace();
    AUTOMEND_RETURN_IF_ERROR(ParseValue(out, 0));
    SkipSpace();
    if (pos_ != s_.size()) return Error("Extra data");
    return Status::OK();
  }

 private:
  Status Error(std::string_view what) const {
    size_t line = 1, col_start = 0;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i)
      if (s_[i] == '\n') ++line, col_start = i + 1;
    return Status::Corruption(std::string(what) + ": line " + std::to_string(line) + " column " +
                              std::to_string(pos_ - col_start + 1) + " (char " +
                              std::to_string(pos_) + ")");
  }

  void SkipSpace() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool Consume(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Status ParseValue(JsonValue* out, int depth) {
    if (pos_ >= s_.size()) return Error("Expecting value");
    char c = s_[pos_];
    switch (c) {
      case '{': return ParseObject(out, depth + 1);
      case '[': return ParseArray(out, depth + 1);
      case '"':
        out->type_ = JsonValue::Type::kString;
        return ParseString(&out->string_);
      case 't':
        if (Consume("true")) { out->type_ = JsonValue::Type::kBool; out->bool_ = true; return Status::OK(); }
        break;
      case 'f':
        if (Consume("false")) { out->type_ = JsonValue::Type::kBool; out->bool_ = false; return Status::OK(); }
        break;
      case 'n':
        if (Consume("null")) { out->type_ = JsonValue::Type::kNull; return Status::OK(); }
        break;
      case 'N':
        if (Consume("NaN")) { SetDouble(out, std::numeric_limits<double>::quiet_NaN()); return Status::OK(); }
        break;
      case 'I':
        if (Consume("Infinity")) { SetDouble(out, std::numeric_limits<double>::infinity()); return Status::OK(); }
        break;
      case '-':
        if (Consume("-Infinity")) { SetDouble(out, -std::numeric_limits<double>::infinity()); return Status::OK(); }
        return ParseNumber(out);
      default:
        if (c >= '0' && c <= '9') return ParseNumber(out);
        break;
    }
    return Error("Expecting value");
  }

  static void SetDouble(JsonValue* out, double d) {
    out->type_ = JsonValue::Type::kDouble;
    out->double_ = d;
  }

  Status ParseNumber(JsonValue* out) {
    const size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !IsDigit(s_[pos_])) {
      pos_ = start;
      return Error("Expecting value");
    }
    if (s_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    bool integer = true;
    if (pos_ + 1 < s_.size() && s_[pos_] == '.' && IsDigit(s_[pos_ + 1])) {
      integer = false;
      pos_ += 2;
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      size_t e = pos_ + 1;
      if (e < s_.size() && (s_[e] == '+' || s_[e] == '-')) ++e;
      if (e < s_.size() && IsDigit(s_[e])) {
        integer = false;
        pos_ = e;
        while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
      }
    }
    std::string_view num = s_.substr(start, pos_ - start);
    if (integer) {
      int64_t v;
      auto res = std::from_chars(num.data(), num.data() + num.size(), v);
      if (res.ec == std::errc() && res.ptr == num.data() + num.size()) {
        out->type_ = JsonValue::Type::kInt;
        out->int_ = v;
        return Status::OK();
      }
    }
    // Python keeps big integers exact; this reader has no use for them beyond their size.
    SetDouble(out, std::strtod(std::string(num).c_str(), nullptr));
    return Status::OK();
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool ReadHex4(size_t at, uint32_t* unit) const {
    if (at + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) {
      int h = HexValue(s_[at + k]);
      if (h < 0) return false;
      v = (v << 4) | static_cast<uint32_t>(h);
    }
    *unit = v;
    return true;
  }

  Status ParseString(std::string* out) {
    ++pos_;  // opening quote
    out->clear();
    const size_t n = s_.size();
    while (true) {
      size_t run = pos_ + FindJsonStringSpecial(s_.data() + pos_, n - pos_);
      out->append(s_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= n) return Error("Unterminated string starting at");
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return Status::OK();
      }
      if (c != '\\') return Error("Invalid control character at");
      if (pos_ + 1 >= n) return Error("Unterminated string starting at");
      char esc = s_[pos_ + 1];
      pos_ += 2;
      switch (esc) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t unit;
          if (!ReadHex4(pos_, &unit)) {
            pos_ -= 1;
            return Error("Invalid \\uXXXX escape");
          }
          pos_ += 4;
          if (unit >= 0xD800 && unit <= 0xDBFF && pos_ + 1 < n && s_[pos_] == '\\' &&
              s_[pos_ + 1] == 'u') {
            uint32_t low;
            if (ReadHex4(pos_ + 2, &low) && low >= 0xDC00 && low <= 0xDFFF) {
              pos_ += 6;
              AppendUtf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
              break;
            }
          }
          if (unit >= 0xDC80 && unit <= 0xDCFF) {
            out->push_back(static_cast<char>(unit - 0xDC00));
          } else {
            AppendUtf8(unit, out);
          }
          break;
        }
        default:
          pos_ -= 1;
          return Error("Invalid \\escape");
      }
    }
  }

  Status ParseArray(JsonValue* out, int depth) {
    if (depth > kJsonMaxDepth) return Error("Nesting too deep");
    out->type_ = JsonValue::Type::kArray;
    ++pos_;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return Status::OK();
    }
    while (true) {
      out->array_.emplace_back();
      AUTOMEND_RETURN_IF_ERROR(ParseValue(&out->array_.back(), depth));
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return Status::OK();
      }
      return Error("Expecting ',' delimiter");
    }
  }

  Status ParseObject(JsonValue* out, int depth) {
    if (depth > kJsonMaxDepth) return Error("Nesting too deep");
    out->type_ = JsonValue::Type::kObject;
    ++pos_;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return Status::OK();
    }
    while (true) {
      if (pos_ >= s_.size() || s_[pos_] != '"')
        return Error("Expecting property name enclosed in double quotes");
      out->object_.emplace_back();
      auto& entry = out->object_.back();
      AUTOMEND_RETURN_IF_ERROR(ParseString(&entry.first));
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Error("Expecting ':' delimiter");
      ++pos_;
      SkipSpace();
      AUTOMEND_RETURN_IF_ERROR(ParseValue(&entry.second, depth));
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return Status::OK();
      }
      return Error("Expecting ',' delimiter");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

Status ParseJson(std::string_view text, JsonValue* value) {
  *value = JsonValue();
  return JsonParser(text).Parse(value);
}

}  // namespace automend
