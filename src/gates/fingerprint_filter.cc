#include "gates/fingerprint_filter.h"

#include "core/cpu_features.h"

#ifdef AUTOMEND_HAVE_AVX2_PATH
#include <immintrin.h>
#endif

namespace automend {
namespace {

const bool kHaveAvx2 = CpuHasAvx2();

}  // namespace

void FingerprintFilter::Add(std::string_view fingerprint, int bucket) {
  const auto bit = static_cast<uint8_t>(1u << bucket);
  for (size_t k = 0; k < kBytes; ++k) {
    auto c = static_cast<uint8_t>(fingerprint[k]);
    low_[k][c & 15] |= bit;
    high_[k][c >> 4] |= bit;
    if (c >= 'a' && c <= 'z') {  // the upper-case letter shares the low nibble
      high_[k][(c - 'a' + 'A') >> 4] |= bit;
    }
  }
}

uint8_t FingerprintFilter::BucketsAt(const uint8_t* p) const {
  uint8_t b = 0xFF;
  for (size_t k = 0; k < kBytes; ++k) b &= low_[k][p[k] & 15] & high_[k][p[k] >> 4];
  return b;
}

size_t FingerprintFilter::NextScalar(const uint8_t* p, size_t n, size_t from,
                                     uint8_t* buckets) const {
  for (size_t i = from; i + kBytes <= n; ++i) {
    if (uint8_t b = BucketsAt(p + i)) {
      *buckets = b;
      return i;
    }
  }
  return n;
}

#ifdef AUTOMEND_HAVE_AVX2_PATH

__attribute__((target("avx2"))) size_t FingerprintFilter::NextAvx2(const uint8_t* p, size_t n,
                                                                     size_t from,
                                                                     uint8_t* buckets) const {
  __m256i low[kBytes], high[kBytes];
  for (size_t k = 0; k < kBytes; ++k) {
    low[k] = _mm256_broadcastsi128_si256(
        _mm_load_si128(reinterpret_cast<const __m128i*>(low_[k].data())));
    high[k] = _mm256_broadcastsi128_si256(
        _mm_load_si128(reinterpret_cast<const __m128i*>(high_[k].data())));
  }
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i zero = _mm256_setzero_si256();
  size_t i = from;
  // Blocks of 32 starting positions while all their kBytes-byte windows lie inside the text.
  for (; i + 32 + kBytes - 1 <= n; i += 32) {
    __m256i set = _mm256_set1_epi8(-1);
    for (size_t k = 0; k < kBytes; ++k) {
      __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + k));
      __m256i lo = _mm256_and_si256(v, nibble);
      __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
      set = _mm256_and_si256(set, _mm256_and_si256(_mm256_shuffle_epi8(low[k], lo),
                                                   _mm256_shuffle_epi8(high[k], hi)));
    }
    auto empty = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(set, zero)));
    if (empty != 0xFFFFFFFFu) {
      size_t j = static_cast<size_t>(__builtin_ctz(~empty));
      *buckets = BucketsAt(p + i + j);
      return i + j;
    }
  }
  return NextScalar(p, n, i, buckets);
}

#else

size_t FingerprintFilter::NextAvx2(const uint8_t* p, size_t n, size_t from,
                                   uint8_t* buckets) const {
  return NextScalar(p, n, from, buckets);
}

#endif

bool FingerprintFilter::Vectorised() { return kHaveAvx2; }

size_t FingerprintFilter::Next(std::string_view text, size_t from, uint8_t* buckets) const {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  return kHaveAvx2 ? NextAvx2(p, text.size(), from, buckets)
                    : NextScalar(p, text.size(), from, buckets);
}

}  // namespace automend
