#include "sources/parquet/column_chunk_decoder.h"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "sources/parquet/codec.h"
#include "sources/parquet/metadata_decoder.h"
#include "sources/parquet/plain_decoder.h"
#include "sources/parquet/rle_bit_packed_decoder.h"

namespace automend::parquet {
namespace {

// Which array of a ColumnBatch holds a physical type's values.
enum class ValueKind { kBytes, kInts, kDoubles };

ValueKind KindOf(int32_t type) {
  switch (type) {
    case kByteArray:
    case kFixedLenByteArray: return ValueKind::kBytes;
    case kFloat:
    case kDouble: return ValueKind::kDoubles;
    default: return ValueKind::kInts;
  }
}

// Destination of decoded values: a dense array of the column's kind.
struct ValueArrays {
  std::vector<std::string_view>* bytes;
  std::vector<int64_t>* ints;
  std::vector<double>* doubles;
};

uint32_t LoadLe32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

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
    const auto* data = reinterpret_cast<const uint8_t*>(chunk->data());
    size_t size = chunk->size();
    AUTOMEND_RETURN_IF_ERROR(Prepare());
    size_t pos = 0;
    while (values_seen_ < meta_.num_values) {
      if (pos >= size) {
        return Status::Corruption("column chunk of " + std::to_string(size) + " bytes ends after " +
                                  std::to_string(values_seen_) + " of its " +
                                  std::to_string(meta_.num_values) + " values");
      }
      size_t page_start = pos;
      Status s = ReadPage(data, size, &pos);
      if (!s.ok()) return s.WithContext("page at byte " + std::to_string(page_start) + " of the chunk");
    }
    if (is_list_) {
      if (rows_seen_ != num_rows_) {
        return Status::Corruption("column chunk holds " + std::to_string(rows_seen_) +
                                  " rows, the row group has " + std::to_string(num_rows_));
      }
      out_->list_offsets.push_back(static_cast<uint32_t>(out_->slot_valid.size()));
    }
    if (chunk_referenced_) out_->chunk_ = std::move(chunk);
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
    size_t rows = static_cast<size_t>(num_rows_);
    if (is_list_) {
      out_->list_valid.reserve(rows);
      out_->list_offsets.reserve(rows + 1);
    } else {
      // Values are not reserved: a row count is only a claim until the pages confirm it.
      out_->slot_valid.reserve(rows);
    }
    return Status::OK();
  }

  ValueArrays& Values() {
    arrays_ = {&out_->bytes, &out_->ints, &out_->doubles};
    return arrays_;
  }

  void Resize(ValueArrays* a, size_t n) {
    switch (kind_) {
      case ValueKind::kBytes: a->bytes->resize(n); break;
      case ValueKind::kInts: a->ints->resize(n); break;
      case ValueKind::kDoubles: a->doubles->resize(n); break;
    }
  }

  Status ReadPage(const uint8_t* data, size_t size, size_t* pos) {
    PageHeader h;
    size_t header_size;
    AUTOMEND_RETURN_IF_ERROR(DecodePageHeader(data + *pos, size - *pos, &h, &header_size));
    *pos += header_size;
    if (h.compressed_page_size < 0 || static_cast<size_t>(h.compressed_page_size) > size - *pos) {
      return Status::Corruption(PageTypeName(h.type) + " claims " +
                                std::to_string(h.compressed_page_size) + " bytes but " +
                                std::to_string(size - *pos) + " remain in the column chunk");
    }
    if (h.uncompressed_page_size < 0 ||
        static_cast<uint64_t>(h.uncompressed_page_size) > options_.max_page_bytes) {
      return Status::Corruption(PageTypeName(h.type) + " claims " +
                                std::to_string(h.uncompressed_page_size) +
                                " decompressed bytes (limit " +
                                std::to_string(options_.max_page_bytes) + ")");
    }
    decompressed_total_ += static_cast<uint64_t>(h.uncompressed_page_size);
    if (decompressed_total_ > options_.max_decompressed_chunk_bytes) {
      return Status::Corruption("column chunk pages decompress to more than the limit of " +
                                std::to_string(options_.max_decompressed_chunk_bytes) + " bytes");
    }
    const uint8_t* body = data + *pos;
    *pos += static_cast<size_t>(h.compressed_page_size);
    switch (h.type) {
      case kDictionaryPage: return ReadDictionaryPage(h, body);
      case kDataPage: return ReadDataPageV1(h, body);
      case kDataPageV2: return ReadDataPageV2(h, body);
      default: return Status::OK();  // index pages and page types from the future
    }
  }

  // Makes `size` decompressed bytes available at `*data`: a view of the chunk when they are
  // stored uncompressed, else a new buffer left in `*buffer`.
  Status PageBytes(const uint8_t* src, size_t src_size, size_t size, bool compressed,
                   const uint8_t** data, std::unique_ptr<uint8_t[]>* buffer) {
    if (!compressed || meta_.codec == kUncompressed) {
      if (src_size != size) {
        return Status::Corruption("uncompressed page section of " + std::to_string(src_size) +
                                  " bytes, the header says " + std::to_string(size));
      }
      *data = src;
      return Status::OK();
    }
    *buffer = std::make_unique_for_overwrite<uint8_t[]>(size);
    AUTOMEND_RETURN_IF_ERROR(Decompress(meta_.codec, src, src_size, buffer->get(), size));
    *data = buffer->get();
    return Status::OK();
  }

  // Keeps the memory that byte-array views now point into alive as long as the batch.
  void Retain(std::unique_ptr<uint8_t[]> buffer) {
    if (buffer) {
      out_->buffers_.push_back(std::move(buffer));
    } else {
      chunk_referenced_ = true;
    }
  }

  Status DecodePlain(const uint8_t* data, size_t size, size_t n, ValueArrays* a, size_t first) {
    size_t used;
    switch (leaf_.physical_type) {
      case kBoolean: return DecodePlainBooleans(data, size, n, a->ints->data() + first, &used);
      case kInt32: return DecodePlainInt32(data, size, n, a->ints->data() + first, &used);
      case kInt64: return DecodePlainInt64(data, size, n, a->ints->data() + first, &used);
      case kFloat: return DecodePlainFloat(data, size, n, a->doubles->data() + first, &used);
      case kDouble: return DecodePlainDouble(data, size, n, a->doubles->data() + first, &used);
      case kByteArray:
        return DecodePlainByteArrays(data, size, n, a->bytes->data() + first, &used);
      case kFixedLenByteArray:
        return DecodePlainFixedLenByteArrays(data, size, n,
                                             static_cast<size_t>(leaf_.type_length),
                                             a->bytes->data() + first, &used);
    }
    return Status::NotSupported("physical type " + PhysicalTypeName(leaf_.physical_type));
  }

  // A PLAIN value takes at least this many bits, which bounds how many values a page of a
  // given size can hold before anything is allocated for them.
  uint64_t MinBitsPerValue() const {
    switch (leaf_.physical_type) {
      case kBoolean: return 1;
      case kFixedLenByteArray: return 8 * static_cast<uint64_t>(leaf_.type_length);
      case kInt64:
      case kDouble: return 64;
      default: return 32;  // INT32, FLOAT, and BYTE_ARRAY's length prefix
    }
  }

  Status ReadDictionaryPage(const PageHeader& h, const uint8_t* body) {
    if (!h.dictionary_page_header) {
      return Status::Corruption("dictionary page without a dictionary_page_header");
    }
    if (has_dictionary_) return Status::Corruption("second dictionary page in one column chunk");
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    if (d.encoding != kPlain && d.encoding != kPlainDictionary) {
      return Status::NotSupported("dictionary page encoding " + EncodingName(d.encoding));
    }
    size_t size = static_cast<size_t>(h.uncompressed_page_size);
    if (d.num_values < 0 ||
        static_cast<uint64_t>(d.num_values) > uint64_t{8} * size / MinBitsPerValue()) {
      return Status::Corruption("dictionary page claims " + std::to_string(d.num_values) +
                                " values in " + std::to_string(size) + " bytes");
    }
    const uint8_t* data;
    std::unique_ptr<uint8_t[]> buffer;
    AUTOMEND_RETURN_IF_ERROR(PageBytes(body, static_cast<size_t>(h.compressed_page_size), size,
                                       true, &data, &buffer));
    size_t n = static_cast<size_t>(d.num_values);
    ValueArrays dict = {&dict_bytes_, &dict_ints_, &dict_doubles_};
    Resize(&dict, n);
    AUTOMEND_RETURN_IF_ERROR(DecodePlain(data, size, n, &dict, 0));
    if (kind_ == ValueKind::kBytes) Retain(std::move(buffer));
    dictionary_size_ = n;
    has_dictionary_ = true;
    return Status::OK();
  }

  Status CheckPageValueCount(int32_t num_values) const {
    if (num_values < 0 || num_values > meta_.num_values - values_seen_) {
      return Status::Corruption("data page claims " + std::to_string(num_values) +
                                " values; the column chunk has " +
                                std::to_string(meta_.num_values - values_seen_) + " left");
    }
    return Status::OK();
  }

  Status DecodeLevels(const uint8_t* data, size_t size, int max_level, size_t n,
                      std::vector<uint32_t>* out, const char* what) {
    out->resize(n);
    RleBitPackedDecoder decoder(data, size, BitWidthFor(static_cast<uint32_t>(max_level)));
    Status s = decoder.Decode(out->data(), n);
    if (!s.ok()) return s.WithContext(what);
    return Status::OK();
  }

  // Data page v1 levels: a 4-byte length, then the RLE/bit-packed hybrid.
  Status ReadV1Levels(const uint8_t** p, size_t* left, int32_t encoding, int max_level,
                      size_t n, std::vector<uint32_t>* out, const char* what) {
    if (max_level == 0) return Status::OK();
    if (encoding != kRle) {
      return Status::NotSupported(std::string(what) + " encoded " + EncodingName(encoding) +
                                  " (only RLE is supported)");
    }
    if (*left < 4) return Status::Corruption(std::string(what) + ": page ends before their length");
    uint32_t length = LoadLe32(*p);
    if (length > *left - 4) {
      return Status::Corruption(std::string(what) + " claim " + std::to_string(length) +
                                " bytes; the page has " + std::to_string(*left - 4) + " left");
    }
    AUTOMEND_RETURN_IF_ERROR(DecodeLevels(*p + 4, length, max_level, n, out, what));
    *p += 4 + length;
    *left -= 4 + length;
    return Status::OK();
  }

  Status ReadDataPageV1(const PageHeader& h, const uint8_t* body) {
    if (!h.data_page_header) return Status::Corruption("data page without a data_page_header");
    const DataPageHeader& d = *h.data_page_header;
    AUTOMEND_RETURN_IF_ERROR(CheckPageValueCount(d.num_values));
    size_t size = static_cast<size_t>(h.uncompressed_page_size);
    const uint8_t* data;
    std::unique_ptr<uint8_t[]> buffer;
    AUTOMEND_RETURN_IF_ERROR(PageBytes(body, static_cast<size_t>(h.compressed_page_size), size,
                                       true, &data, &buffer));
    size_t n = static_cast<size_t>(d.num_values);
    AUTOMEND_RETURN_IF_ERROR(ReadV1Levels(&data, &size, d.repetition_level_encoding,
                                          leaf_.max_rep_level, n, &rep_, "repetition levels"));
    AUTOMEND_RETURN_IF_ERROR(ReadV1Levels(&data, &size, d.definition_level_encoding,
                                          leaf_.max_def_level, n, &def_, "definition levels"));
    return AddValues(n, d.encoding, data, size, std::move(buffer));
  }

  Status ReadDataPageV2(const PageHeader& h, const uint8_t* body) {
    if (!h.data_page_header_v2) {
      return Status::Corruption("data page v2 without a data_page_header_v2");
    }
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    AUTOMEND_RETURN_IF_ERROR(CheckPageValueCount(d.num_values));
    int64_t rep_len = d.repetition_levels_byte_length;
    int64_t def_len = d.definition_levels_byte_length;
    if (rep_len < 0 || def_len < 0 || rep_len + def_len > h.compressed_page_size ||
        rep_len + def_len > h.uncompressed_page_size) {
      return Status::Corruption("data page v2 level lengths " + std::to_string(rep_len) + " + " +
                                std::to_string(def_len) + " do not fit in the page");
    }
    size_t n = static_cast<size_t>(d.num_values);
    // Levels come first and are never compressed.
    if (leaf_.max_rep_level > 0) {
      AUTOMEND_RETURN_IF_ERROR(DecodeLevels(body, static_cast<size_t>(rep_len), leaf_.max_rep_level,
                                            n, &rep_, "repetition levels"));
    }
    if (leaf_.max_def_level > 0) {
      AUTOMEND_RETURN_IF_ERROR(DecodeLevels(body + rep_len, static_cast<size_t>(def_len),
                                            leaf_.max_def_level, n, &def_, "definition levels"));
    }
    size_t levels = static_cast<size_t>(rep_len + def_len);
    size_t size = static_cast<size_t>(h.uncompressed_page_size) - levels;
    const uint8_t* data;
    std::unique_ptr<uint8_t[]> buffer;
    AUTOMEND_RETURN_IF_ERROR(PageBytes(body + levels,
                                       static_cast<size_t>(h.compressed_page_size) - levels, size,
                                       d.is_compressed, &data, &buffer));
    return AddValues(n, d.encoding, data, size, std::move(buffer));
  }

  // Turns the page's levels into slots (and list rows), then decodes its non-null values
  // into the slots that hold a value.
  Status AddValues(size_t n, int32_t encoding, const uint8_t* data, size_t size,
                   std::unique_ptr<uint8_t[]> buffer) {
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
          uint32_t d = def_[i];
          if (d > max_def) return LevelError("definition", d, max_def);
          valid[i] = d == max_def;
          present += valid[i];
        }
      }
    } else {
      const uint32_t list_def = static_cast<uint32_t>(field_.list_def);
      const uint32_t element_def = static_cast<uint32_t>(field_.element_def);
      for (size_t i = 0; i < n; ++i) {
        uint32_t d = def_[i];
        uint32_t r = rep_[i];
        if (d > max_def) return LevelError("definition", d, max_def);
        if (r > 1) return LevelError("repetition", r, 1);
        if (r == 0) {
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
    ValueArrays& a = Values();
    Resize(&a, first + slots);
    if (present > 0) {
      AUTOMEND_RETURN_IF_ERROR(DecodeDense(encoding, data, size, present, first, std::move(buffer)));
    }
    if (present < slots) Spread(first, slots, present);
    return Status::OK();
  }

  Status LevelError(const char* what, uint32_t level, uint32_t max) const {
    return Status::Corruption(std::string(what) + " level " + std::to_string(level) +
                              " exceeds the column's maximum " + std::to_string(max));
  }

  // Moves `present` dense values at [first, first + present) to the valid slots among
  // [first, first + slots), back to front so nothing is overwritten before it moves.
  void Spread(size_t first, size_t slots, size_t present) {
    const uint8_t* valid = out_->slot_valid.data() + first;
    auto spread = [&](auto* values) {
      using T = std::remove_reference_t<decltype(*values)>;
      size_t src = present;
      for (size_t dst = slots; dst-- > 0;) {
        if (valid[dst]) {
          values[dst] = values[--src];
        } else {
          values[dst] = T{};
        }
      }
    };
    switch (kind_) {
      case ValueKind::kBytes: spread(out_->bytes.data() + first); break;
      case ValueKind::kInts: spread(out_->ints.data() + first); break;
      case ValueKind::kDoubles: spread(out_->doubles.data() + first); break;
    }
  }

  Status DecodeDense(int32_t encoding, const uint8_t* data, size_t size, size_t n, size_t first,
                     std::unique_ptr<uint8_t[]> buffer) {
    ValueArrays& a = Values();
    switch (encoding) {
      case kPlain:
        AUTOMEND_RETURN_IF_ERROR(DecodePlain(data, size, n, &a, first));
        if (kind_ == ValueKind::kBytes) Retain(std::move(buffer));
        return Status::OK();
      case kPlainDictionary:
      case kRleDictionary: return DecodeDictionaryIndices(data, size, n, first);
      case kRle:
        if (leaf_.physical_type == kBoolean) return DecodeRleBooleans(data, size, n, first);
        break;
      default: break;
    }
    return Status::NotSupported("encoding " + EncodingName(encoding) + " for " +
                                PhysicalTypeName(leaf_.physical_type) +
                                " values (supported: PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY, "
                                "RLE for BOOLEAN)");
  }

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
      case ValueKind::kBytes: gather(out_->bytes.data() + first, dict_bytes_); break;
      case ValueKind::kInts: gather(out_->ints.data() + first, dict_ints_); break;
      case ValueKind::kDoubles: gather(out_->doubles.data() + first, dict_doubles_); break;
    }
    return Status::OK();
  }

  // RLE-encoded booleans: a 4-byte length, then the hybrid with bit width 1.
  Status DecodeRleBooleans(const uint8_t* data, size_t size, size_t n, size_t first) {
    if (size < 4) return Status::Corruption("RLE booleans: page ends before their length");
    uint32_t length = LoadLe32(data);
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
  ValueArrays arrays_{};

  int64_t values_seen_ = 0;
  int64_t rows_seen_ = 0;
  uint64_t decompressed_total_ = 0;
  bool chunk_referenced_ = false;

  bool has_dictionary_ = false;
  size_t dictionary_size_ = 0;
  std::vector<std::string_view> dict_bytes_;
  std::vector<int64_t> dict_ints_;
  std::vector<double> dict_doubles_;

  // Per-page scratch, reused.
  std::vector<uint32_t> def_;
  std::vector<uint32_t> rep_;
  std::vector<uint32_t> indices_;
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
