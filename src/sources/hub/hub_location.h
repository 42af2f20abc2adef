// HubLocation: where a dataset's parquet files live on the Hugging Face hub, parsed from
// the source syntax `hf://datasets/OWNER/NAME[@REVISION][/PATH]`. PATH is a folder (whose
// *.parquet files are read, not recursively) or one file ending in `.parquet`; REVISION
// is a branch, tag or commit (default "main"); a revision containing '/' (refs/pr/1) is
// written percent-encoded (refs%2Fpr%2F1). Parsing is strict so that a typo fails at
// start-up with a message saying what is wrong. Plain value type.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace automend {

struct HubLocation {
  std::string owner;
  std::string name;
  std::string revision = "main";  // decoded
  std::string path;               // no leading or trailing '/'; "" is the repository root
  bool is_file = false;           // `path` names one .parquet file

  std::string RepoId() const { return owner + "/" + name; }
  // The canonical text: hf://datasets/OWNER/NAME@REVISION[/PATH].
  std::string ToString() const;
};

// True when `text` uses the hub scheme (hf://), so the caller should parse it here.
bool IsHubLocation(std::string_view text);

// InvalidArgument with the reason when `text` is not a valid dataset location.
Status ParseHubLocation(std::string_view text, HubLocation* location);

}  // namespace automend
