#include "redact/text_scanners.h"

#include <cstdint>
#include <cstring>

namespace automend {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsWord(char c) { return IsAlnum(c) || c == '_'; }
bool IsEmailLocal(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainLabel(char c) { return IsAlnum(c) || c == '-'; }
bool IsKeyChar(char c) { return IsAlnum(c) || c == '_' || c == '-'; }

// Reads a maximal run of digits at `*pos` as an octet: 1-3 digits, value <= 255.
bool ReadOctet(std::string_view t, size_t* pos, unsigned* value) {
  size_t i = *pos;
  unsigned v = 0;
  while (i < t.size() && IsDigit(t[i])) {
    if (i - *pos == 3) return false;
    v = v * 10 + static_cast<unsigned>(t[i] - '0');
    ++i;
  }
  if (i == *pos || v > 255) return false;
  *pos = i;
  *value = v;
  return true;
}

}  // namespace

bool FindIpv4(std::string_view t, size_t from, TextMatch* match) {
  size_t i = from;
  const size_t n = t.size();
  while (i < n) {
    if (!IsDigit(t[i])) {
      ++i;
      continue;
    }
    // A match can only start at the first digit of a run not preceded by [A-Za-z0-9_.].
    bool preceded = i > 0 && (IsWord(t[i - 1]) || t[i - 1] == '.');
    size_t start = i;
    if (!preceded) {
      size_t pos = i;
      unsigned octet;
      bool ok = true;
      for (int k = 0; k < 4 && ok; ++k) {
        ok = ReadOctet(t, &pos, &octet);
        if (ok && k < 3) {
          ok = pos < n && t[pos] == '.';
          ++pos;
        }
      }
      if (ok) {
        bool followed = pos < n && (IsWord(t[pos]) || (t[pos] == '.' && pos + 1 < n && IsDigit(t[pos + 1])));
        if (!followed) {
          match->begin = start;
          match->end = pos;
          return true;
        }
      }
    }
    while (i < n && IsDigit(t[i])) ++i;
  }
  return false;
}

bool IsReservedIpv4(std::string_view q) {
  unsigned o[4] = {0, 0, 0, 0};
  size_t pos = 0;
  for (int k = 0; k < 4; ++k) {
    if (!ReadOctet(q, &pos, &o[k])) return false;
    ++pos;
  }
  const uint32_t ip = (o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3];
  struct Net {
    uint32_t base;
    int bits;
  };
  static constexpr Net kReserved[] = {
      {0x00000000, 8},  {0x0A000000, 8},  {0x64400000, 10}, {0x7F000000, 8},  {0xA9FE0000, 16},
      {0xAC100000, 12}, {0xC0000200, 24}, {0xC0A80000, 16}, {0xC6120000, 15}, {0xC6336400, 24},
      {0xCB007100, 24}, {0xE0000000, 4},  {0xF0000000, 4},
  };
  for (const Net& net : kReserved) {
    uint32_t mask = ~uint32_t{0} << (32 - net.bits);
    if ((ip & mask) == net.base) return true;
  }
  return false;
}

bool FindEmail(std::string_view t, size_t from, TextMatch* match) {
  const size_t n = t.size();
  size_t at = from;
  while (true) {
    const void* hit = at < n ? std::memchr(t.data() + at, '@', n - at) : nullptr;
    if (!hit) return false;
    at = static_cast<size_t>(static_cast<const char*>(hit) - t.data());
    // The local part is the whole run of local characters before '@': a match cannot start
    // inside a run (look-behind), nor before `from` (matches do not overlap).
    size_t start = at;
    while (start > 0 && IsEmailLocal(t[start - 1])) --start;
    if (start == at || start < from) {
      ++at;
      continue;
    }
    size_t best_end = EmailDomainEnd(t, at + 1);
    if (best_end) {
      match->begin = start;
      match->end = best_end;
      return true;
    }
    ++at;
  }
}

size_t EmailDomainEnd(std::string_view t, size_t pos) {
  // Dot-separated pieces. The expression ends at the last piece j >= 2 that starts with two
  // or more letters, all pieces before it being non-empty labels (each label is a maximal
  // run: only a '.' may follow one).
  const size_t n = t.size();
  size_t best_end = 0;
  size_t piece = pos;
  int index = 1;
  while (true) {
    size_t end = piece;
    while (end < n && IsDomainLabel(t[end])) ++end;
    if (index >= 2) {
      size_t letters = piece;
      while (letters < n && IsAlpha(t[letters])) ++letters;
      if (letters - piece >= 2) best_end = letters;
    }
    if (end == piece) break;  // an empty label ends the chain
    if (end < n && t[end] == '.') {
      piece = end + 1;
      ++index;
      continue;
    }
    break;
  }
  return best_end;
}

bool FindApiKey(std::string_view t, size_t from, TextMatch* match) {
  const size_t n = t.size();
  size_t p = from;
  while ((p = t.find("sk-", p)) != std::string_view::npos) {
    if (p > 0 && IsKeyChar(t[p - 1])) {
      ++p;
      continue;
    }
    size_t body = p + 3;
    size_t end = body;
    while (end < n && IsAlnum(t[end])) ++end;
    if (end - body >= 20) {
      match->begin = p;
      match->end = end;
      return true;
    }
    for (std::string_view kind : {"proj-", "svcacct-", "admin-"}) {
      if (t.substr(body, kind.size()) != kind) continue;
      size_t key = body + kind.size();
      end = key;
      while (end < n && IsKeyChar(t[end])) ++end;
      if (end - key >= 20) {
        match->begin = p;
        match->end = end;
        return true;
      }
    }
    ++p;
  }
  return false;
}

}  // namespace automend
