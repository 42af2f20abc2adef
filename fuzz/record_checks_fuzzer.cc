// Fuzzes what validate and diagnose do with one untrusted record line: the six checks
// (JSON, the CALL inside it, YAML of the manifest, the leak scanners) must never crash,
// and a line that parses must survive json.dumps(json.loads(...)) idempotently: writing
// the parsed value, parsing that and writing it again gives the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config.h"
#include "core/json/json_value_writer.h"
#include "quality/record_checks.h"
#include "stages/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const automend::Config config;
  static const automend::RecordChecker checker(config);
  std::string_view line(reinterpret_cast<const char*>(data), size);
  automend::RecordCheckResult result;
  checker.Check(line, &result);
  if (result.has_manifest) automend::CountRedactionTokens(result.manifest);
  const std::string once = automend::JsonDumps(result.record);
  automend::JsonValue again;
  if (!automend::ParseJson(once, &again).ok()) std::abort();
  if (automend::JsonDumps(again) != once) std::abort();
  return 0;
}
