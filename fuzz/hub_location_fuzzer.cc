// Fuzzes the hub location parser: any text must give OK or InvalidArgument, never a crash,
// and a parsed location must print to a text that parses to the same location.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/hub/hub_location.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  automend::HubLocation loc;
  automend::Status s = automend::ParseHubLocation(text, &loc);
  if (!s.ok()) {
    if (!s.IsInvalidArgument()) std::abort();
    return 0;
  }
  automend::HubLocation again;
  if (!automend::ParseHubLocation(loc.ToString(), &again).ok()) std::abort();
  if (again.owner != loc.owner || again.name != loc.name || again.revision != loc.revision ||
      again.path != loc.path || again.is_file != loc.is_file) {
    std::abort();
  }
  return 0;
}
