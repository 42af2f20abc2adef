// YamlFolderSource: the .yaml/.yml files (any letter case) under a folder, such as a git
// checkout of a user's own repositories, as rows. Hidden folders (.git) are skipped and
// symbolic links are not followed. Files come in sorted path order, so runs are
// reproducible. The folder carries no metadata: the licenses come from the config or the
// command line, `repo` is the folder's name and `hexsha` the content's git blob id.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sources/row_source.h"

namespace automend {

// Files larger than this are reported as a RowError instead of being read.
constexpr uint64_t kMaxYamlFileBytes = uint64_t{256} << 20;

class YamlFolderSource final : public RowSource {
 public:
  static Status Open(const std::string& folder, const SourceOptions& options,
                     std::unique_ptr<RowSource>* source);

  Status NextBatch(RowBatch* batch) override;
  std::string Describe() const override { return "yaml-folder:" + folder_; }

 private:
  YamlFolderSource(std::string folder, std::vector<std::string> files, const SourceOptions& options);

  std::string folder_;
  std::string repo_;
  std::vector<std::string> files_;  // relative paths
  size_t next_ = 0;
  SourceOptions options_;
};

}  // namespace automend
