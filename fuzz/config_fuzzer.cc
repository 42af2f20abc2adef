// Fuzzes the config loader: any text gives OK or InvalidArgument (a message naming the
// file), never a crash; a config that loads is valid and loads the same from its own text
// again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  automend::Config config;
  automend::Status s = automend::ParseConfig(text, "fuzz.yaml", &config);
  if (!s.ok()) {
    if (!s.IsInvalidArgument() || s.message().rfind("fuzz.yaml", 0) != 0) std::abort();
    return 0;
  }
  if (!config.Validate().ok()) std::abort();
  automend::Config again;
  if (!automend::ParseConfig(text, "fuzz.yaml", &again).ok() ||
      again.secret_rules != config.secret_rules || again.keywords != config.keywords ||
      again.min_bytes != config.min_bytes || again.max_bytes != config.max_bytes)
    std::abort();
  return 0;
}
