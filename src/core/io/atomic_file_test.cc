#include "core/io/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace automend {
namespace {

TEST(AtomicFileWriter, NothingUnderTheFinalNameUntilCommit) {
  TempDir dir;
  std::string path = dir.path() + "/sub/out.txt";
  {
    AtomicFileWriter w;
    ASSERT_TRUE(w.Open(path).ok());
    ASSERT_TRUE(w.Append(std::string(3 << 20, 'x')).ok());
    EXPECT_FALSE(std::filesystem::exists(path));
    ASSERT_TRUE(w.Commit().ok());
  }
  std::string back;
  ASSERT_TRUE(ReadFileToString(path, &back).ok());
  EXPECT_EQ(back.size(), size_t{3} << 20);
}

TEST(AtomicFileWriter, AbandonedWriterLeavesOldFileAndNoTemporary) {
  TempDir dir;
  std::string path = dir.path() + "/out.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  {
    AtomicFileWriter w;
    ASSERT_TRUE(w.Open(path).ok());
    ASSERT_TRUE(w.Append("new").ok());
  }
  std::string back;
  ASSERT_TRUE(ReadFileToString(path, &back).ok());
  EXPECT_EQ(back, "old");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(AtomicFileWriter, UnwritableFolderIsAnIoError) {
  AtomicFileWriter w;
  Status s = w.Open("/proc/automend-cannot-write/x");
  EXPECT_EQ(s.ExitCode(), 3);
}

}  // namespace
}  // namespace automend

namespace automend {
namespace {

TEST(AtomicFileWriter, OpenRemovesTemporariesOfDeadWriters) {
  TempDir dir;
  std::string path = dir.path() + "/out.txt";
  // pid 2^22+1 is above Linux's pid_max limit, so no such process can exist.
  ASSERT_TRUE(WriteFileAtomically(path + ".tmp.4194305", "partial").ok());
  ASSERT_TRUE(WriteFileAtomically(path + ".tmp.notapid", "kept").ok());
  AtomicFileWriter w;
  ASSERT_TRUE(w.Open(path).ok());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp.4194305"));
  EXPECT_TRUE(std::filesystem::exists(path + ".tmp.notapid"));
}

}  // namespace
}  // namespace automend
