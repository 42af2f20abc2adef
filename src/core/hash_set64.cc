#include "core/hash_set64.h"

#include "core/hex_digit.h"

namespace automend {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser: spreads fingerprints over the slots
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

uint64_t HashSet64::Fingerprint(std::string_view hexsha) {
  if (hexsha.size() == 40) {
    uint64_t v = 0;
    bool hex = true;
    for (size_t i = 0; i < 40 && hex; ++i) hex = HexDigitValue(hexsha[i]) >= 0;
    if (hex) {
      for (size_t i = 0; i < 16; ++i) v = (v << 4) | static_cast<uint64_t>(HexDigitValue(hexsha[i]));
      return v;
    }
  }
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (char c : hexsha) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return Mix(h);
}

bool HashSet64::Insert(uint64_t key) {
  if (key == 0) key = 1;
  if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == key) return false;
    if (slots_[i] == 0) {
      slots_[i] = key;
      ++size_;
      return true;
    }
  }
}

void HashSet64::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  size_ = 0;
  for (uint64_t k : old)
    if (k) Insert(k);
}

}  // namespace automend
