#include "core/json_string_scan.h"

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/cpu_features.h"

#ifdef AUTOMEND_HAVE_AVX2_PATH
#include <immintrin.h>
#endif

namespace automend {
namespace {

constexpr size_t kBlock = 64;

// Bit i set where block[i] is the byte (or byte class) named.
struct BlockMasks {
  uint64_t quote = 0, backslash = 0, control = 0;
  uint64_t letter_n = 0;  // the common escape's letter: "\n", one per line of YAML
  uint64_t high = 0;      // >= 0x80: not ASCII
};

#ifdef AUTOMEND_HAVE_AVX2_PATH
__attribute__((target("avx2"))) inline BlockMasks ClassifyAvx2(const char* block) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i control_max = _mm256_set1_epi8(0x1F);
  const __m256i letter_n = _mm256_set1_epi8('n');
  BlockMasks m;
  for (int k = 0; k < 2; ++k) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * k));
    auto bits = [k](__m256i hit) __attribute__((target("avx2"))) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(hit))) << (32 * k);
    };
    m.quote |= bits(_mm256_cmpeq_epi8(v, quote));
    m.backslash |= bits(_mm256_cmpeq_epi8(v, backslash));
    m.control |= bits(_mm256_cmpeq_epi8(_mm256_min_epu8(v, control_max), v));
    m.letter_n |= bits(_mm256_cmpeq_epi8(v, letter_n));
    m.high |= bits(v);
  }
  return m;
}
#endif

inline BlockMasks Classify(const char* block) {
  BlockMasks m;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  const __m128i letter_n = _mm_set1_epi8('n');
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
    auto bits = [k](__m128i hit) {
      return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    };
    m.quote |= bits(_mm_cmpeq_epi8(v, quote));
    m.backslash |= bits(_mm_cmpeq_epi8(v, backslash));
    m.control |= bits(_mm_cmpeq_epi8(_mm_min_epu8(v, control_max), v));
    m.letter_n |= bits(_mm_cmpeq_epi8(v, letter_n));
    m.high |= bits(v);
  }
#else
  for (size_t i = 0; i < kBlock; ++i) {
    auto c = static_cast<unsigned char>(block[i]);
    m.quote |= uint64_t{c == '"'} << i;
    m.backslash |= uint64_t{c == '\\'} << i;
    m.control |= uint64_t{c < 0x20} << i;
    m.letter_n |= uint64_t{c == 'n'} << i;
    m.high |= uint64_t{c >= 0x80} << i;
  }
#endif
  return m;
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

// The scan, with the block classifier of the machine it is compiled for.
template <BlockMasks (*kClassify)(const char*)>
inline JsonStringBodyScan Scan(const char* p, size_t n) {
  JsonStringBodyScan scan;
  uint64_t next_is_escaped = 0;
  uint64_t high = 0;
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
    if (m.control & inside) return JsonStringBodyScan();  // an error, raw or escaped
    const uint64_t escaped_inside = escaped & inside;
    high |= m.high & inside;
    scan.escapes += static_cast<size_t>(__builtin_popcountll(escaped_inside));
    // \n, \" and \\ are valid escapes; every other escaped character is looked at.
    for (uint64_t rare = escaped_inside & ~(m.letter_n | m.quote | m.backslash); rare;
         rare &= rare - 1) {
      switch (block[__builtin_ctzll(rare)]) {
        case 't': case 'r': case 'b': case 'f': break;
        case '/': scan.slash_escape = true; break;
        default: return JsonStringBodyScan();  // \u, or not an escape
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
  return Scan<ClassifyAvx2>(p, n);
}
const bool kHaveAvx2 = CpuHasAvx2();
#endif

}  // namespace

JsonStringBodyScan ScanJsonStringBody(const char* p, size_t n) {
#ifdef AUTOMEND_HAVE_AVX2_PATH
  if (kHaveAvx2) return ScanAvx2(p, n);
#endif
  return Scan<Classify>(p, n);
}

JsonStringBodyScan ScanJsonStringBodyPortable(const char* p, size_t n) {
  return Scan<Classify>(p, n);
}

}  // namespace automend
