// ColumnBatch: the decoded values of one top-level field for one row group, in a layout
// meant for copying into rows without per-value allocations.
//
// Values live in "slots": one slot per row for a primitive field, one slot per list
// element for a list field (then `list_offsets[r] .. list_offsets[r + 1]` are row r's
// slots). Each slot is either null (`slot_valid[i] == 0`) or holds a value in the array
// that matches the column's physical type:
//  - BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> `bytes` (views into memory the batch owns);
//  - BOOLEAN, INT32, INT64 -> `ints`;
//  - FLOAT, DOUBLE -> `doubles`.
// Byte arrays point into the decompressed pages (or the raw column chunk), which the batch
// owns (`owned_buffers`, `owned_chunk`), so a string value is copied at most once: from the
// page into the caller's row. Moving a batch keeps the views valid, which lets
// ParquetRowSource hand `content` to rows without copying it (Row::borrowed_content).
// A batch is a plain value: movable, not copyable, not synchronized.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace automend::parquet {

struct ColumnBatch {
  std::string name;
  int32_t physical_type = 0;
  bool is_list = false;
  bool is_string = false;  // annotated UTF8 / STRING (BYTE_ARRAY only)
  int64_t num_rows = 0;

  std::vector<uint8_t> slot_valid;
  std::vector<std::string_view> bytes;
  std::vector<int64_t> ints;
  std::vector<double> doubles;

  // List fields only: whether row r's list is non-null, and its slots.
  std::vector<uint8_t> list_valid;
  std::vector<uint32_t> list_offsets;  // num_rows + 1 entries

  // Row r is null: the value of a primitive field, or the whole list of a list field.
  bool IsNull(int64_t row) const {
    size_t r = static_cast<size_t>(row);
    return is_list ? list_valid[r] == 0 : slot_valid[r] == 0;
  }
  size_t ListBegin(int64_t row) const { return list_offsets[static_cast<size_t>(row)]; }
  size_t ListEnd(int64_t row) const { return list_offsets[static_cast<size_t>(row) + 1]; }

  // Memory the views in `bytes` point into.
  std::vector<std::unique_ptr<uint8_t[]>> owned_buffers;
  std::unique_ptr<std::string> owned_chunk;
};

}  // namespace automend::parquet
