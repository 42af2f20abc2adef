#include "sources/row_source.h"

#include <algorithm>
#include <filesystem>

#include "sources/hub/hub_dataset.h"
#include "sources/jsonl_source.h"
#include "sources/parquet/parquet_row_source.h"
#include "sources/yaml_folder_source.h"

namespace automend {

namespace fs = std::filesystem;

namespace {

// What the default NextPending hands out: rows decoded already.
class DecodedBatch final : public PendingBatch {
 public:
  explicit DecodedBatch(RowBatch batch) : batch_(std::move(batch)) {}
  Status Decode(RowBatch* batch) override {
    *batch = std::move(batch_);
    return Status::OK();
  }

 private:
  RowBatch batch_;
};

}  // namespace

Status RowSource::NextBatch(RowBatch* batch) {
  batch->clear();
  // A pending batch can decode to nothing (a block of blank lines), but an empty batch
  // means the end of the source: go on to the next one.
  while (batch->empty()) {
    std::unique_ptr<PendingBatch> pending;
    AUTOMEND_RETURN_IF_ERROR(NextPending(&pending));
    if (!pending) break;
    AUTOMEND_RETURN_IF_ERROR(pending->Decode(batch));
  }
  return Status::OK();
}

Status RowSource::NextPending(std::unique_ptr<PendingBatch>* pending) {
  RowBatch batch;
  AUTOMEND_RETURN_IF_ERROR(NextBatch(&batch));
  if (batch.empty()) {
    pending->reset();
  } else {
    *pending = std::make_unique<DecodedBatch>(std::move(batch));
  }
  return Status::OK();
}

std::vector<std::string> LocalSourceFiles(const std::string& location) {
  std::vector<std::string> files;
  if (location.rfind("hf://", 0) == 0) return files;
  std::error_code ec;
  if (!fs::is_directory(location, ec) && location.find_first_of("*?[") == std::string::npos) {
    files.push_back(location);
    return files;
  }
  if (ListLocalParquetFiles(location, &files).ok()) return files;
  files.clear();
  for (fs::recursive_directory_iterator it(location, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
    } else if (it->is_regular_file(ec)) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Status OpenRowSource(const std::string& location, const SourceOptions& options,
                     std::unique_ptr<RowSource>* source) {
  auto ends_with = [&](std::string_view suffix) {
    return location.size() >= suffix.size() &&
           location.compare(location.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  std::unique_ptr<ParquetRowSource> parquet;
  if (location.rfind("hf://", 0) == 0) {
    std::unique_ptr<HubDataset> dataset;
    AUTOMEND_RETURN_IF_ERROR(OpenHubDataset(location, HubOptions(), &dataset));
    std::vector<std::unique_ptr<RandomAccessFile>> files;
    for (size_t i = 0; i < dataset->files().size(); ++i) {
      files.emplace_back();
      AUTOMEND_RETURN_IF_ERROR(dataset->OpenFile(i, &files.back()));
    }
    AUTOMEND_RETURN_IF_ERROR(OpenParquetRowSource(std::move(files), ParquetSourceOptions(), &parquet));
    *source = std::move(parquet);
    return Status::OK();
  }
  if (ends_with(".jsonl") || ends_with(".json")) return JsonlSource::Open(location, options, source);
  std::error_code ec;
  bool folder = fs::is_directory(location, ec);
  std::vector<std::string> parquet_files;
  if (ends_with(".parquet") || location.find_first_of("*?[") != std::string::npos ||
      (folder && ListLocalParquetFiles(location, &parquet_files).ok())) {
    AUTOMEND_RETURN_IF_ERROR(OpenLocalParquetRowSource(location, ParquetSourceOptions(), &parquet));
    *source = std::move(parquet);
    return Status::OK();
  }
  if (folder && fs::exists(fs::path(location) / "rows.jsonl"))  // a raw sample from download
    return JsonlSource::Open((fs::path(location) / "rows.jsonl").string(), options, source);
  if (folder) return YamlFolderSource::Open(location, options, source);
  if (!fs::exists(location, ec)) return Status::IOError("input not found: " + location);
  return Status::InvalidArgument("cannot tell what kind of input " + location +
                                 " is: expected .jsonl, .parquet, a folder or hf://datasets/...");
}

}  // namespace automend
