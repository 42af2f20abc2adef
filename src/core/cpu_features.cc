#include "core/cpu_features.h"

namespace automend {

bool CpuHasAvx2() {
#ifdef AUTOMEND_HAVE_AVX2_PATH
  static const bool has = [] {
    __builtin_cpu_init();  // static initialisation may run before libgcc has looked
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  }();
  return has;
#else
  return false;
#endif
}

}  // namespace automend
