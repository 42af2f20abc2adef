// Fuzzes what the hub client reads from the network: tree and revision JSON, Link
// headers, Content-Range, redirect Locations, and a range receiver fed a body in pieces.
// Nothing may crash; a receiver that says OK must hold exactly the requested length.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "net/url.h"
#include "sources/hub/hub_responses.h"
#include "sources/hub/range_receiver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<automend::HubTreeEntry> entries;
  (void)automend::ParseTreePage(text, &entries);
  std::string sha;
  (void)automend::ParseRevisionSha(text, &sha);
  (void)automend::NextPageUrl(&text);
  automend::ContentRange range;
  (void)automend::ParseContentRange(text, &range);
  automend::Url base;
  if (automend::ParseUrl("https://hub.test/datasets/o/n/resolve/c/a/b.parquet?x=1", &base).ok()) {
    automend::Url out;
    (void)automend::ResolveLocation(base, text, &out);
  }

  if (size < 4) return 0;
  const uint64_t offset = data[0] % 64;
  const uint64_t length = 1 + data[1] % 64;
  automend::HttpHeaders headers;
  headers.Add("Content-Range", text.substr(4, data[2] % 32));
  std::string out;
  automend::RangeReceiver rx(offset, length, 128, &out);
  if (rx.OnHeaders(data[3] % 2 ? 206 : 200, headers)) {
    std::string_view body(text);
    body.remove_prefix(4);
    for (size_t pos = 0; pos < body.size(); pos += 7) {
      if (!rx.OnBody(body.substr(pos, 7))) break;
    }
  }
  if (rx.Finish().ok() && out.size() != length) std::abort();
  return 0;
}
