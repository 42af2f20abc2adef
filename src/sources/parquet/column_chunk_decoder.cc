#include "sources/parquet/column_chunk_decoder.h"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "sources/parquet/codec.h"
#include "sources/parquet/page_reader.h"
#include "sources/parquet/plain_decoder.h"
#include "sources/parquet/rle_bit_packed_decoder.h"

namespace automend::parquet {
namespace {

// Which array of a ColumnBatch (or of the dictionary) holds a physical type's values.
enum class ValueKind { kBytes, kInts, kDoubles };

ValueKind KindOf(int32_t type) {
  switch (type) {
    case kByteArray:
    case kFixedLenByteArray:
      return ValueKind::kBytes;
    case kFloat:
    case kDouble:
      return ValueKind::kDoubles;
    default:
      return ValueKind::kInts;
  }
}

struct Values {
  std::vector<std::string_view> bytes;
  std::vector<int64_t> ints;
  std::vector<double> doubles;
};

class ChunkDecoder {
 public:
  ChunkDecoder(const Field& field, const LeafColumn& leaf, const ColumnMetaData& meta,
               int64_t num_rows, const ParquetReaderOptions& options, ColumnBatch* out)
      : field_(field),
        leaf_(leaf),
        meta_(meta),
        num_rows_(num_rows),
        options_(options),
        out_(out),
        kind_(KindOf(leaf.physical_type)),
        is_list_(field.shape == FieldShape::kList) {}

  Status Run(std::unique_ptr<std::string> chunk) {
    AUTOMEND_RETURN_IF_ERROR(CheckSupported());
    AUTOMEND_RETURN_IF_ERROR(Prepare());
    PageReader pages(reinterpret_cast<const uint8_t*>(chunk->data()), chunk->size(), meta_.codec,
                     leaf_, options_);
    while (values_seen_ < meta_.num_values) {
      Page page;
      bool done;
      AUTOMEND_RETURN_IF_ERROR(pages.Next(meta_.num_values - values_seen_, &page, &done));
      if (done) {
        return Status::Corruption("column chunk of " + std::to_string(chunk->size()) +
                                  " bytes ends after " + std::to_string(values_seen_) + " of its " +
                                  std::to_string(meta_.num_values) + " values");
      }
      Status s = page.type == kDictionaryPage
                     ? ReadDictionary(&page)
                     : AddValues(&page, pages.definition_levels(), pages.repetition_levels());
      if (!s.ok()) {
        return s.WithContext("page at byte " + std::to_string(page.offset) + " of the chunk");
      }
    }
    if (is_list_) {
      if (rows_seen_ != num_rows_) {
        return Status::Corruption("column chunk holds " + std::to_string(rows_seen_) +
                                  " rows, the row group has " + std::to_string(num_rows_));
      }
      out_->list_offsets.push_back(static_cast<uint32_t>(out_->slot_valid.size()));
    }
    if (chunk_referenced_) out_->owned_chunk = std::move(chunk);
    return Status::OK();
  }

 private:
  Status CheckSupported() const {
    int32_t type = leaf_.physical_type;
    if (type == kInt96) return Status::NotSupported("physical type INT96");
    if (type < kBoolean || type > kFixedLenByteArray) {
      return Status::NotSupported("physical type " + PhysicalTypeName(type));
    }
    if (type == kFixedLenByteArray && leaf_.type_length <= 0) {
      return Status::Corruption("FIXED_LEN_BYTE_ARRAY column with type_length " +
                                std::to_string(leaf_.type_length));
    }
    if (meta_.type != type) {
      return Status::Corruption("column chunk type " + PhysicalTypeName(meta_.type) +
                                " differs from the schema's " + PhysicalTypeName(type));
    }
    if (!IsSupportedCodec(meta_.codec)) {
      return Status::NotSupported("compression codec " + CodecName(meta_.codec) +
                                  " (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD)");
    }
    if (leaf_.max_rep_level > 1 || (is_list_ && leaf_.max_rep_level != 1)) {
      return Status::NotSupported("nested repetition (max repetition level " +
                                  std::to_string(leaf_.max_rep_level) + ")");
    }
    return Status::OK();
  }

  Status Prepare() {
    if (meta_.num_values < 0 || num_rows_ < 0) {
      return Status::Corruption("negative value or row count");
    }
    int64_t limit = std::min<int64_t>(options_.max_values_per_chunk, UINT32_MAX);
    if (meta_.num_values > limit) {
      return Status::Corruption("column chunk claims " + std::to_string(meta_.num_values) +
                                " values, more than the limit of " + std::to_string(limit));
    }
    if (!is_list_ && meta_.num_values != num_rows_) {
      return Status::Corruption("column chunk has " + std::to_string(meta_.num_values) +
                                " values for a row group of " + std::to_string(num_rows_) +
                                " rows");
    }
    if (is_list_ && num_rows_ > meta_.num_values) {
      return Status::Corruption("list column chunk has " + std::to_string(meta_.num_values) +
                                " entries for a row group of " + std::to_string(num_rows_) +
                                " rows");
    }
    out_->name = field_.name;
    out_->physical_type = leaf_.physical_type;
    out_->is_list = is_list_;
    out_->is_string = leaf_.is_string;
    out_->num_rows = num_rows_;
    // Only the per-row arrays are reserved: a value count is a claim until pages confirm it.
    size_t rows = static_cast<size_t>(num_rows_);
    if (is_list_) {
      out_->list_valid.reserve(rows);
      out_->list_offsets.reserve(rows + 1);
    } else {
      out_->slot_valid.reserve(rows);
    }
    return Status::OK();
  }

  void Resize(std::vector<std::string_view>* bytes, std::vector<int64_t>* ints,
              std::vector<double>* doubles, size_t n) const {
    switch (kind_) {
      case ValueKind::kBytes:
        bytes->resize(n);
        break;
      case ValueKind::kInts:
        ints->resize(n);
        break;
      case ValueKind::kDoubles:
        doubles->resize(n);
        break;
    }
  }

  // Decodes `n` PLAIN values into position `first` of the arrays.
  Status DecodePlain(const uint8_t* data, size_t size, size_t n, std::vector<std::string_view>* b,
                     std::vector<int64_t>* i, std::vector<double>* d, size_t first) const {
    size_t used;
    switch (leaf_.physical_type) {
      case kBoolean:
        return DecodePlainBooleans(data, size, n, i->data() + first, &used);
      case kInt32:
        return DecodePlainInt32(data, size, n, i->data() + first, &used);
      case kInt64:
        return DecodePlainInt64(data, size, n, i->data() + first, &used);
      case kFloat:
        return DecodePlainFloat(data, size, n, d->data() + first, &used);
      case kDouble:
        return DecodePlainDouble(data, size, n, d->data() + first, &used);
      case kByteArray:
        return DecodePlainByteArrays(data, size, n, b->data() + first, &used);
      case kFixedLenByteArray:
        return DecodePlainFixedLenByteArrays(data, size, n, static_cast<size_t>(leaf_.type_length),
                                             b->data() + first, &used);
    }
    return Status::NotSupported("physical type " + PhysicalTypeName(leaf_.physical_type));
  }

  // Keeps the memory that byte-array views now point into alive as long as the batch.
  void Retain(Page* page) {
    if (kind_ != ValueKind::kBytes) return;
    if (page->buffer) {
      out_->owned_buffers.push_back(std::move(page->buffer));
    } else {
      chunk_referenced_ = true;
    }
  }

  // A PLAIN value takes at least this many bits, which bounds how many values a page of a
  // given size can hold before anything is allocated for them.
  uint64_t MinBitsPerValue() const {
    switch (leaf_.physical_type) {
      case kBoolean:
        return 1;
      case kFixedLenByteArray:
        return 8 * static_cast<uint64_t>(leaf_.type_length);
      case kInt64:
      case kDouble:
        return 64;
      default:
        return 32;  // INT32, FLOAT, and BYTE_ARRAY's length prefix
    }
  }

  Status ReadDictionary(Page* page) {
    if (has_dictionary_) return Status::Corruption("second dictionary page in one column chunk");
    if (page->encoding != kPlain && page->encoding != kPlainDictionary) {
      return Status::NotSupported("dictionary page encoding " + EncodingName(page->encoding));
    }
    if (page->num_values < 0 || static_cast<uint64_t>(page->num_values) >
                                    uint64_t{8} * page->values_size / MinBitsPerValue()) {
      return Status::Corruption("dictionary page claims " + std::to_string(page->num_values) +
                                " values in " + std::to_string(page->values_size) + " bytes");
    }
    size_t n = static_cast<size_t>(page->num_values);
    Resize(&dict_.bytes, &dict_.ints, &dict_.doubles, n);
    AUTOMEND_RETURN_IF_ERROR(DecodePlain(page->values, page->values_size, n, &dict_.bytes,
                                         &dict_.ints, &dict_.doubles, 0));
    Retain(page);
    dictionary_size_ = n;
    has_dictionary_ = true;
    return Status::OK();
  }

  Status LevelError(const char* what, uint32_t level, uint32_t max) const {
    return Status::Corruption(std::string(what) + " level " + std::to_string(level) +
                              " exceeds the column's maximum " + std::to_string(max));
  }

  // Turns a data page's levels into slots (and list rows), then decodes its non-null
  // values into the slots that hold one.
  Status AddValues(Page* page, const std::vector<uint32_t>& def, const std::vector<uint32_t>& rep) {
    const size_t n = static_cast<size_t>(page->num_values);
    const uint32_t max_def = static_cast<uint32_t>(leaf_.max_def_level);
    const size_t first = out_->slot_valid.size();
    size_t present = 0;
    if (!is_list_) {
      out_->slot_valid.resize(first + n);
      uint8_t* valid = out_->slot_valid.data() + first;
      if (max_def == 0) {
        std::memset(valid, 1, n);
        present = n;
      } else {
        for (size_t i = 0; i < n; ++i) {
          if (def[i] > max_def) return LevelError("definition", def[i], max_def);
          valid[i] = def[i] == max_def;
          present += valid[i];
        }
      }
    } else {
      const uint32_t list_def = static_cast<uint32_t>(field_.list_def);
      const uint32_t element_def = static_cast<uint32_t>(field_.element_def);
      for (size_t i = 0; i < n; ++i) {
        uint32_t d = def[i];
        if (d > max_def) return LevelError("definition", d, max_def);
        if (rep[i] > 1) return LevelError("repetition", rep[i], 1);
        if (rep[i] == 0) {
          if (rows_seen_ == num_rows_) {
            return Status::Corruption("column chunk holds more rows than the row group's " +
                                      std::to_string(num_rows_));
          }
          out_->list_offsets.push_back(static_cast<uint32_t>(out_->slot_valid.size()));
          out_->list_valid.push_back(d >= list_def);
          ++rows_seen_;
        } else if (rows_seen_ == 0 || d < element_def) {
          return Status::Corruption("repetition level 1 without a list element to continue");
        }
        if (d >= element_def) {
          out_->slot_valid.push_back(d == max_def);
          present += d == max_def;
        }
      }
    }
    values_seen_ += static_cast<int64_t>(n);
    const size_t slots = out_->slot_valid.size() - first;
    Resize(&out_->bytes, &out_->ints, &out_->doubles, first + slots);
    if (present > 0) AUTOMEND_RETURN_IF_ERROR(DecodeDense(page, present, first));
    if (present < slots) Spread(first, slots, present);
    return Status::OK();
  }

  // Moves `present` dense values at [first, first + present) to the valid slots among
  // [first, first + slots), back to front so nothing is overwritten before it moves.
  void Spread(size_t first, size_t slots, size_t present) {
    const uint8_t* valid = out_->slot_valid.data() + first;
    auto spread = [&](auto* values) {
      using T = std::remove_reference_t<decltype(*values)>;
      size_t src = present;
      for (size_t dst = slots; dst-- > 0;) values[dst] = valid[dst] ? values[--src] : T{};
    };
    switch (kind_) {
      case ValueKind::kBytes:
        spread(out_->bytes.data() + first);
        break;
      case ValueKind::kInts:
        spread(out_->ints.data() + first);
        break;
      case ValueKind::kDoubles:
        spread(out_->doubles.data() + first);
        break;
    }
  }

  Status DecodeDense(Page* page, size_t n, size_t first) {
    switch (page->encoding) {
      case kPlain:
        AUTOMEND_RETURN_IF_ERROR(DecodePlain(page->values, page->values_size, n, &out_->bytes,
                                             &out_->ints, &out_->doubles, first));
        Retain(page);
        return Status::OK();
      case kPlainDictionary:
      case kRleDictionary:
        return DecodeDictionaryIndices(page->values, page->values_size, n, first);
      case kRle:
        if (leaf_.physical_type == kBoolean) {
          return DecodeRleBooleans(page->values, page->values_size, n, first);
        }
        break;
      default:
        break;
    }
    return Status::NotSupported("encoding " + EncodingName(page->encoding) + " for " +
                                PhysicalTypeName(leaf_.physical_type) +
                                " values (supported: PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY, "
                                "RLE for BOOLEAN)");
  }

  // Dictionary indices: one byte of bit width, then the RLE/bit-packed hybrid.
  Status DecodeDictionaryIndices(const uint8_t* data, size_t size, size_t n, size_t first) {
    if (!has_dictionary_) {
      return Status::Corruption("dictionary-encoded data page but no dictionary page");
    }
    if (size < 1) return Status::Corruption("dictionary indices: page has no bit width byte");
    int bit_width = data[0];
    if (bit_width > 32) {
      return Status::Corruption("dictionary indices: bit width " + std::to_string(bit_width));
    }
    indices_.resize(n);
    RleBitPackedDecoder decoder(data + 1, size - 1, bit_width);
    Status s = decoder.Decode(indices_.data(), n);
    if (!s.ok()) return s.WithContext("dictionary indices");
    for (size_t i = 0; i < n; ++i) {
      if (indices_[i] >= dictionary_size_) {
        return Status::Corruption("dictionary index " + std::to_string(indices_[i]) +
                                  " is outside the dictionary of " +
                                  std::to_string(dictionary_size_) + " values");
      }
    }
    auto gather = [&](auto* dst, const auto& dict) {
      for (size_t i = 0; i < n; ++i) dst[i] = dict[indices_[i]];
    };
    switch (kind_) {
      case ValueKind::kBytes:
        gather(out_->bytes.data() + first, dict_.bytes);
        break;
      case ValueKind::kInts:
        gather(out_->ints.data() + first, dict_.ints);
        break;
      case ValueKind::kDoubles:
        gather(out_->doubles.data() + first, dict_.doubles);
        break;
    }
    return Status::OK();
  }

  // RLE-encoded booleans: a 4-byte length, then the hybrid with bit width 1.
  Status DecodeRleBooleans(const uint8_t* data, size_t size, size_t n, size_t first) {
    if (size < 4) return Status::Corruption("RLE booleans: page ends before their length");
    uint32_t length;
    std::memcpy(&length, data, 4);
    if (length > size - 4) {
      return Status::Corruption("RLE booleans claim " + std::to_string(length) + " bytes; " +
                                std::to_string(size - 4) + " remain");
    }
    indices_.resize(n);
    RleBitPackedDecoder decoder(data + 4, length, 1);
    Status s = decoder.Decode(indices_.data(), n);
    if (!s.ok()) return s.WithContext("RLE booleans");
    int64_t* dst = out_->ints.data() + first;
    for (size_t i = 0; i < n; ++i) {
      if (indices_[i] > 1) return Status::Corruption("RLE boolean value above 1");
      dst[i] = indices_[i];
    }
    return Status::OK();
  }

  const Field& field_;
  const LeafColumn& leaf_;
  const ColumnMetaData& meta_;
  const int64_t num_rows_;
  const ParquetReaderOptions& options_;
  ColumnBatch* out_;
  const ValueKind kind_;
  const bool is_list_;

  int64_t values_seen_ = 0;
  int64_t rows_seen_ = 0;
  bool chunk_referenced_ = false;
  bool has_dictionary_ = false;
  size_t dictionary_size_ = 0;
  Values dict_;
  std::vector<uint32_t> indices_;  // scratch, reused across pages
};

}  // namespace

Status DecodeColumnChunk(const Field& field, const LeafColumn& leaf, const ColumnMetaData& meta,
                         int64_t num_rows, const ParquetReaderOptions& options,
                         std::unique_ptr<std::string> chunk, ColumnBatch* out) {
  *out = ColumnBatch();
  if (field.shape == FieldShape::kUnsupported) {
    return Status::NotSupported("field '" + field.name + "' is a " + field.unsupported_reason);
  }
  ChunkDecoder decoder(field, leaf, meta, num_rows, options, out);
  return decoder.Run(std::move(chunk));
}

}  // namespace automend::parquet
