// hub_fetch: lists and reads a dataset on the Hugging Face hub through the hub client.
//   hub_fetch list hf://datasets/OWNER/NAME[@REV][/FOLDER]
//       prints one JSON line with the commit, then one JSON line per parquet file
//   hub_fetch read hf://... FILE_INDEX OFFSET LENGTH
//       writes bytes [OFFSET, OFFSET+LENGTH) of file FILE_INDEX to stdout
// Token and endpoint come from HF_TOKEN / HF_ENDPOINT like huggingface_hub. Exit status:
// 0 done, 2 bad usage, 3 the hub could not be read (a refused token included). Errors go
// to stderr and never contain the token.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/logging.h"
#include "sources/hub/hub_dataset.h"

namespace {

using automend::HubDataset;
using automend::HubOptions;
using automend::Status;

int Fail(const Status& s) {
  std::fprintf(stderr, "hub_fetch: %s\n", s.ToString().c_str());
  return s.ExitCode();
}

int List(const HubDataset& ds) {
  nlohmann::json head = {{"location", ds.location().ToString()},
                         {"endpoint", ds.endpoint()},
                         {"commit", ds.commit()},
                         {"files", ds.files().size()}};
  std::cout << head.dump() << "\n";
  for (size_t i = 0; i < ds.files().size(); ++i) {
    const automend::HubFileInfo& f = ds.files()[i];
    nlohmann::json line = {{"index", i},
                           {"path", f.path},
                           {"size", f.size},
                           {"etag", f.etag},
                           {"lfs_sha256", f.lfs_sha256},
                           {"oid", f.git_oid}};
    std::cout << line.dump() << "\n";
  }
  std::cout.flush();
  return std::cout ? 0 : 3;
}

int Read(const HubDataset& ds, size_t index, uint64_t offset, uint64_t length) {
  std::unique_ptr<automend::RandomAccessFile> file;
  Status s = ds.OpenFile(index, &file);
  if (!s.ok()) return Fail(s);
  // Chunks keep memory bounded whatever LENGTH is.
  constexpr uint64_t kChunk = 8 << 20;
  std::string data;
  for (uint64_t done = 0; done < length;) {
    uint64_t n = std::min(kChunk, length - done);
    s = file->ReadAt(offset + done, static_cast<size_t>(n), &data);
    if (!s.ok()) return Fail(s);
    if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size()) {
      return Fail(Status::IOError("cannot write to stdout"));
    }
    done += n;
  }
  return std::fflush(stdout) == 0 ? 0 : Fail(Status::IOError("cannot write to stdout"));
}

}  // namespace

int main(int argc, char** argv) {
  automend::Logging::InitForTests();
  CLI::App app{"Lists and reads a dataset on the Hugging Face hub"};
  app.require_subcommand(1);
  HubOptions options;
  int max_attempts = options.transport.retry.max_attempts;
  int64_t initial_backoff_ms = options.transport.retry.initial_backoff.count();
  bool no_metadata = false;
  app.add_option("--max-attempts", max_attempts, "attempts per request, the first included");
  app.add_option("--initial-backoff-ms", initial_backoff_ms, "first retry delay");
  app.add_flag("--no-metadata", no_metadata, "skip the HEAD per file (no ETags)");

  std::string location;
  CLI::App* list = app.add_subcommand("list", "print the commit and the files as JSON lines");
  list->add_option("location", location, "hf://datasets/OWNER/NAME[@REV][/FOLDER]")->required();
  CLI::App* read = app.add_subcommand("read", "write a byte range of one file to stdout");
  size_t index = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
  read->add_option("location", location, "hf://datasets/OWNER/NAME[@REV][/FOLDER]")->required();
  read->add_option("file_index", index, "index in the listing")->required();
  read->add_option("offset", offset, "first byte")->required();
  read->add_option("length", length, "number of bytes")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "hub_fetch: %s\n%s", e.what(), app.help().c_str());
    return 2;
  }
  options.transport.retry.max_attempts = max_attempts;
  options.transport.retry.initial_backoff = std::chrono::milliseconds(initial_backoff_ms);
  options.transport.retry.max_backoff =
      std::max(options.transport.retry.max_backoff, options.transport.retry.initial_backoff);
  options.fetch_file_metadata = !no_metadata;

  std::unique_ptr<HubDataset> ds;
  Status s = automend::OpenHubDataset(location, options, &ds);
  if (!s.ok()) return Fail(s);
  return list->parsed() ? List(*ds) : Read(*ds, index, offset, length);
}
