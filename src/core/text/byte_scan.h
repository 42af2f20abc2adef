// Vectorised byte scans for the hot loops of JSON reading and writing and UTF-8
// checking: each returns the index of the first byte of interest (or `n`); one also
// copies the bytes before it. SSE2 is part
// of every x86-64 CPU, so no runtime dispatch is needed; other machines take the scalar
// loop. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace automend {

// First '"', '\\' or control character (< 0x20): where a JSON string literal's plain run ends.
inline size_t FindJsonStringSpecial(const char* p, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, control_max), v);  // v <= 0x1F
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                               control);
    if (int mask = _mm_movemask_epi8(hit)) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c == '"' || c == '\\' || c < 0x20) return i;
  }
  return n;
}

// First byte that json.dumps(ensure_ascii=True) does not copy as is: control characters,
// DEL, non-ASCII, '"' and '\\'.
inline size_t FindJsonEscapeNeeded(const char* p, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, control_max), v);
    __m128i high = _mm_or_si128(_mm_cmplt_epi8(v, zero), _mm_cmpeq_epi8(v, del));  // >= 0x7F
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                               _mm_or_si128(control, high));
    if (int mask = _mm_movemask_epi8(hit)) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return i;
  }
  return n;
}

// First byte >= 0x80.
inline size_t FindNonAscii(const char* p, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (int mask = _mm_movemask_epi8(v)) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) >= 0x80) return i;
  return n;
}

// Copies the plain run at the start of src[0, n) (the bytes FindJsonStringSpecial skips)
// to dst, but at most `room` bytes, and returns how many it copied. Copies whole 16-byte
// blocks, so bytes of dst[0, room) after the returned count may be overwritten too.
inline size_t CopyJsonStringRun(const char* src, size_t n, char* dst, size_t room) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n && i + 16 <= room; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, control_max), v);  // v <= 0x1F
    __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
    if (int mask = _mm_movemask_epi8(hit)) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n && i < room; ++i) {
    auto c = static_cast<unsigned char>(src[i]);
    if (c == '"' || c == '\\' || c < 0x20) return i;
    dst[i] = src[i];
  }
  return i;
}

}  // namespace automend
