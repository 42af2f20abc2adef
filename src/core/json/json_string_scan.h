// ScanJsonStringBody: finds where a JSON string literal ends and how long it decodes to,
// without decoding it, 64 bytes at a time, for readers that need no more than that
// (JsonParser's skip and describe modes; a JSONL row's content is full of escapes, one
// "\n" per ~40 bytes, which a byte-by-byte walk pays a branch for each).
//
// Each block's backslashes are turned into the mask of escaped characters with no loop (a
// run of backslashes escapes alternately: the carry trick of simdjson's escape scanner),
// so only the rare escapes other than \n \" \\ are looked at one by one (a \uXXXX escape
// of a whole character, or a surrogate pair, is read there). Anything unusual (a control
// character, an invalid escape, a lone surrogate, no closing quote) is not handled here: the
// caller then walks the literal byte by byte, which reports errors and decodes exactly.
// Blocks are classified with AVX2 where the CPU has it (checked once), else with SSE2.
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace automend {

struct JsonStringBodyScan {
  bool ok = false;             // false: walk the literal byte by byte instead
  size_t end = 0;              // offset of the closing quote
  size_t saved = 0;            // bytes the escapes before it take beyond what they decode to
  bool unicode_escape = false;   // one of them is \uXXXX
  bool needless_escape = false;  // one of them writes a character JSON lets be written as
                                 // itself, other than " and \ (\/, \u0041; IsNeedlessEscape)
  bool ascii = false;          // every byte before it is ASCII (as written)
};

// True for what an escape decodes to that JSON never requires escaping, other than '"'
// and '\\': the printable ASCII characters and DEL. A reader reasoning about text still
// escaped (EscapedGates) cannot tell where such characters are.
inline bool IsNeedlessEscape(uint32_t code_point) {
  return code_point >= 0x20 && code_point <= 0x7F && code_point != '"' && code_point != '\\';
}

// A \uXXXX escape at p[0, n) (p[0] is its backslash), with the \uXXXX of the low half
// when it is a high surrogate followed by one.
struct UnicodeEscape {
  size_t written = 0;           // 6, or 12 for a surrogate pair; 0: not an escape (a bad
                                // hex digit, too short)
  uint32_t code_point = 0;      // or the code unit of a lone surrogate
  bool lone_surrogate = false;  // a surrogate not in a pair (JsonReader says what it decodes to)
  size_t decoded = 0;           // the UTF-8 length of code_point (unless lone_surrogate)
};
UnicodeEscape ReadUnicodeEscape(const char* p, size_t n);

// Scans the body of a string literal that starts at p[0] (just after the opening quote)
// within p[0, n).
JsonStringBodyScan ScanJsonStringBody(const char* p, size_t n);

// The same without AVX2 (what other CPUs run), so tests check both paths on any machine.
JsonStringBodyScan ScanJsonStringBodyPortable(const char* p, size_t n);

}  // namespace automend
