#include "sources/yaml_folder_source.h"

#include <algorithm>
#include <filesystem>

#include "core/hash.h"
#include "core/io/atomic_file.h"
#include "sources/yaml_file_name.h"

namespace automend {

namespace fs = std::filesystem;

YamlFolderSource::YamlFolderSource(std::string folder, std::vector<std::string> files,
                                   const SourceOptions& options)
    : folder_(std::move(folder)), files_(std::move(files)), options_(options) {
  repo_ = fs::path(folder_).lexically_normal().filename().string();
  if (repo_.empty()) repo_ = fs::path(folder_).lexically_normal().parent_path().filename().string();
}

Status YamlFolderSource::Open(const std::string& folder, const SourceOptions& options,
                              std::unique_ptr<RowSource>* source) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return Status::IOError("not a folder: " + folder);
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(folder, fs::directory_options::none, ec), end;
  if (ec) return Status::IOError("cannot list " + folder + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IOError("cannot list " + folder + ": " + ec.message());
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    if (!IsYamlFileName(name)) continue;
    files.push_back(fs::relative(p, folder, ec).generic_string());
  }
  std::sort(files.begin(), files.end());
  source->reset(new YamlFolderSource(folder, std::move(files), options));
  return Status::OK();
}

Status YamlFolderSource::NextBatch(RowBatch* batch) {
  batch->clear();
  while (next_ < files_.size() && batch->rows.size() + batch->errors.size() < options_.batch_rows) {
    const std::string& rel = files_[next_++];
    std::string full = (fs::path(folder_) / rel).string();
    std::error_code ec;
    uint64_t size = fs::file_size(full, ec);
    if (ec) return Status::IOError("cannot read " + full + ": " + ec.message());
    if (size > kMaxYamlFileBytes) {
      batch->errors.push_back({full, "too_large", "file of " + std::to_string(size) + " bytes"});
      continue;
    }
    Row row;
    AUTOMEND_RETURN_IF_ERROR(ReadFileToString(full, &row.owned_content));
    row.path = rel;
    row.repo = repo_;
    row.licenses = options_.default_licenses;
    row.hexsha = GitBlobSha1(row.owned_content);
    row.size = static_cast<int64_t>(row.owned_content.size());
    row.ext = fs::path(rel).extension().string().substr(1);
    row.lang = "YAML";
    row.origin = full;
    batch->rows.push_back(std::move(row));
  }
  return Status::OK();
}

}  // namespace automend
