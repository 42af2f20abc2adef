// ForEachBatch: the reading loop of the stages that only count (analyze, diagnose). Batches
// are read on the calling thread, where `prepare` sees them in input order (dropping
// repeated hexsha there keeps "first occurrence wins" independent of threads); `work` then
// runs on a worker thread, several batches at once in any order, so it must only add to
// per-thread or locked state. At most 2 x threads + 2 batches are in flight, which bounds
// memory whatever the input size. Unlike preprocess nothing is written in order, so no
// reordering is needed.
#pragma once

#include <cstdint>
#include <functional>

#include "core/status.h"
#include "sources/row_source.h"

namespace automend {

using PrepareBatchFn = std::function<void(RowBatch* batch)>;
// `seq` numbers the batches in input order from 0 (for results that must not depend on
// which worker finished first).
using WorkBatchFn = std::function<void(const RowBatch& batch, uint64_t seq)>;

// Returns the source's error (with its description) if reading fails; work already
// submitted is finished first. threads <= 1 runs everything on the calling thread.
Status ForEachBatch(RowSource* source, int threads, const PrepareBatchFn& prepare,
                    const WorkBatchFn& work);

}  // namespace automend
