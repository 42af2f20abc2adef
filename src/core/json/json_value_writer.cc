#include "core/json/json_value_writer.h"

#include <string_view>
#include <unordered_map>

namespace automend {
namespace {

// Writes an object's members as a Python dict holds them: when keys repeat, the first
// position with the last value.
void WriteObject(const JsonValue& value, JsonWriter* w) {
  const auto& members = value.object();
  w->BeginObject();
  bool repeats = false;
  if (members.size() > 1) {
    std::unordered_map<std::string_view, size_t> last;
    last.reserve(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      auto [it, inserted] = last.try_emplace(members[i].first, i);
      if (!inserted) {
        it->second = i;
        repeats = true;
      }
    }
    if (repeats) {
      std::unordered_map<std::string_view, bool> written;
      for (const auto& [key, unused] : members) {
        if (written[key]) continue;
        written[key] = true;
        w->Key(key);
        WriteJsonValue(members[last[key]].second, w);
      }
    }
  }
  if (!repeats) {
    for (const auto& [key, member] : members) {
      w->Key(key);
      WriteJsonValue(member, w);
    }
  }
  w->EndObject();
}

}  // namespace

void WriteJsonValue(const JsonValue& value, JsonWriter* w) {
  switch (value.type()) {
    case JsonValue::Type::kNull:
      w->Null();
      return;
    case JsonValue::Type::kBool:
      w->Bool(value.as_bool());
      return;
    case JsonValue::Type::kInt:
      w->Int(value.as_int());
      return;
    case JsonValue::Type::kDouble:
      w->Double(value.as_double());
      return;
    case JsonValue::Type::kString:
      w->String(value.as_string());
      return;
    case JsonValue::Type::kArray:
      w->BeginArray();
      for (const auto& item : value.array()) WriteJsonValue(item, w);
      w->EndArray();
      return;
    case JsonValue::Type::kObject:
      WriteObject(value, w);
      return;
  }
}

std::string JsonDumps(const JsonValue& value) {
  std::string out;
  JsonWriter w(&out);
  WriteJsonValue(value, &w);
  return out;
}

}  // namespace automend
