// HexDigitValue: the value of one hexadecimal digit, either case, for the readers of hex
// text (JSON \uXXXX escapes, URL %XX escapes, git blob ids). Pure.
#pragma once

namespace automend {

// 0..15, or -1 when `c` is not a hex digit.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace automend
