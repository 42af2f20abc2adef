// UTF-8 helpers for untrusted text: strict validation (the `encoding` check of the
// pipeline: no overlongs, no surrogates, nothing above U+10FFFF) and decoding one code point.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace automend {

struct Utf8Check {
  bool valid = true;
  bool ascii = true;       // every byte < 0x80 (then character index == byte offset)
  size_t error_offset = 0;  // first offending byte when !valid
};

Utf8Check CheckUtf8(std::string_view text);

// Decodes the code point starting at `text[*pos]` and advances `*pos`. The text must be
// valid UTF-8 (see CheckUtf8).
uint32_t DecodeUtf8(std::string_view text, size_t* pos);

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for continuation bytes).
inline size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Appends the UTF-8 encoding of `cp` (which may be a lone surrogate: written as the
// three bytes ED xx xx, which CheckUtf8 rejects, so such text is later refused as `encoding`).
void AppendUtf8(uint32_t cp, std::string* out);

// The same encoding written at `out`, which must have room for 4 bytes; returns its end.
char* WriteUtf8(uint32_t cp, char* out);

}  // namespace automend
