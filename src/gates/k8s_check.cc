#include "gates/k8s_check.h"

namespace automend {

bool DocumentStringField(const YamlStream& y, uint32_t mapping, std::string_view key,
                         std::string* out) {
  uint32_t v;
  if (!y.FindKey(mapping, key, &v)) return false;
  const YamlNode& n = y.node(y.Resolve(v));
  if (n.kind != YamlNode::Kind::kScalar || n.tag != YamlTag::kStr || n.value_length == 0)
    return false;
  *out = std::string(y.Value(n));
  return true;
}

bool CheckKubernetesDocuments(const YamlStream& yaml, std::vector<K8sObject>* objects,
                              std::string* why) {
  objects->clear();
  size_t index = 0;
  for (uint32_t root : yaml.documents()) {
    ++index;
    if (yaml.IsEmptyDocument(root)) continue;
    const YamlNode& n = yaml.node(yaml.Resolve(root));
    std::string where = "document " + std::to_string(index) + " (line " + std::to_string(n.line) + ")";
    if (n.kind != YamlNode::Kind::kMapping) {
      *why = where + " is not a mapping";
      return false;
    }
    K8sObject obj;
    if (!DocumentStringField(yaml, root, "apiVersion", &obj.api_version)) {
      *why = where + " has no non-empty string apiVersion";
      return false;
    }
    if (!DocumentStringField(yaml, root, "kind", &obj.kind)) {
      *why = where + " has no non-empty string kind";
      return false;
    }
    objects->push_back(std::move(obj));
  }
  if (objects->empty()) {
    *why = "no non-empty document";
    return false;
  }
  return true;
}

}  // namespace automend
