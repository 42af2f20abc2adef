#include "stages/shards.h"

#include <filesystem>

#include "core/json/json_writer.h"
#include "sources/hub/hub_location.h"
#include "sources/parquet/parquet_row_source.h"

namespace automend {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Absolute and normalised, so a shard command means the same file from any folder.
std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

Status ListHubShards(const std::string& location, const HubOptions& hub,
                     std::vector<std::string>* shards) {
  HubOptions options = hub;
  options.fetch_file_metadata = false;
  std::unique_ptr<HubDataset> dataset;
  AUTOMEND_RETURN_IF_ERROR(OpenHubDataset(location, options, &dataset));
  for (const HubFileInfo& file : dataset->files()) {
    HubLocation pinned = dataset->location();
    pinned.revision = dataset->commit();
    pinned.path = file.path;
    pinned.is_file = true;
    shards->push_back(pinned.ToString());
  }
  return Status::OK();
}

// Local parquet input, decided as OpenRowSource decides it (so both read the same files).
bool LocalParquet(const std::string& location, std::vector<std::string>* files) {
  std::error_code ec;
  if (EndsWith(location, ".parquet") || location.find_first_of("*?[") != std::string::npos ||
      fs::is_directory(location, ec)) {
    return ListLocalParquetFiles(location, files).ok();
  }
  return false;
}

}  // namespace

Status ListShardsOf(const std::string& location, const HubOptions& hub,
                    std::vector<std::string>* shards) {
  shards->clear();
  if (IsHubLocation(location)) return ListHubShards(location, hub, shards);
  std::error_code ec;
  if (EndsWith(location, ".jsonl") || EndsWith(location, ".json")) {
    if (!fs::is_regular_file(location, ec)) return Status::IOError("input not found: " + location);
    shards->push_back(Absolute(location));
    return Status::OK();
  }
  std::vector<std::string> files;
  if (EndsWith(location, ".parquet") || location.find_first_of("*?[") != std::string::npos) {
    AUTOMEND_RETURN_IF_ERROR(ListLocalParquetFiles(location, &files));
  } else if (fs::is_directory(location, ec)) {
    if (!ListLocalParquetFiles(location, &files).ok()) {
      // No parquet files: a raw sample folder or a folder of YAML files, read as one piece.
      fs::path rows = fs::path(location) / "rows.jsonl";
      files.push_back(fs::exists(rows, ec) ? rows.string() : location);
    }
  } else if (!fs::exists(location, ec)) {
    return Status::IOError("input not found: " + location);
  } else {
    return Status::InvalidArgument("cannot tell what kind of input " + location +
                                   " is: expected .jsonl, .parquet, a folder or hf://datasets/...");
  }
  for (const std::string& f : files) shards->push_back(Absolute(f));
  return Status::OK();
}

Status ListPipelineShards(const Config& config, const HubOptions& hub,
                          std::vector<std::string>* shards) {
  std::vector<std::string> ignored;
  const bool parquet = IsHubLocation(config.source) || LocalParquet(config.source, &ignored);
  if (config.sample_rows < 0 && parquet) return ListShardsOf(config.source, hub, shards);
  shards->assign(1, Absolute(config.raw_dir + "/rows.jsonl"));
  return Status::OK();
}

std::string ShardsToJson(const std::vector<std::string>& shards) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const std::string& s : shards) w.String(s);
  w.EndArray();
  out.push_back('\n');
  return out;
}

}  // namespace automend
