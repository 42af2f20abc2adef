#include "yaml/yaml_resolver.h"

#include <array>

namespace automend {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AnyOf(std::string_view v, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (v == w) return true;
  return false;
}

// ^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$
bool IsBool(std::string_view v) {
  return AnyOf(v, {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false",
                   "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"});
}

// ^(?: ~ |null|Null|NULL | )$  (verbose mode: "~", the words, or empty)
bool IsNull(std::string_view v) { return AnyOf(v, {"~", "null", "Null", "NULL", ""}); }

// Helpers over a cursor: each returns false without guarantees about `i` on mismatch.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i == s.size(); }
  bool Eat(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  bool EatSign() { return Eat('-') || Eat('+'), true; }
  size_t EatWhile(bool (*pred)(char)) {
    size_t start = i;
    while (i < s.size() && pred(s[i])) ++i;
    return i - start;
  }
};

bool IsDigitOrUnderscore(char c) { return IsDigit(c) || c == '_'; }
bool IsBinaryDigit(char c) { return c == '0' || c == '1' || c == '_'; }
bool IsOctalDigit(char c) { return (c >= '0' && c <= '7') || c == '_'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
}

// (?::[0-5]?[0-9])+  -- one or more sexagesimal groups.
bool EatSexagesimalGroups(Cursor& c) {
  size_t groups = 0;
  while (c.i < c.s.size() && c.s[c.i] == ':') {
    size_t save = c.i;
    ++c.i;
    size_t d = c.EatWhile(IsDigit);
    // [0-5]?[0-9]: one digit, or two digits where the first is 0-5.
    bool ok = d == 1 || (d == 2 && c.s[c.i - 2] <= '5');
    if (!ok) {
      c.i = save;
      break;
    }
    ++groups;
  }
  return groups > 0;
}

// The int regex:
// ^(?:[-+]?0b[0-1_]+ |[-+]?0[0-7_]+ |[-+]?(?:0|[1-9][0-9_]*) |[-+]?0x[0-9a-fA-F_]+
//    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$
bool IsInt(std::string_view v) {
  Cursor c{v};
  c.EatSign();
  std::string_view rest = v.substr(c.i);
  if (rest.size() >= 3 && rest[0] == '0' && rest[1] == 'b') {
    c.i += 2;
    return c.EatWhile(IsBinaryDigit) > 0 && c.done();
  }
  if (rest.size() >= 3 && rest[0] == '0' && rest[1] == 'x') {
    c.i += 2;
    return c.EatWhile(IsHexDigit) > 0 && c.done();
  }
  if (rest == "0") return true;
  if (!rest.empty() && rest[0] == '0') {
    ++c.i;
    return c.EatWhile(IsOctalDigit) > 0 && c.done();
  }
  if (rest.empty() || rest[0] < '1' || rest[0] > '9') return false;
  c.EatWhile(IsDigitOrUnderscore);
  if (c.done()) return true;
  return EatSexagesimalGroups(c) && c.done();
}

// [eE][-+][0-9]+ (the sign is required in PyYAML's float regex)
bool EatExponent(Cursor& c) {
  size_t save = c.i;
  if ((c.Eat('e') || c.Eat('E')) && (c.Eat('-') || c.Eat('+')) && c.EatWhile(IsDigit) > 0)
    return true;
  c.i = save;
  return false;
}

// The float regex:
// ^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
//    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* |[-+]?\.(?:inf|Inf|INF) |\.(?:nan|NaN|NAN))$
bool IsFloat(std::string_view v) {
  if (AnyOf(v, {".nan", ".NaN", ".NAN"})) return true;
  {
    Cursor c{v};
    c.EatSign();
    if (AnyOf(v.substr(c.i), {".inf", ".Inf", ".INF"})) return true;
  }
  if (!v.empty() && v[0] == '.') {  // \.[0-9][0-9_]*(exp)?
    Cursor c{v, 1};
    if (c.i < v.size() && IsDigit(v[c.i])) {
      c.EatWhile(IsDigitOrUnderscore);
      EatExponent(c);
      if (c.done()) return true;
    }
  }
  Cursor c{v};
  c.EatSign();
  if (c.i >= v.size() || !IsDigit(v[c.i])) return false;
  size_t int_start = c.i;
  c.EatWhile(IsDigitOrUnderscore);
  size_t int_end = c.i;
  if (c.Eat('.')) {  // [0-9][0-9_]*\.[0-9_]*(exp)?
    c.EatWhile(IsDigitOrUnderscore);
    EatExponent(c);
    if (c.done()) return true;
  }
  // Sexagesimal: [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
  c.i = int_end;
  (void)int_start;
  if (!EatSexagesimalGroups(c)) return false;
  if (!c.Eat('.')) return false;
  c.EatWhile(IsDigitOrUnderscore);
  return c.done();
}

// The timestamp regex (verbose mode):
// ^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
//    |[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
//     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$
bool IsTimestamp(std::string_view v) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > v.size()) return false;
    for (size_t k = 0; k < n; ++k)
      if (!IsDigit(v[at + k])) return false;
    return true;
  };
  if (v.size() == 10 && digits(0, 4) && v[4] == '-' && digits(5, 2) && v[7] == '-' &&
      digits(8, 2))
    return true;
  Cursor c{v};
  if (!digits(0, 4) || v.size() < 5 || v[4] != '-') return false;
  c.i = 5;
  auto one_or_two = [&]() {
    size_t d = c.EatWhile(IsDigit);
    return d == 1 || d == 2;
  };
  if (!one_or_two() || !c.Eat('-') || !one_or_two()) return false;
  if (!(c.Eat('T') || c.Eat('t'))) {
    size_t spaces = 0;
    while (c.Eat(' ') || c.Eat('\t')) ++spaces;
    if (spaces == 0) return false;
  }
  if (!one_or_two() || !c.Eat(':')) return false;
  if (c.EatWhile(IsDigit) != 2 || !c.Eat(':')) return false;
  if (c.EatWhile(IsDigit) != 2) return false;
  if (c.Eat('.')) c.EatWhile(IsDigit);
  if (c.done()) return true;
  while (c.Eat(' ') || c.Eat('\t')) {
  }
  if (c.Eat('Z')) return c.done();
  if (!(c.Eat('-') || c.Eat('+'))) return false;
  if (!one_or_two()) return false;
  if (c.done()) return true;
  if (!c.Eat(':')) return false;
  return c.EatWhile(IsDigit) == 2 && c.done();
}

}  // namespace

const char* YamlTagName(YamlTag tag) {
  switch (tag) {
    case YamlTag::kStr: return "str";
    case YamlTag::kInt: return "int";
    case YamlTag::kFloat: return "float";
    case YamlTag::kBool: return "bool";
    case YamlTag::kNull: return "null";
    case YamlTag::kTimestamp: return "timestamp";
    case YamlTag::kMerge: return "merge";
    case YamlTag::kValue: return "value";
    case YamlTag::kMap: return "map";
    case YamlTag::kSeq: return "seq";
    case YamlTag::kOtherStandard: return "other";
    case YamlTag::kNonStandard: return "non-standard";
  }
  return "?";
}

YamlTag ResolvePlainScalar(std::string_view value) {
  // Python's `$` also matches just before one final newline; the resolvers are chosen by
  // the first character of the whole value ("\n" alone has none).
  std::string_view v = value;
  if (!v.empty() && v.back() == '\n') {
    if (v.size() == 1) return YamlTag::kStr;
    v.remove_suffix(1);
  }
  if (v.empty()) return YamlTag::kNull;
  switch (v[0]) {
    case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
    case 'o': case 'O':
      if (IsBool(v)) return YamlTag::kBool;
      if ((v[0] == 'n' || v[0] == 'N') && IsNull(v)) return YamlTag::kNull;
      return YamlTag::kStr;
    case '~': return v == "~" ? YamlTag::kNull : YamlTag::kStr;
    case '<': return v == "<<" ? YamlTag::kMerge : YamlTag::kStr;
    case '=': return v == "=" ? YamlTag::kValue : YamlTag::kStr;
    case '.':
      return IsFloat(v) ? YamlTag::kFloat : YamlTag::kStr;
    case '-': case '+':
      if (IsFloat(v)) return YamlTag::kFloat;
      if (IsInt(v)) return YamlTag::kInt;
      return YamlTag::kStr;
    default:
      if (IsDigit(v[0])) {
        if (IsFloat(v)) return YamlTag::kFloat;
        if (IsInt(v)) return YamlTag::kInt;
        if (IsTimestamp(v)) return YamlTag::kTimestamp;
      }
      return YamlTag::kStr;
  }
}

YamlTag TagFromExplicit(std::string_view tag) {
  constexpr std::string_view kPrefix = "tag:yaml.org,2002:";
  if (tag.substr(0, kPrefix.size()) != kPrefix) return YamlTag::kNonStandard;
  std::string_view name = tag.substr(kPrefix.size());
  static constexpr std::array<std::pair<std::string_view, YamlTag>, 10> kNames = {{
      {"str", YamlTag::kStr}, {"int", YamlTag::kInt}, {"float", YamlTag::kFloat},
      {"bool", YamlTag::kBool}, {"null", YamlTag::kNull}, {"timestamp", YamlTag::kTimestamp},
      {"merge", YamlTag::kMerge}, {"value", YamlTag::kValue}, {"map", YamlTag::kMap},
      {"seq", YamlTag::kSeq},
  }};
  for (const auto& [n, t] : kNames)
    if (name == n) return t;
  return YamlTag::kOtherStandard;
}

}  // namespace automend
