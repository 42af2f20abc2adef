#include "records/record.h"

#include <algorithm>
#include <array>

#include "core/json/json_writer.h"

namespace automend {

std::string_view IacType(const std::vector<K8sObject>& objects) {
  auto any = [&](auto pred) { return std::any_of(objects.begin(), objects.end(), pred); };
  if (any([](const K8sObject& o) {
        std::string_view group = std::string_view(o.api_version).substr(0, o.api_version.find('/'));
        return group == "serving.kserve.io";
      }))
    return "kserve";
  if (any([](const K8sObject& o) { return o.api_version.find("seldon.io") != std::string::npos; }))
    return "seldon";
  static constexpr std::array<std::string_view, 8> kWorkloads = {
      "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
      "ReplicationController", "Job", "CronJob", "Pod"};
  if (any([](const K8sObject& o) {
        return std::find(kWorkloads.begin(), kWorkloads.end(), o.kind) != kWorkloads.end();
      }))
    return "k8s_workload";
  return "k8s_config";
}

std::string ToolCallJson(std::string_view manifest) {
  std::string call;
  call.reserve(manifest.size() + manifest.size() / 8 + 64);
  JsonWriter w(&call);
  w.BeginObject().Field("tool", "apply_manifest").Key("params").BeginObject();
  w.Field("manifest_content", manifest).EndObject().EndObject();
  return call;
}

void AppendRecordLine(const RecordFields& f, std::string* out) {
  const std::string call = ToolCallJson(f.manifest);
  JsonWriter w(out);
  w.BeginObject().Key("messages").BeginArray();
  w.BeginObject().Field("role", "user").Field("content", f.prompt).EndObject();
  w.BeginObject().Field("role", "assistant").Field("content", call).EndObject();
  w.EndArray();
  w.Key("metadata").BeginObject();
  w.Field("hexsha", f.hexsha).Field("repo", f.repo).Field("path", f.path);
  w.StringArray("licenses", f.licenses ? *f.licenses : std::vector<std::string>{});
  w.Field("iac_type", f.iac_type).Field("prompt_type", f.prompt_type);
  w.Field("size_bytes", f.size_bytes).Field("redactions", f.redactions);
  w.EndObject().EndObject();
  out->push_back('\n');
}

}  // namespace automend
