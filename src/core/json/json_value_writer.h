// Writes a parsed JsonValue back as JSON text, reproducing Python's
// json.dumps(json.loads(text)): an object whose key repeats keeps the key at its first
// position with its last value (a Python dict), numbers keep their type (an integer stays
// an integer, a float is written as repr). With the one-line JsonWriter this is the exact
// text a json.dumps-exact line must already be, so comparing the two bytes checks the
// escaping of a record (diagnose) and lets a stage append a key to a record it read
// (bias-detection). Limits: integers beyond int64 were parsed as doubles, and lone high
// surrogates as their 3-byte form, so such input does not round-trip (records never hold
// either). Pure functions, thread-safe.
#pragma once

#include <string>

#include "core/json/json_reader.h"
#include "core/json/json_writer.h"

namespace automend {

// Writes `value` as one value of `writer` (after a Key, in an array, or at the top).
void WriteJsonValue(const JsonValue& value, JsonWriter* writer);

// The one-line json.dumps text of `value`.
std::string JsonDumps(const JsonValue& value);

}  // namespace automend
