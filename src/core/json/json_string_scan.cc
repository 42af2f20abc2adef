#include "core/json/json_string_scan.h"

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/cpu_features.h"
#include "core/hex_digit.h"

#ifdef AUTOMEND_HAVE_AVX2_PATH
#include <immintrin.h>
#endif

namespace automend {
namespace {

constexpr size_t kBlock = 64;

// The code unit of the \uXXXX at p[0, n), or -1.
int32_t ReadCodeUnit(const char* p, size_t n) {
  if (n < 6 || p[0] != '\\' || p[1] != 'u') return -1;
  int32_t unit = 0;
  for (size_t k = 2; k < 6; ++k) {
    int h = HexDigitValue(p[k]);
    if (h < 0) return -1;
    unit = unit << 4 | h;
  }
  return unit;
}

// Bit i set where block[i] is the byte (or byte class) named.
struct BlockMasks {
  uint64_t quote = 0, backslash = 0;
  uint64_t letter_n = 0;  // the common escape's letter: "\n", one per line of YAML
  uint64_t unusual = 0;   // < 0x20 or >= 0x80 (one signed compare): a control character
                          // (an error) or a non-ASCII byte, told apart by HighBytes
};

#ifdef AUTOMEND_HAVE_AVX2_PATH
__attribute__((target("avx2"))) inline uint64_t Bits(__m256i hit, int k) {
  return static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(hit))) << (32 * k);
}

__attribute__((target("avx2"))) inline BlockMasks ClassifyAvx2(const char* block) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i space = _mm256_set1_epi8(0x20);
  const __m256i letter_n = _mm256_set1_epi8('n');
  BlockMasks m;
  for (int k = 0; k < 2; ++k) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * k));
    m.quote |= Bits(_mm256_cmpeq_epi8(v, quote), k);
    m.backslash |= Bits(_mm256_cmpeq_epi8(v, backslash), k);
    m.letter_n |= Bits(_mm256_cmpeq_epi8(v, letter_n), k);
    m.unusual |= Bits(_mm256_cmpgt_epi8(space, v), k);  // signed: >= 0x80 is negative
  }
  return m;
}

__attribute__((target("avx2"))) inline uint64_t HighBytesAvx2(const char* block) {
  uint64_t high = 0;
  for (int k = 0; k < 2; ++k)
    high |= Bits(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * k)), k);
  return high;
}
#endif

inline BlockMasks Classify(const char* block) {
  BlockMasks m;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i letter_n = _mm_set1_epi8('n');
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
    auto bits = [k](__m128i hit) {
      return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    };
    m.quote |= bits(_mm_cmpeq_epi8(v, quote));
    m.backslash |= bits(_mm_cmpeq_epi8(v, backslash));
    m.letter_n |= bits(_mm_cmpeq_epi8(v, letter_n));
    m.unusual |= bits(_mm_cmplt_epi8(v, space));  // signed: >= 0x80 is negative
  }
#else
  for (size_t i = 0; i < kBlock; ++i) {
    auto c = static_cast<unsigned char>(block[i]);
    m.quote |= uint64_t{c == '"'} << i;
    m.backslash |= uint64_t{c == '\\'} << i;
    m.letter_n |= uint64_t{c == 'n'} << i;
    m.unusual |= uint64_t{c < 0x20 || c >= 0x80} << i;
  }
#endif
  return m;
}

inline uint64_t HighBytes(const char* block) {
  uint64_t high = 0;
#ifdef __SSE2__
  for (int k = 0; k < 4; ++k) {
    const int bits = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k)));
    high |= static_cast<uint64_t>(static_cast<uint16_t>(bits)) << (16 * k);
  }
#else
  for (size_t i = 0; i < kBlock; ++i)
    high |= uint64_t{static_cast<unsigned char>(block[i]) >= 0x80} << i;
#endif
  return high;
}

// The characters escaped by a backslash, given the block's backslashes and whether its
// first character is escaped by a backslash ending the previous block (updated for the
// next). In a run of backslashes every second one escapes the next character: subtracting
// the run's starts from the odd-bit pattern flips the parity of runs starting on odd bits
// (simdjson, "Parsing Gigabytes of JSON per Second", section 3.1.1).
inline uint64_t EscapedCharacters(uint64_t backslash,
                                                                 uint64_t* next_is_escaped) {
  constexpr uint64_t kOddBits = 0xAAAAAAAAAAAAAAAAull;
  if (backslash == 0) {
    uint64_t escaped = *next_is_escaped;
    *next_is_escaped = 0;
    return escaped;
  }
  const uint64_t potential_escape = backslash & ~*next_is_escaped;
  const uint64_t maybe_escaped = potential_escape << 1;
  const uint64_t escape_and_terminal_code =
      ((maybe_escaped | kOddBits) - potential_escape) ^ kOddBits;
  const uint64_t escaped = escape_and_terminal_code ^ (backslash | *next_is_escaped);
  const uint64_t escape = escape_and_terminal_code & backslash;
  *next_is_escaped = escape >> 63;
  return escaped;
}

// The scan, with the block classifiers of the machine it is compiled for.
template <BlockMasks (*kClassify)(const char*), uint64_t (*kHighBytes)(const char*)>
inline JsonStringBodyScan Scan(const char* p, size_t n) {
  JsonStringBodyScan scan;
  uint64_t next_is_escaped = 0;
  uint64_t high = 0;
  size_t pair_low = SIZE_MAX;  // where the low half of the last surrogate pair read starts
  char padded[kBlock];
  for (size_t at = 0; at < n; at += kBlock) {
    const char* block = p + at;
    if (n - at < kBlock) {  // the last block: spaces after the text never end a literal
      std::memset(padded, ' ', kBlock);
      std::memcpy(padded, block, n - at);
      block = padded;
    }
    const BlockMasks m = kClassify(block);
    const uint64_t escaped = EscapedCharacters(m.backslash, &next_is_escaped);
    const uint64_t closing = m.quote & ~escaped;
    // Bits before the closing quote, if this block has it.
    const uint64_t inside = closing ? (closing & (0 - closing)) - 1 : ~uint64_t{0};
    if (m.unusual & inside) {
      const uint64_t high_bytes = kHighBytes(block);
      if (m.unusual & ~high_bytes & inside) return JsonStringBodyScan();  // a control character
      high |= high_bytes & inside;
    }
    const uint64_t escaped_inside = escaped & inside;
    // Each escape saves at least one byte; a \u escape's other savings are added below.
    scan.saved += static_cast<size_t>(__builtin_popcountll(escaped_inside));
    // \n, \" and \\ are valid escapes; every other escaped character is looked at.
    for (uint64_t rare = escaped_inside & ~(m.letter_n | m.quote | m.backslash); rare;
         rare &= rare - 1) {
      const size_t i = static_cast<size_t>(__builtin_ctzll(rare));
      switch (block[i]) {
        case 't': case 'r': case 'b': case 'f': break;
        case '/': scan.needless_escape = true; break;
        case 'u': {
          const size_t backslash = at + i - 1;
          if (backslash == pair_low) break;  // the second half of a pair read already
          const UnicodeEscape e = ReadUnicodeEscape(p + backslash, n - backslash);
          if (e.written == 0 || e.lone_surrogate) return JsonStringBodyScan();
          scan.unicode_escape = true;
          scan.needless_escape |= IsNeedlessEscape(e.code_point);
          scan.saved += e.written - e.decoded - e.written / 6;  // minus what popcount counts
          if (e.written == 12) pair_low = backslash + 6;
          break;
        }
        default: return JsonStringBodyScan();  // not an escape
      }
    }
    if (closing) {
      scan.ok = true;
      scan.end = at + static_cast<size_t>(__builtin_ctzll(closing));
      scan.ascii = high == 0;
      return scan;
    }
  }
  return JsonStringBodyScan();  // unterminated
}

#ifdef AUTOMEND_HAVE_AVX2_PATH
// flatten: the whole scan is compiled here for AVX2 and POPCNT.
__attribute__((target("avx2,popcnt"), flatten)) JsonStringBodyScan ScanAvx2(const char* p,
                                                                             size_t n) {
  return Scan<ClassifyAvx2, HighBytesAvx2>(p, n);
}
const bool kHaveAvx2 = CpuHasAvx2();
#endif

}  // namespace

UnicodeEscape ReadUnicodeEscape(const char* p, size_t n) {
  const int32_t unit = ReadCodeUnit(p, n);
  UnicodeEscape e;
  if (unit < 0) return e;
  e.written = 6;
  e.code_point = static_cast<uint32_t>(unit);
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    const int32_t low = ReadCodeUnit(p + 6, n - 6);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      e.written = 12;
      e.code_point = 0x10000 + ((e.code_point - 0xD800) << 10) + static_cast<uint32_t>(low - 0xDC00);
      e.decoded = 4;
      return e;
    }
  }
  e.lone_surrogate = unit >= 0xD800 && unit <= 0xDFFF;
  e.decoded = unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  return e;
}

JsonStringBodyScan ScanJsonStringBody(const char* p, size_t n) {
#ifdef AUTOMEND_HAVE_AVX2_PATH
  if (kHaveAvx2) return ScanAvx2(p, n);
#endif
  return Scan<Classify, HighBytes>(p, n);
}

JsonStringBodyScan ScanJsonStringBodyPortable(const char* p, size_t n) {
  return Scan<Classify, HighBytes>(p, n);
}

}  // namespace automend
