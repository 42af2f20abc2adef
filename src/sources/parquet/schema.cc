#include "sources/parquet/schema.h"

namespace automend::parquet {
namespace {

struct Node {
  const SchemaElement* element = nullptr;
  int32_t repetition = kRequired;
  std::vector<int> children;  // indices into the node list
  int leaf = -1;              // for primitives
  int16_t def_level = 0;      // levels at (and including) this node
  int16_t rep_level = 0;
};

bool IsGroup(const SchemaElement& e) { return !e.type.has_value(); }

bool IsListAnnotated(const SchemaElement& e) {
  return e.converted_type == kConvertedList || e.logical_type == kLogicalList;
}

bool IsMapAnnotated(const SchemaElement& e) {
  return e.converted_type == kConvertedMap || e.converted_type == kConvertedMapKeyValue ||
         e.logical_type == kLogicalMap;
}

class Builder {
 public:
  Builder(const std::vector<SchemaElement>& elements, std::vector<LeafColumn>* leaves)
      : elements_(elements), leaves_(leaves) {}

  // Builds the subtree of the element at pos_ and returns its node index in `*index`.
  Status Build(int depth, int16_t parent_def, int16_t parent_rep, std::vector<std::string>* path,
               int* index) {
    if (depth > ParquetSchema::kMaxDepth) {
      return Status::Corruption("schema nests deeper than " +
                                std::to_string(ParquetSchema::kMaxDepth) + " levels");
    }
    if (pos_ >= elements_.size()) {
      return Status::Corruption("schema ends while a group still expects children");
    }
    const SchemaElement& e = elements_[pos_++];
    Node node;
    node.element = &e;
    if (depth > 0) {
      node.repetition = e.repetition.value_or(kRequired);
      if (node.repetition < kRequired || node.repetition > kRepeated) {
        return Status::Corruption("schema element '" + e.name + "' has repetition type " +
                                  std::to_string(node.repetition));
      }
    }
    node.def_level = static_cast<int16_t>(parent_def + (node.repetition != kRequired ? 1 : 0));
    node.rep_level = static_cast<int16_t>(parent_rep + (node.repetition == kRepeated ? 1 : 0));
    if (depth > 0) path->push_back(e.name);
    if (IsGroup(e) || depth == 0) {
      if (e.num_children < 0 || static_cast<size_t>(e.num_children) > elements_.size() - pos_) {
        return Status::Corruption("schema element '" + e.name + "' claims " +
                                  std::to_string(e.num_children) + " children but only " +
                                  std::to_string(elements_.size() - pos_) + " elements follow");
      }
      for (int32_t i = 0; i < e.num_children; ++i) {
        int child;
        AUTOMEND_RETURN_IF_ERROR(Build(depth + 1, node.def_level, node.rep_level, path, &child));
        node.children.push_back(child);
      }
    } else {
      if (e.num_children > 0) {
        return Status::Corruption("primitive schema element '" + e.name + "' has children");
      }
      LeafColumn leaf;
      leaf.path = *path;
      leaf.physical_type = *e.type;
      leaf.type_length = e.type_length;
      leaf.max_def_level = node.def_level;
      leaf.max_rep_level = node.rep_level;
      leaf.is_string = e.converted_type == kConvertedUtf8 || e.logical_type == kLogicalString;
      node.leaf = static_cast<int>(leaves_->size());
      leaves_->push_back(std::move(leaf));
    }
    if (depth > 0) path->pop_back();
    nodes_.push_back(std::move(node));
    *index = static_cast<int>(nodes_.size()) - 1;
    return Status::OK();
  }

  size_t consumed() const { return pos_; }
  const Node& node(int i) const { return nodes_[static_cast<size_t>(i)]; }

 private:
  const std::vector<SchemaElement>& elements_;
  std::vector<LeafColumn>* leaves_;
  std::vector<Node> nodes_;
  size_t pos_ = 0;
};

bool IsPrimitiveNode(const Node& n) { return n.leaf >= 0; }

// Fills the shape of a top-level field from its node.
void Classify(const Builder& b, const Node& top, Field* f) {
  const SchemaElement& e = *top.element;
  int16_t top_def = top.def_level;  // 1 for an optional field, 0 for a required one
  if (IsPrimitiveNode(top)) {
    f->leaf = top.leaf;
    if (top.repetition == kRepeated) {  // legacy bare repeated field: a never-null list
      f->shape = FieldShape::kList;
      f->list_def = 0;
      f->element_def = top.def_level;
    } else {
      f->shape = FieldShape::kPrimitive;
    }
    return;
  }
  if (top.repetition == kRepeated) {
    f->unsupported_reason = "repeated group";
    return;
  }
  if (IsMapAnnotated(e)) {
    f->unsupported_reason = "map";
    return;
  }
  if (!IsListAnnotated(e)) {
    f->unsupported_reason = "struct";
    return;
  }
  if (top.children.size() != 1) {
    f->unsupported_reason = "LIST group without exactly one child";
    return;
  }
  const Node& repeated = b.node(top.children[0]);
  if (repeated.repetition != kRepeated) {
    f->unsupported_reason = "LIST group whose child is not repeated";
    return;
  }
  const Node* element = nullptr;
  if (IsPrimitiveNode(repeated)) {
    element = &repeated;  // 2-level list
  } else if (repeated.children.size() == 1 && IsPrimitiveNode(b.node(repeated.children[0])) &&
             b.node(repeated.children[0]).repetition != kRepeated) {
    element = &b.node(repeated.children[0]);  // 3-level list (or a one-field legacy struct)
  } else {
    f->unsupported_reason = "list of structs or nested list";
    return;
  }
  f->shape = FieldShape::kList;
  f->leaf = element->leaf;
  f->list_def = top_def;
  f->element_def = repeated.def_level;
}

}  // namespace

Status ParquetSchema::Build(const std::vector<SchemaElement>& elements, ParquetSchema* out) {
  *out = ParquetSchema();
  if (elements.empty()) return Status::Corruption("schema is empty");
  if (!IsGroup(elements[0])) return Status::Corruption("schema root is not a group");
  Builder b(elements, &out->leaves_);
  std::vector<std::string> path;
  int root;
  AUTOMEND_RETURN_IF_ERROR(b.Build(0, 0, 0, &path, &root));
  if (b.consumed() != elements.size()) {
    return Status::Corruption("schema has " + std::to_string(elements.size() - b.consumed()) +
                              " elements outside the root group");
  }
  int next_leaf = 0;
  for (int child : b.node(root).children) {
    const Node& top = b.node(child);
    Field f;
    f.name = top.element->name;
    f.first_leaf = next_leaf;
    // Leaves are numbered depth-first, so a field's leaves are the ones numbered before
    // the next field's first leaf; count them by walking the subtree.
    std::vector<int> stack = {child};
    while (!stack.empty()) {
      const Node& n = b.node(stack.back());
      stack.pop_back();
      if (IsPrimitiveNode(n)) ++f.num_leaves;
      for (int c : n.children) stack.push_back(c);
    }
    next_leaf += f.num_leaves;
    Classify(b, top, &f);
    if (f.shape == FieldShape::kUnsupported && f.unsupported_reason.empty()) {
      f.unsupported_reason = "unsupported field";
    }
    out->fields_.push_back(std::move(f));
  }
  return Status::OK();
}

int ParquetSchema::FindField(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace automend::parquet
