// Hand-written scanners for the text classes of spec section 3 (IPv4, email, API key).
// Each finds the leftmost match at or after `from` exactly as the spec's regular
// expression with its look-behind/look-ahead would under Python's `re` (leftmost, greedy,
// backtracking), in linear time and without a regex engine: no backtracking blow-up on
// hostile text. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace automend {

struct TextMatch {
  size_t begin = 0;
  size_t end = 0;
};

// A dotted quad of octets 0-255 (1-3 digits), not preceded by [A-Za-z0-9_.] and not
// followed by [A-Za-z0-9_] or "." + digit.
bool FindIpv4(std::string_view text, size_t from, TextMatch* match);

// True for the reserved, non-personal ranges that are kept when keep_reserved_ips is on.
bool IsReservedIpv4(std::string_view dotted_quad);

// [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}, not preceded by
// [A-Za-z0-9._%+-].
bool FindEmail(std::string_view text, size_t from, TextMatch* match);

// The end of the e-mail expression's domain part, [A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,},
// matched at `pos` as the expression matches it after the '@'; 0 when it does not match.
size_t EmailDomainEnd(std::string_view text, size_t pos);

// sk-[A-Za-z0-9]{20,} or sk-(proj|svcacct|admin)-[A-Za-z0-9_-]{20,}, not preceded by
// [A-Za-z0-9_-].
bool FindApiKey(std::string_view text, size_t from, TextMatch* match);

}  // namespace automend
