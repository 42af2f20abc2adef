#include "core/status.h"

#include <gtest/gtest.h>

namespace automend {

TEST(Status, ExitCodesFollowTheCommandLineContract) {
  EXPECT_EQ(Status::OK().ExitCode(), 0);
  EXPECT_EQ(Status::DataCheckFailed("x").ExitCode(), 1);
  EXPECT_EQ(Status::InvalidArgument("x").ExitCode(), 2);
  EXPECT_EQ(Status::IOError("x").ExitCode(), 3);
  EXPECT_EQ(Status::Corruption("x").ExitCode(), 3);
}

TEST(Status, WithContextPrefixesTheMessage) {
  Status s = Status::IOError("no such file").WithContext("reading a.parquet");
  EXPECT_EQ(s.ToString(), "IO error: reading a.parquet: no such file");
  EXPECT_TRUE(Status::OK().WithContext("x").ok());
}

}  // namespace automend
