// Fuzzes the JSON writer against the project's own reader: any bytes written as a JSON
// string (AppendJsonString, json.dumps-style with surrogateescape for invalid UTF-8) are
// pure ASCII and read back (ParseJson) as the same bytes, and writing them again gives the
// same text (Python's json.dumps(json.loads(s)) == s). The first 8 bytes, as a double,
// round-trip through AppendJsonDouble (Python's float repr) bit for bit.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/json/json_reader.h"
#include "core/json/json_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace automend;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string json;
  AppendJsonString(bytes, &json);
  for (char c : json)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) std::abort();
  JsonValue value;
  if (!ParseJson(json, &value).ok() || !value.is_string() || value.as_string() != bytes)
    std::abort();
  std::string again;
  AppendJsonString(value.as_string(), &again);
  if (again != json) std::abort();

  if (size >= 8) {
    double d;
    std::memcpy(&d, data, sizeof d);
    std::string number;
    AppendJsonDouble(d, &number);
    JsonValue parsed;
    if (!ParseJson(number, &parsed).ok() || !parsed.is_number()) std::abort();
    double back = parsed.as_double();
    if (std::isnan(d) ? !std::isnan(back) : std::memcmp(&d, &back, sizeof d) != 0) std::abort();
  }
  return 0;
}
