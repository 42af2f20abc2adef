// Shards: the independent pieces `preprocess` can be split into so that an orchestrator
// (Airflow's dynamic task mapping, see dags/) runs one task per piece on any worker and
// `merge-records` joins the results. Preprocessing the shards one by one, in list order,
// and merging them gives exactly the records of one `preprocess` over the whole input.
//
// A location's shards: its parquet files (a file, a folder's *.parquet sorted by name, a
// glob's matches sorted) as absolute paths; on the hub, each file of the folder pinned to
// the commit the revision resolves to now (hf://datasets/OWNER/NAME@COMMIT/DIR/FILE.parquet),
// so every worker reads the same bytes even if the branch moves; a JSONL file, a raw folder
// (its rows.jsonl) or a folder of YAML files is one shard. The order is the order in which
// `preprocess` over the location reads them. Pure apart from listing files; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "sources/hub/hub_dataset.h"

namespace automend {

// The shards of `location`, in read order. The hub is asked for the folder's listing only
// (no per-file metadata requests).
Status ListShardsOf(const std::string& location, const HubOptions& hub,
                    std::vector<std::string>* shards);

// What the pipeline's preprocess step reads, as shards: the configured source's shards
// when it is read whole (`source.sample_rows: all`) and is parquet (local or hub), since
// then the raw sample holds the same rows and workers can read the source directly;
// otherwise the raw sample `<paths.raw_dir>/rows.jsonl` alone (absolute path).
Status ListPipelineShards(const Config& config, const HubOptions& hub,
                          std::vector<std::string>* shards);

// The shard list as one line of JSON: ["a", "b"] (json.dumps form) and a newline.
std::string ShardsToJson(const std::vector<std::string>& shards);

}  // namespace automend
