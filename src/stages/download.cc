#include "stages/download.h"

#include <filesystem>
#include <map>

#include "core/hash.h"
#include "core/hash_set64.h"
#include "core/io/atomic_file.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "core/logging.h"
#include "core/progress.h"
#include "sources/hub/hub_dataset.h"
#include "sources/parquet/parquet_row_source.h"
#include "sources/sample_plan.h"
#include "stages/stage_paths.h"

namespace automend {
namespace {

namespace fs = std::filesystem;

// What the lock file says of one input file.
struct FileEntry {
  std::string path;
  uint64_t size = 0;
  std::string etag;
  std::string sha256;
  int64_t rows = -1;  // -1: unknown (not a parquet file)
  std::vector<int> row_groups_read;
  int64_t rows_read = 0;
  std::shared_ptr<const parquet::ParquetFileReader> reader;  // parquet sources only
};

struct Catalog {
  std::string kind;  // hub, parquet, jsonl, yaml-folder
  std::string revision;
  std::string commit;
  std::vector<FileEntry> files;
};

Status HashLocalFile(const std::string& path, std::string* hex) {
  std::unique_ptr<RandomAccessFile> file;
  AUTOMEND_RETURN_IF_ERROR(OpenLocalFile(path, &file));
  Sha256 sha;
  std::string chunk;
  for (uint64_t off = 0; off < file->Size(); off += chunk.size()) {
    AUTOMEND_RETURN_IF_ERROR(file->ReadAt(off, std::min<uint64_t>(8 << 20, file->Size() - off), &chunk));
    sha.Update(chunk);
  }
  *hex = sha.HexDigest();
  return Status::OK();
}

// Opens the source's files and their parquet footers (for parquet and hub sources).
Status OpenCatalog(const std::string& location, Catalog* cat) {
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  if (location.rfind("hf://", 0) == 0) {
    std::unique_ptr<HubDataset> ds;
    AUTOMEND_RETURN_IF_ERROR(OpenHubDataset(location, HubOptions(), &ds));
    cat->kind = "hub";
    cat->revision = ds->location().revision;
    cat->commit = ds->commit();
    for (size_t i = 0; i < ds->files().size(); ++i) {
      const HubFileInfo& info = ds->files()[i];
      cat->files.push_back({info.path, info.size, info.etag, info.lfs_sha256, -1, {}, 0, nullptr});
      files.emplace_back();
      AUTOMEND_RETURN_IF_ERROR(ds->OpenFile(i, &files.back()));
    }
  } else {
    std::vector<std::string> paths;
    std::error_code ec;
    bool parquet = location.size() > 8 && location.compare(location.size() - 8, 8, ".parquet") == 0;
    parquet = parquet || location.find_first_of("*?[") != std::string::npos ||
              (fs::is_directory(location, ec) && ListLocalParquetFiles(location, &paths).ok());
    if (!parquet) {
      cat->kind = fs::is_directory(location, ec) ? "yaml-folder" : "jsonl";
      if (cat->kind == "jsonl") {
        FileEntry e;
        e.path = location;
        e.size = fs::file_size(location, ec);
        if (ec) return Status::IOError("cannot read " + location + ": " + ec.message());
        AUTOMEND_RETURN_IF_ERROR(HashLocalFile(location, &e.sha256));
        cat->files.push_back(std::move(e));
      }
      return Status::OK();
    }
    cat->kind = "parquet";
    AUTOMEND_RETURN_IF_ERROR(ListLocalParquetFiles(location, &paths));
    for (const auto& p : paths) {
      FileEntry e;
      e.path = p;
      AUTOMEND_RETURN_IF_ERROR(HashLocalFile(p, &e.sha256));
      files.emplace_back();
      AUTOMEND_RETURN_IF_ERROR(OpenLocalFile(p, &files.back()));
      e.size = files.back()->Size();
      cat->files.push_back(std::move(e));
    }
  }
  std::vector<std::shared_ptr<const parquet::ParquetFileReader>> readers;
  AUTOMEND_RETURN_IF_ERROR(OpenParquetReaders(std::move(files), {}, &readers));
  for (size_t i = 0; i < readers.size(); ++i) {
    cat->files[i].reader = readers[i];
    cat->files[i].rows = readers[i]->num_rows();
  }
  return Status::OK();
}

void AppendRawRow(const Row& row, std::string* out) {
  JsonWriter w(out);
  w.BeginObject().Field("hexsha", row.hexsha);
  if (row.size >= 0) {
    w.Field("size", row.size);
  } else {
    w.Key("size").Null();
  }
  w.Field("ext", row.ext).Field("lang", row.lang).Field("max_stars_repo_path", row.path);
  w.Field("max_stars_repo_name", row.repo).StringArray("max_stars_repo_licenses", row.licenses);
  w.Field("content", row.content()).EndObject();
  out->push_back('\n');
}

// Compares with the previous lock, if any: a file whose size, ETag or hash changed.
std::vector<std::string> ChangedSinceLastLock(const std::string& lock_path, const Catalog& cat) {
  std::vector<std::string> changed;
  std::string text;
  JsonValue old;
  if (!ReadFileToString(lock_path, &text).ok() || !ParseJson(text, &old).ok() || !old.is_object())
    return changed;
  const JsonValue* files = old.Find("files");
  if (!files || !files->is_array()) return changed;
  std::map<std::string, const JsonValue*> by_path;
  for (const auto& f : files->array())
    if (const JsonValue* p = f.Find("path"); p && p->is_string()) by_path[p->as_string()] = &f;
  for (const FileEntry& e : cat.files) {
    auto it = by_path.find(e.path);
    if (it == by_path.end()) continue;
    const JsonValue& f = *it->second;
    auto differs = [&](const char* key, const std::string& now) {
      const JsonValue* v = f.Find(key);
      return v && v->is_string() && !v->as_string().empty() && !now.empty() && v->as_string() != now;
    };
    const JsonValue* size = f.Find("size");
    if (differs("etag", e.etag) || differs("sha256", e.sha256) ||
        (size && size->is_int() && static_cast<uint64_t>(size->as_int()) != e.size))
      changed.push_back(e.path);
  }
  return changed;
}

std::string LockJson(const Config& config, const std::string& location, int64_t sample_rows,
                     const Catalog& cat, const DownloadStats& s, const std::string& rows_sha256) {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject().Field("source", location).Field("kind", cat.kind);
  if (!cat.revision.empty()) w.Field("revision", cat.revision);
  if (!cat.commit.empty()) w.Field("commit", cat.commit);
  w.Field("seed", config.seed);
  if (sample_rows < 0) {
    w.Field("sample_rows", "all");
  } else {
    w.Field("sample_rows", sample_rows);
  }
  w.Key("files").BeginArray();
  for (const FileEntry& e : cat.files) {
    w.BeginObject().Field("path", e.path).Field("size", e.size).Field("etag", e.etag);
    w.Field("sha256", e.sha256);
    if (e.reader) {
      w.Field("rows", e.rows).Field("row_groups", e.reader->num_row_groups());
      w.Key("row_groups_read").BeginArray();
      for (int g : e.row_groups_read) w.Int(g);
      w.EndArray();
    }
    w.Field("rows_read", e.rows_read).EndObject();
  }
  w.EndArray();
  w.Field("rows_read", s.rows_read).Field("duplicates", s.duplicates);
  w.Field("undecodable", s.undecodable).Field("rows_written", s.rows_written);
  w.Field("content_bytes", s.content_bytes);
  if (rows_sha256.empty()) {
    w.Key("output").Null();  // streamed: the stages read the source itself
  } else {
    w.Key("output").BeginObject().Field("path", RawRowsPath(config));
    w.Field("sha256", rows_sha256).EndObject();
  }
  if (!s.changed_files.empty()) w.StringArray("changed_since_last_lock", s.changed_files);
  w.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace

Status RunDownload(const Config& config, const DownloadOptions& options, DownloadStats* stats) {
  *stats = DownloadStats();
  const std::string location = options.source.empty() ? config.source : options.source;
  const int64_t sample_rows = options.sample_rows != 0 ? options.sample_rows : config.sample_rows;
  const int64_t want = sample_rows < 0 ? INT64_MAX : sample_rows;
  const std::string rows_path = RawRowsPath(config);
  const std::string lock_path = LockPath(config);

  Catalog cat;
  AUTOMEND_RETURN_IF_ERROR(OpenCatalog(location, &cat).WithContext("opening " + location));
  stats->changed_files = ChangedSinceLastLock(lock_path, cat);
  for (const auto& f : stats->changed_files)
    AM_LOG_WARN("{} changed since the last download (size, ETag or hash differ from {})", f,
                lock_path);

  if (sample_rows < 0 && (cat.kind == "hub" || cat.kind == "parquet")) {
    // All of a parquet source: no raw copy. The lock pins the files; analyze and
    // preprocess stream the source itself (in parallel over row groups).
    std::error_code ec;
    std::filesystem::remove(rows_path, ec);
    for (const FileEntry& e : cat.files) stats->rows_read += e.rows;
    AUTOMEND_RETURN_IF_ERROR(
        WriteFileAtomically(lock_path, LockJson(config, location, sample_rows, cat, *stats, "")));
    AM_LOG_INFO("download: {} rows in {} files pinned in {}; the stages stream them from {}",
                stats->rows_read, cat.files.size(), lock_path, location);
    return Status::OK();
  }

  AtomicFileWriter out;
  AUTOMEND_RETURN_IF_ERROR(out.Open(rows_path));
  Sha256 rows_sha;
  HashSet64 seen;
  Progress progress("download", options.progress);
  std::string buffer;

  // Takes a batch's rows until `want` distinct rows are written.
  auto take = [&](RowBatch& batch, FileEntry* entry) -> Status {
    stats->undecodable += static_cast<int64_t>(batch.errors.size());
    for (const RowError& e : batch.errors)
      AM_LOG_WARN("skipped undecodable row at {}: {} ({})", e.origin, e.detail, e.reason);
    for (const Row& row : batch.rows) {
      if (stats->rows_written >= want) break;
      stats->rows_read++;
      if (entry) entry->rows_read++;
      if (!seen.Insert(HashSet64::Fingerprint(row.hexsha))) {
        stats->duplicates++;
        continue;
      }
      buffer.clear();
      AppendRawRow(row, &buffer);
      rows_sha.Update(buffer);
      AUTOMEND_RETURN_IF_ERROR(out.Append(buffer));
      stats->rows_written++;
      stats->content_bytes += static_cast<int64_t>(row.content().size());
    }
    progress.Update(stats->rows_read, stats->content_bytes);
    return Status::OK();
  };

  if (cat.kind == "hub" || cat.kind == "parquet") {
    std::vector<int> groups;
    for (const FileEntry& e : cat.files) groups.push_back(e.reader->num_row_groups());
    std::vector<std::pair<int, int>> plan;
    if (sample_rows < 0) {  // everything, in file order
      for (size_t f = 0; f < groups.size(); ++f)
        for (int g = 0; g < groups[f]; ++g) plan.emplace_back(static_cast<int>(f), g);
    } else {
      plan = PlanRowGroups(groups, config.seed);
    }
    for (const auto& [f, g] : plan) {
      if (stats->rows_written >= want) break;
      FileEntry& entry = cat.files[static_cast<size_t>(f)];
      std::unique_ptr<ParquetRowSource> one;
      AUTOMEND_RETURN_IF_ERROR(ParquetRowSource::Open({{entry.reader, {g}}}, {}, &one));
      RowBatch batch;
      AUTOMEND_RETURN_IF_ERROR(one->NextBatch(&batch));
      entry.row_groups_read.push_back(g);
      AUTOMEND_RETURN_IF_ERROR(take(batch, &entry));
    }
  } else {
    SourceOptions so;
    so.default_licenses = config.default_licenses;
    std::unique_ptr<RowSource> source;
    AUTOMEND_RETURN_IF_ERROR(OpenRowSource(location, so, &source));
    FileEntry* entry = cat.files.empty() ? nullptr : &cat.files[0];
    RowBatch batch;
    while (stats->rows_written < want) {
      AUTOMEND_RETURN_IF_ERROR(source->NextBatch(&batch));
      if (batch.empty()) break;
      AUTOMEND_RETURN_IF_ERROR(take(batch, entry));
    }
  }
  progress.Finish(stats->rows_read, stats->content_bytes);
  AUTOMEND_RETURN_IF_ERROR(out.Commit());
  AUTOMEND_RETURN_IF_ERROR(WriteFileAtomically(
      lock_path, LockJson(config, location, sample_rows, cat, *stats, rows_sha.HexDigest())));
  AM_LOG_INFO("download: {} rows read from {}, {} duplicates dropped, {} rows written to {}",
              stats->rows_read, location, stats->duplicates, stats->rows_written, rows_path);
  if (sample_rows >= 0 && stats->rows_written < sample_rows)
    AM_LOG_WARN("download: the source has only {} distinct rows, fewer than sample_rows {}",
                stats->rows_written, sample_rows);
  return Status::OK();
}

}  // namespace automend
