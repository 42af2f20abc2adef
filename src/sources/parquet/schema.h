// ParquetSchema: the footer's flat, depth-first list of SchemaElements turned into what a
// reader needs: the leaf columns (in the order of every row group's column chunks) with
// their maximum definition/repetition levels, and the top-level fields with their shape.
//
// Shapes this reader decodes:
//  - a primitive field, REQUIRED or OPTIONAL;
//  - a list of primitives: the standard 3-level form
//      <optional|required> group f (LIST) { repeated group list { <opt|req> T element; } }
//    (also with any names for the middle and leaf nodes, which covers the legacy
//    `array` / `f_tuple` one-field forms), the 2-level form
//      <optional|required> group f (LIST) { repeated T element; }
//    and a bare `repeated T f` top-level field (a list that is never null).
// Any other field (struct, map, nested list, list of structs) is kUnsupported, which is an
// error only when that field is read. Immutable after Build(); thread-safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sources/parquet/parquet_format.h"

namespace automend::parquet {

struct LeafColumn {
  std::vector<std::string> path;  // names from below the root to the leaf
  int32_t physical_type = 0;
  int32_t type_length = 0;
  int16_t max_def_level = 0;
  int16_t max_rep_level = 0;
  bool is_string = false;  // annotated UTF8 / STRING
};

enum class FieldShape { kPrimitive, kList, kUnsupported };

struct Field {
  std::string name;
  FieldShape shape = FieldShape::kUnsupported;
  std::string unsupported_reason;  // for kUnsupported: "struct", "map", ...
  int leaf = -1;                   // the leaf column holding its values (kPrimitive, kList)
  int first_leaf = 0;              // leaf columns under this field: [first_leaf, +num_leaves)
  int num_leaves = 0;
  // Lists only, in terms of the leaf's definition level `def`: the row's list is not null
  // when def >= list_def, and an element (null when def < max_def_level) exists when
  // def >= element_def.
  int16_t list_def = 0;
  int16_t element_def = 0;
};

class ParquetSchema {
 public:
  // Nesting deeper than this is rejected as corrupt.
  static constexpr int kMaxDepth = 64;

  static Status Build(const std::vector<SchemaElement>& elements, ParquetSchema* out);

  const std::vector<Field>& fields() const { return fields_; }
  const std::vector<LeafColumn>& leaves() const { return leaves_; }
  // Index of the top-level field called `name`, or -1.
  int FindField(std::string_view name) const;

 private:
  std::vector<Field> fields_;
  std::vector<LeafColumn> leaves_;
};

}  // namespace automend::parquet
