#include "stages/parallel_batches.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

#include "core/thread_pool.h"

namespace automend {

Status ForEachBatch(RowSource* source, int threads, const PrepareBatchFn& prepare,
                    const WorkBatchFn& work) {
  std::mutex mu;
  std::condition_variable cv;
  uint64_t in_flight = 0;
  const uint64_t max_in_flight = static_cast<uint64_t>(threads) * 2 + 2;
  std::unique_ptr<ThreadPool> pool;
  if (threads > 1) pool = std::make_unique<ThreadPool>(threads);

  Status status;
  uint64_t seq = 0;
  while (true) {
    auto batch = std::make_shared<RowBatch>();
    status = source->NextBatch(batch.get());
    if (!status.ok() || batch->empty()) break;
    prepare(batch.get());
    if (!pool) {
      work(*batch, seq++);
      continue;
    }
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return in_flight < max_in_flight; });
      ++in_flight;
    }
    pool->Submit([&, batch, n = seq++] {
      work(*batch, n);
      std::lock_guard<std::mutex> lock(mu);
      --in_flight;
      cv.notify_all();
    });
  }
  pool.reset();  // waits for the submitted batches
  if (!status.ok()) return status.WithContext("reading " + source->Describe());
  return Status::OK();
}

}  // namespace automend
