#include <gtest/gtest.h>

#include "core/logging.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  automend::Logging::InitForTests();
  return RUN_ALL_TESTS();
}
