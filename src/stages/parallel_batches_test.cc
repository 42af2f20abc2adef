#include "stages/parallel_batches.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>

namespace automend {
namespace {

// Yields `batches` batches of one row each, then fails if asked to.
class CountingSource final : public RowSource {
 public:
  CountingSource(int batches, bool fail) : left_(batches), fail_(fail) {}
  Status NextBatch(RowBatch* batch) override {
    batch->clear();
    if (left_ == 0) return fail_ ? Status::IOError("disk went away") : Status::OK();
    --left_;
    Row row;
    row.hexsha = std::to_string(next_++);
    batch->rows.push_back(row);
    return Status::OK();
  }
  std::string Describe() const override { return "counting"; }

 private:
  int left_;
  bool fail_;
  int next_ = 0;
};

TEST(ForEachBatch, EveryBatchIsPreparedInOrderAndWorkedOnceWithItsSequenceNumber) {
  for (int threads : {1, 4}) {
    CountingSource source(50, false);
    std::vector<std::string> prepared;
    std::mutex mu;
    std::set<std::pair<uint64_t, std::string>> worked;
    Status s = ForEachBatch(
        &source, threads, [&](RowBatch* b) { prepared.push_back(b->rows[0].hexsha); },
        [&](const RowBatch& b, uint64_t seq) {
          std::lock_guard<std::mutex> lock(mu);
          worked.emplace(seq, b.rows[0].hexsha);
        });
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(prepared.size(), 50u);
    ASSERT_EQ(worked.size(), 50u);
    uint64_t i = 0;
    for (const auto& [seq, hexsha] : worked) {
      EXPECT_EQ(seq, i);
      EXPECT_EQ(hexsha, prepared[i]);
      ++i;
    }
  }
}

TEST(ForEachBatch, SourceFailureIsReturnedAfterTheWorkInFlight) {
  CountingSource source(10, true);
  std::atomic<int> worked{0};
  Status s = ForEachBatch(
      &source, 3, [](RowBatch*) {}, [&](const RowBatch&, uint64_t) { ++worked; });
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("counting"), std::string::npos);
  EXPECT_EQ(worked.load(), 10);
}

}  // namespace
}  // namespace automend
