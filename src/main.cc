// automend: the command-line front end. It only parses arguments and dispatches to the
// stage functions of the core library (see src/stages/).
#include <cstdio>

int main() {
  std::puts("automend");
  return 0;
}
