#include "runner/runner.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "core/hash.h"
#include "core/io/atomic_file.h"
#include "core/io/random_access_file.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "core/logging.h"

namespace automend {
namespace {

constexpr char kMissing[] = "missing";

// The SHA-256 of a file's content, or "missing".
std::string HashFile(const std::string& path) {
  std::unique_ptr<RandomAccessFile> file;
  if (!OpenLocalFile(path, &file).ok()) return kMissing;
  Sha256 sha;
  std::string chunk;
  for (uint64_t off = 0; off < file->Size(); off += chunk.size()) {
    if (!file->ReadAt(off, std::min<uint64_t>(8 << 20, file->Size() - off), &chunk).ok())
      return kMissing;
    sha.Update(chunk);
  }
  return sha.HexDigest();
}

struct StageRecord {
  std::string program;
  std::string params;
  std::map<std::string, std::string> inputs;   // path -> content hash
  std::map<std::string, std::string> outputs;  // path -> content hash
};

using State = std::map<std::string, StageRecord>;

State LoadState(const std::string& path) {
  State state;
  std::string text;
  JsonValue root;
  if (!ReadFileToString(path, &text).ok() || !ParseJson(text, &root).ok()) return state;
  const JsonValue* stages = root.Find("stages");
  if (!stages || !stages->is_object()) return state;
  for (const auto& [name, v] : stages->object()) {
    StageRecord r;
    if (const JsonValue* p = v.Find("program"); p && p->is_string()) r.program = p->as_string();
    if (const JsonValue* p = v.Find("params"); p && p->is_string()) r.params = p->as_string();
    for (auto [key, map] : {std::pair{"inputs", &r.inputs}, std::pair{"outputs", &r.outputs}}) {
      if (const JsonValue* m = v.Find(key); m && m->is_object())
        for (const auto& [file, hash] : m->object())
          if (hash.is_string()) (*map)[file] = hash.as_string();
    }
    state[name] = std::move(r);
  }
  return state;
}

Status SaveState(const std::string& path, const State& state) {
  std::string out;
  JsonWriter w(&out, 2);
  w.BeginObject().Field("version", 1).Key("stages").BeginObject();
  for (const auto& [name, r] : state) {
    w.Key(name).BeginObject().Field("program", r.program).Field("params", r.params);
    for (auto [key, map] : {std::pair{"inputs", &r.inputs}, std::pair{"outputs", &r.outputs}}) {
      w.Key(key).BeginObject();
      for (const auto& [file, hash] : *map) w.Field(file, hash);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject().EndObject();
  out.push_back('\n');
  return WriteFileAtomically(path, out);
}

double Now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Unique per run: the start time in microseconds, the process id and a per-process count.
std::string NewRunId() {
  static int runs = 0;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count();
  return std::to_string(us) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++runs);
}

}  // namespace

std::string CurrentProgramId() {
  std::string hash = HashFile("/proc/self/exe");
  return std::string(AUTOMEND_VERSION) + (hash == kMissing ? "" : "+" + hash.substr(0, 16));
}

StageDecision Runner::Decide(const Stage& stage) const {
  StageDecision d{stage.name, true, ""};
  if (options_.force) {
    d.reason = "forced (--force)";
    return d;
  }
  State state = LoadState(options_.state_path);
  auto it = state.find(stage.name);
  if (it == state.end()) {
    d.reason = "no earlier successful run";
    return d;
  }
  const StageRecord& r = it->second;
  if (r.program != options_.program_id) {
    d.reason = "the program changed";
    return d;
  }
  if (r.params != stage.params) {
    d.reason = "its parameters changed";
    return d;
  }
  for (const auto& in : stage.inputs) {
    auto old = r.inputs.find(in);
    if (old == r.inputs.end() || old->second != HashFile(in)) {
      d.reason = "input " + in + " changed";
      return d;
    }
  }
  for (const auto& out : stage.outputs) {
    std::string now = HashFile(out);
    auto old = r.outputs.find(out);
    if (now == kMissing) {
      d.reason = "output " + out + " is missing";
      return d;
    }
    if (old == r.outputs.end() || old->second != now) {
      d.reason = "output " + out + " was changed since";
      return d;
    }
  }
  d.run = false;
  d.reason = "inputs, parameters and program unchanged";
  return d;
}

Status Runner::Run(const std::vector<Stage>& stages, std::vector<StageDecision>* decisions) {
  RunLog log(options_.log_path);
  const std::string run_id = NewRunId();
  // A killed earlier run may have left temporaries beside files it never renamed (the
  // inputs cover files like the raw sample that a stage writes only in some modes).
  for (const Stage& stage : stages) {
    for (const auto& out : stage.outputs) RemoveStaleTemporaries(out);
    for (const auto& in : stage.inputs) RemoveStaleTemporaries(in);
  }
  for (const Stage& stage : stages) {
    StageDecision d = Decide(stage);
    if (decisions) decisions->push_back(d);
    RunLogEntry entry;
    entry.run_id = run_id;
    entry.stage = stage.name;
    entry.start = Now();
    if (!d.run) {
      AM_LOG_INFO("{}: skipped ({})", stage.name, d.reason);
      entry.status = "skipped";
      entry.reason = d.reason;
      entry.end = entry.start;
      AUTOMEND_RETURN_IF_ERROR(log.Append(entry));
      continue;
    }
    AM_LOG_INFO("{}: running ({})", stage.name, d.reason);
    // Inputs are hashed before the stage runs: what it read is what the state records.
    StageRecord record;
    record.program = options_.program_id;
    record.params = stage.params;
    for (const auto& in : stage.inputs) {
      record.inputs[in] = HashFile(in);
      AM_LOG_DEBUG("{}: input {} ({})", stage.name, in,
                   record.inputs[in] == kMissing ? kMissing : "sha256 " + record.inputs[in].substr(0, 16));
    }
    AM_LOG_DEBUG("{}: parameters {}", stage.name, stage.params);
    StageCounts counts;
    Status s = stage.run(&counts);
    entry.end = Now();
    entry.rows_in = counts.rows_in;
    entry.rows_out = counts.rows_out;
    if (s.ok()) {
      for (const auto& out : stage.outputs) {
        record.outputs[out] = HashFile(out);
        AM_LOG_DEBUG("{}: output {} ({})", stage.name, out,
                     record.outputs[out] == kMissing ? kMissing : "sha256 " + record.outputs[out].substr(0, 16));
        if (record.outputs[out] == kMissing)
          s = Status::IOError(stage.name + " did not write its output " + out);
      }
    }
    State state = LoadState(options_.state_path);
    if (!s.ok()) {
      state.erase(stage.name);
      AUTOMEND_RETURN_IF_ERROR(SaveState(options_.state_path, state));
      entry.status = "failed";
      entry.reason = s.ToString();
      entry.exit_code = s.ExitCode();
      AUTOMEND_RETURN_IF_ERROR(log.Append(entry));
      AM_LOG_ERROR("{}: failed: {}", stage.name, s.ToString());
      return s.WithContext("stage " + stage.name);
    }
    state[stage.name] = std::move(record);
    AUTOMEND_RETURN_IF_ERROR(SaveState(options_.state_path, state));
    entry.status = "ran";
    entry.reason = d.reason;
    AUTOMEND_RETURN_IF_ERROR(log.Append(entry));
    AM_LOG_INFO("{}: done in {:.2f}s (rows in {}, out {})", stage.name, entry.end - entry.start,
                counts.rows_in, counts.rows_out);
  }
  return Status::OK();
}

}  // namespace automend
