// JSON text exactly as Python's json.dumps writes it with default arguments
// (ensure_ascii=True, separators ", " and ": ", floats as repr, NaN/Infinity allowed), or
// with indent=N for human-facing reports. The byte-exactness is part of the record format
// (spec section 5): a Python program must find json.dumps(json.loads(line)) == line.
//
// Text that is not valid UTF-8 is written as Python's surrogateescape would: each bad
// byte 0xXY becomes the lone surrogate \udcXY, so no byte is lost and JsonReader turns it
// back into the same byte. JsonWriter is a cheap value; use one per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace automend {

// Appends `text` as a JSON string literal, quotes included.
void AppendJsonString(std::string_view text, std::string* out);

// Appends `value` as Python's float repr does ("1.0", "1e-05", "1e+16", "NaN", "Infinity").
void AppendJsonDouble(double value, std::string* out);

class JsonWriter {
 public:
  // indent < 0: one line, json.dumps default separators. indent >= 0: json.dumps(indent=N).
  explicit JsonWriter(std::string* out, int indent = -1) : out_(out), indent_(indent) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Inserts already-serialised JSON as one value (e.g. a record read back from a file).
  JsonWriter& RawValue(std::string_view json);

  // Shorthands for `Key(k).String(v)` and friends.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, uint64_t value) {
    return Key(key).Int(static_cast<int64_t>(value));
  }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Double(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& StringArray(std::string_view key, const std::vector<std::string>& values);

 private:
  void BeforeValue();
  void Newline();
  JsonWriter& Close(char bracket);

  std::string* out_;
  int indent_;
  // One entry per open container: true until its first element is written.
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace automend
