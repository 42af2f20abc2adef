#include "sources/parquet/page_reader.h"

#include <cstring>
#include <string>

#include "sources/parquet/codec.h"
#include "sources/parquet/metadata_decoder.h"
#include "sources/parquet/rle_bit_packed_decoder.h"

namespace automend::parquet {

Status PageReader::Next(int64_t values_left, Page* page, bool* done) {
  while (pos_ < size_) {
    size_t start = pos_;
    *page = Page();
    page->offset = start;
    bool skipped = false;
    Status s = ReadPage(values_left, page, &skipped);
    if (!s.ok()) return s.WithContext("page at byte " + std::to_string(start) + " of the chunk");
    if (!skipped) {
      *done = false;
      return Status::OK();
    }
  }
  *done = true;
  return Status::OK();
}

Status PageReader::ReadPage(int64_t values_left, Page* page, bool* skipped) {
  PageHeader h;
  size_t header_size;
  AUTOMEND_RETURN_IF_ERROR(DecodePageHeader(chunk_ + pos_, size_ - pos_, &h, &header_size));
  pos_ += header_size;
  if (h.compressed_page_size < 0 || static_cast<size_t>(h.compressed_page_size) > size_ - pos_) {
    return Status::Corruption(PageTypeName(h.type) + " claims " +
                              std::to_string(h.compressed_page_size) + " bytes but " +
                              std::to_string(size_ - pos_) + " remain in the column chunk");
  }
  const uint8_t* body = chunk_ + pos_;
  pos_ += static_cast<size_t>(h.compressed_page_size);
  if (h.type != kDictionaryPage && h.type != kDataPage && h.type != kDataPageV2) {
    *skipped = true;  // index pages, and page types from the future
    return Status::OK();
  }
  if (h.uncompressed_page_size < 0 ||
      static_cast<uint64_t>(h.uncompressed_page_size) > options_.max_page_bytes) {
    return Status::Corruption(
        PageTypeName(h.type) + " claims " + std::to_string(h.uncompressed_page_size) +
        " decompressed bytes (limit " + std::to_string(options_.max_page_bytes) + ")");
  }
  decompressed_total_ += static_cast<uint64_t>(h.uncompressed_page_size);
  if (decompressed_total_ > options_.max_decompressed_chunk_bytes) {
    return Status::Corruption("column chunk pages decompress to more than the limit of " +
                              std::to_string(options_.max_decompressed_chunk_bytes) + " bytes");
  }
  page->type = h.type;
  if (h.type == kDictionaryPage) {
    if (!h.dictionary_page_header) {
      return Status::Corruption("dictionary page without a dictionary_page_header");
    }
    page->num_values = h.dictionary_page_header->num_values;
    page->encoding = h.dictionary_page_header->encoding;
    return Section(body, static_cast<size_t>(h.compressed_page_size),
                   static_cast<size_t>(h.uncompressed_page_size), true, page);
  }
  // The count comes from the sub-header of the page's own type: a header may carry both
  // (found by the fuzzer), and levels are decoded with the count of the matching one.
  if (h.type == kDataPage && !h.data_page_header) {
    return Status::Corruption("data page without a data_page_header");
  }
  if (h.type == kDataPageV2 && !h.data_page_header_v2) {
    return Status::Corruption("data page v2 without a data_page_header_v2");
  }
  int32_t num_values =
      h.type == kDataPage ? h.data_page_header->num_values : h.data_page_header_v2->num_values;
  if (num_values < 0 || num_values > values_left) {
    return Status::Corruption("data page claims " + std::to_string(num_values) +
                              " values; the column chunk has " + std::to_string(values_left) +
                              " left");
  }
  page->num_values = num_values;
  return h.type == kDataPage ? ReadV1(h, body, page) : ReadV2(h, body, page);
}

// Makes `size` decompressed bytes of a page section available as the page's values: a
// view of the chunk when stored uncompressed, else a new buffer.
Status PageReader::Section(const uint8_t* src, size_t src_size, size_t size, bool compressed,
                           Page* page) {
  if (!compressed || codec_ == kUncompressed) {
    if (src_size != size) {
      return Status::Corruption("uncompressed page section of " + std::to_string(src_size) +
                                " bytes, the header says " + std::to_string(size));
    }
    page->values = src;
  } else {
    page->buffer = std::make_unique_for_overwrite<uint8_t[]>(size);
    AUTOMEND_RETURN_IF_ERROR(Decompress(codec_, src, src_size, page->buffer.get(), size));
    page->values = page->buffer.get();
  }
  page->values_size = size;
  return Status::OK();
}

Status PageReader::DecodeLevels(const uint8_t* data, size_t size, int max_level, size_t n,
                                std::vector<uint32_t>* out, const char* what) {
  out->resize(n);
  RleBitPackedDecoder decoder(data, size, BitWidthFor(static_cast<uint32_t>(max_level)));
  Status s = decoder.Decode(out->data(), n);
  if (!s.ok()) return s.WithContext(what);
  return Status::OK();
}

Status PageReader::ReadV1Levels(const uint8_t** p, size_t* left, int32_t encoding, int max_level,
                                size_t n, std::vector<uint32_t>* out, const char* what) {
  out->clear();
  if (max_level == 0) return Status::OK();
  if (encoding != kRle) {
    return Status::NotSupported(std::string(what) + " encoded " + EncodingName(encoding) +
                                " (only RLE is supported)");
  }
  if (*left < 4) return Status::Corruption(std::string(what) + ": page ends before their length");
  uint32_t length;
  std::memcpy(&length, *p, 4);
  if (length > *left - 4) {
    return Status::Corruption(std::string(what) + " claim " + std::to_string(length) +
                              " bytes; the page has " + std::to_string(*left - 4) + " left");
  }
  AUTOMEND_RETURN_IF_ERROR(DecodeLevels(*p + 4, length, max_level, n, out, what));
  *p += 4 + length;
  *left -= 4 + length;
  return Status::OK();
}

Status PageReader::ReadV1(const PageHeader& h, const uint8_t* body, Page* page) {
  const DataPageHeader& d = *h.data_page_header;
  // The whole page is compressed: levels and values together.
  AUTOMEND_RETURN_IF_ERROR(Section(body, static_cast<size_t>(h.compressed_page_size),
                                   static_cast<size_t>(h.uncompressed_page_size), true, page));
  size_t n = static_cast<size_t>(d.num_values);
  AUTOMEND_RETURN_IF_ERROR(ReadV1Levels(&page->values, &page->values_size,
                                        d.repetition_level_encoding, leaf_.max_rep_level, n, &rep_,
                                        "repetition levels"));
  AUTOMEND_RETURN_IF_ERROR(ReadV1Levels(&page->values, &page->values_size,
                                        d.definition_level_encoding, leaf_.max_def_level, n, &def_,
                                        "definition levels"));
  page->encoding = d.encoding;
  return Status::OK();
}

Status PageReader::ReadV2(const PageHeader& h, const uint8_t* body, Page* page) {
  const DataPageHeaderV2& d = *h.data_page_header_v2;
  int64_t rep_len = d.repetition_levels_byte_length;
  int64_t def_len = d.definition_levels_byte_length;
  if (rep_len < 0 || def_len < 0 || rep_len + def_len > h.compressed_page_size ||
      rep_len + def_len > h.uncompressed_page_size) {
    return Status::Corruption("data page v2 level lengths " + std::to_string(rep_len) + " + " +
                              std::to_string(def_len) + " do not fit in the page");
  }
  size_t n = static_cast<size_t>(d.num_values);
  rep_.clear();
  def_.clear();
  if (leaf_.max_rep_level > 0) {
    AUTOMEND_RETURN_IF_ERROR(DecodeLevels(body, static_cast<size_t>(rep_len), leaf_.max_rep_level,
                                          n, &rep_, "repetition levels"));
  }
  if (leaf_.max_def_level > 0) {
    AUTOMEND_RETURN_IF_ERROR(DecodeLevels(body + rep_len, static_cast<size_t>(def_len),
                                          leaf_.max_def_level, n, &def_, "definition levels"));
  }
  size_t levels = static_cast<size_t>(rep_len + def_len);
  page->encoding = d.encoding;
  return Section(body + levels, static_cast<size_t>(h.compressed_page_size) - levels,
                 static_cast<size_t>(h.uncompressed_page_size) - levels, d.is_compressed, page);
}

}  // namespace automend::parquet
