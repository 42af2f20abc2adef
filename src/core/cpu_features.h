// Which optional instruction sets this CPU has, for the few hot loops that carry an AVX2
// version (compiled with __attribute__((target("avx2,popcnt"))) beside a portable one).
// AUTOMEND_HAVE_AVX2_PATH is defined where such code can be compiled at all (x86-64 with
// GCC or clang); CpuHasAvx2() says whether this machine may run it.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__)
#define AUTOMEND_HAVE_AVX2_PATH 1
#endif

namespace automend {

// AVX2 and POPCNT (every AVX2 CPU has POPCNT; both are checked as both are used). Checked
// once; safe to call during static initialisation. Thread-safe.
bool CpuHasAvx2();

}  // namespace automend
