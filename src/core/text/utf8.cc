#include "core/text/utf8.h"

#include "core/text/byte_scan.h"

#include <string>

namespace automend {

Utf8Check CheckUtf8(std::string_view text) {
  Utf8Check result;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Runs of ASCII, the common case for YAML, are skipped sixteen bytes at a time.
    i += FindNonAscii(text.data() + i, n - i);
    if (i == n) break;
    unsigned char c = s[i];
    result.ascii = false;
    size_t len;
    uint32_t min_cp;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, min_cp = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, min_cp = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, min_cp = 0x10000, cp = c & 0x07;
    } else {
      result.valid = false;
      result.error_offset = i;
      return result;
    }
    if (i + len > n) {
      result.valid = false;
      result.error_offset = i;
      return result;
    }
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) {
        result.valid = false;
        result.error_offset = i;
        return result;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      result.valid = false;
      result.error_offset = i;
      return result;
    }
    i += len;
  }
  return result;
}

uint32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char c = s[*pos];
  size_t len = Utf8SequenceLength(c);
  if (*pos + len > text.size()) len = 1;
  uint32_t cp;
  switch (len) {
    case 1: cp = c; break;
    case 2: cp = c & 0x1F; break;
    case 3: cp = c & 0x0F; break;
    default: cp = c & 0x07; break;
  }
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[*pos + k] & 0x3F);
  *pos += len;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  char bytes[4];
  out->append(bytes, WriteUtf8(cp, bytes));
}

char* WriteUtf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

}  // namespace automend
