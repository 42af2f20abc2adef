#include "sources/row_source.h"

#include <filesystem>

#include "sources/jsonl_source.h"
#include "sources/yaml_folder_source.h"

namespace automend {

namespace fs = std::filesystem;

namespace {

// What the default NextPending hands out: rows decoded already.
class DecodedBatch final : public PendingBatch {
 public:
  explicit DecodedBatch(RowBatch batch) : batch_(std::move(batch)) {}
  void Decode(RowBatch* batch) override { *batch = std::move(batch_); }

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
    pending->Decode(batch);
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

Status OpenRowSource(const std::string& location, const SourceOptions& options,
                     std::unique_ptr<RowSource>* source) {
  auto ends_with = [&](std::string_view suffix) {
    return location.size() >= suffix.size() &&
           location.compare(location.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (location.rfind("hf://", 0) == 0 || ends_with(".parquet"))
    return Status::NotSupported("parquet and hub sources are not built into this version: " +
                                location);
  if (ends_with(".jsonl") || ends_with(".json")) return JsonlSource::Open(location, options, source);
  std::error_code ec;
  if (fs::is_directory(location, ec)) return YamlFolderSource::Open(location, options, source);
  if (!fs::exists(location, ec)) return Status::IOError("input not found: " + location);
  return Status::InvalidArgument("cannot tell what kind of input " + location +
                                 " is: expected .jsonl, .parquet, a folder or hf://datasets/...");
}

}  // namespace automend
