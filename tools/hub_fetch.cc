// hub_fetch: lists and reads a dataset on the Hugging Face hub through the hub client.
//   hub_fetch list hf://datasets/OWNER/NAME[@REV][/FOLDER]
//       prints one JSON line with the commit, then one JSON line per parquet file
//   hub_fetch read hf://... FILE_INDEX OFFSET LENGTH
//       writes bytes [OFFSET, OFFSET+LENGTH) of file FILE_INDEX to stdout
//       (--threads N reads N pieces of --chunk-bytes at once through one file)
// Token and endpoint come from HF_TOKEN / HF_ENDPOINT like huggingface_hub. Exit status:
// 0 done, 2 bad usage, 3 the hub could not be read (a refused token included). Errors go
// to stderr and never contain the token.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/json/json_writer.h"
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
  std::string out;
  automend::JsonWriter head(&out);
  head.BeginObject().Field("location", ds.location().ToString()).Field("endpoint", ds.endpoint());
  head.Field("commit", ds.commit()).Field("files", static_cast<uint64_t>(ds.files().size()));
  head.EndObject();
  out.push_back('\n');
  for (size_t i = 0; i < ds.files().size(); ++i) {
    const automend::HubFileInfo& f = ds.files()[i];
    automend::JsonWriter line(&out);
    line.BeginObject().Field("index", static_cast<uint64_t>(i)).Field("path", f.path);
    line.Field("size", f.size).Field("etag", f.etag).Field("lfs_sha256", f.lfs_sha256);
    line.Field("oid", f.git_oid).EndObject();
    out.push_back('\n');
  }
  std::cout << out;
  std::cout.flush();
  return std::cout ? 0 : 3;
}

// Reads the range in pieces of at most `chunk` bytes, `threads` pieces at a time through
// the one file (which is thread-safe), writing them in order: memory stays bounded by
// threads * chunk whatever LENGTH is.
int Read(const HubDataset& ds, size_t index, uint64_t offset, uint64_t length, size_t threads,
         uint64_t chunk) {
  std::unique_ptr<automend::RandomAccessFile> file;
  Status s = ds.OpenFile(index, &file);
  if (!s.ok()) return Fail(s);
  std::vector<std::pair<uint64_t, uint64_t>> pieces;
  for (uint64_t done = 0; done < length;) {
    uint64_t n = std::min(chunk, length - done);
    pieces.emplace_back(offset + done, n);
    done += n;
  }
  if (pieces.empty()) {
    // Still check the range against the file, as a read of nothing past the end is an error.
    std::string none;
    s = file->ReadAt(offset, 0, &none);
    if (!s.ok()) return Fail(s);
  }
  for (size_t first = 0; first < pieces.size(); first += threads) {
    const size_t count = std::min(threads, pieces.size() - first);
    std::vector<std::string> data(count);
    std::vector<Status> status(count);
    std::vector<std::thread> workers;
    for (size_t i = 0; i < count; ++i) {
      workers.emplace_back([&, i] {
        const auto& [at, n] = pieces[first + i];
        status[i] = file->ReadAt(at, static_cast<size_t>(n), &data[i]);
      });
    }
    for (std::thread& w : workers) w.join();
    for (size_t i = 0; i < count; ++i) {
      if (!status[i].ok()) return Fail(status[i]);
      if (std::fwrite(data[i].data(), 1, data[i].size(), stdout) != data[i].size()) {
        return Fail(Status::IOError("cannot write to stdout"));
      }
    }
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
  size_t threads = 1;
  uint64_t chunk = 8 << 20;
  read->add_option("location", location, "hf://datasets/OWNER/NAME[@REV][/FOLDER]")->required();
  read->add_option("file_index", index, "index in the listing")->required();
  read->add_option("offset", offset, "first byte")->required();
  read->add_option("length", length, "number of bytes")->required();
  read->add_option("--threads", threads, "pieces read at once")->check(CLI::Range(1, 64));
  read->add_option("--chunk-bytes", chunk, "size of a piece")->check(CLI::Range(1, 1 << 30));
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
  return list->parsed() ? List(*ds) : Read(*ds, index, offset, length, threads, chunk);
}
