// ScanJsonStringBody: finds where a JSON string literal ends and counts its escapes
// without decoding it, 64 bytes at a time, for readers that only need to know where the
// literal is and how long it decodes to (JsonParser's skip and describe modes; a JSONL
// row's content is full of escapes, one "\n" per ~40 bytes, which a byte-by-byte walk
// pays a branch for each).
//
// Each block's backslashes are turned into the mask of escaped characters with no loop (a
// run of backslashes escapes alternately: the carry trick of simdjson's escape scanner),
// so only the rare escapes other than \n \" \\ are looked at one by one. Anything unusual
// (a control character, a \u or invalid escape, no closing quote) is not handled here: the
// caller then walks the literal byte by byte, which reports errors and decodes \u exactly.
// Blocks are classified with AVX2 where the CPU has it (checked once), else with SSE2.
// Pure and thread-safe.
#pragma once

#include <cstddef>

namespace automend {

struct JsonStringBodyScan {
  bool ok = false;          // false: walk the literal byte by byte instead
  size_t end = 0;           // offset of the closing quote
  size_t escapes = 0;       // two-byte escapes before it
  bool slash_escape = false;  // one of them is \/
  bool ascii = false;       // every byte before it is ASCII
};

// Scans the body of a string literal that starts at p[0] (just after the opening quote)
// within p[0, n).
JsonStringBodyScan ScanJsonStringBody(const char* p, size_t n);

// The same without AVX2 (what other CPUs run), so tests check both paths on any machine.
JsonStringBodyScan ScanJsonStringBodyPortable(const char* p, size_t n);

}  // namespace automend
