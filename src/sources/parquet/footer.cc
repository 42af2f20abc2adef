#include "sources/parquet/footer.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "sources/parquet/metadata_decoder.h"

namespace automend::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";
constexpr std::string_view kEncryptedMagic = "PARE";
constexpr uint64_t kMagicSize = 4;
constexpr uint64_t kTrailerSize = 8;  // footer length + magic

Status FooterError(const RandomAccessFile& file, const std::string& what) {
  return Status::Corruption(file.Name() + " is not a valid parquet file: " + what);
}

}  // namespace

Status ReadFooter(const RandomAccessFile& file, const ParquetReaderOptions& options,
                  FileMetaData* metadata, uint64_t* footer_start) {
  const uint64_t size = file.Size();
  if (size < kMagicSize + kTrailerSize) {
    return FooterError(file, "only " + std::to_string(size) + " bytes long");
  }
  const uint64_t tail_size =
      std::min<uint64_t>(size, std::max(options.footer_tail_bytes, kTrailerSize));
  std::string tail;
  AUTOMEND_RETURN_IF_ERROR(file.ReadAt(size - tail_size, static_cast<size_t>(tail_size), &tail));
  std::string_view magic = std::string_view(tail).substr(tail.size() - kMagicSize);
  if (magic == kEncryptedMagic) {
    return Status::NotSupported(file.Name() + ": encrypted parquet footers (magic PARE)");
  }
  if (magic != kMagic) return FooterError(file, "it does not end with the magic bytes PAR1");
  if (tail_size == size && std::string_view(tail).substr(0, kMagicSize) != kMagic) {
    return FooterError(file, "it does not start with the magic bytes PAR1");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail.data() + tail.size() - kTrailerSize, 4);
  if (footer_length > size - kMagicSize - kTrailerSize) {
    return FooterError(file, "footer length " + std::to_string(footer_length) +
                                 " is larger than the file allows (" + std::to_string(size) +
                                 " bytes)");
  }
  if (footer_length > options.max_footer_bytes) {
    return FooterError(file, "footer of " + std::to_string(footer_length) +
                                 " bytes exceeds the limit of " +
                                 std::to_string(options.max_footer_bytes));
  }
  *footer_start = size - kTrailerSize - footer_length;
  std::string_view footer;
  std::string separate;
  if (footer_length + kTrailerSize <= tail_size) {
    footer = std::string_view(tail).substr(
        static_cast<size_t>(tail_size - kTrailerSize - footer_length), footer_length);
  } else {
    AUTOMEND_RETURN_IF_ERROR(file.ReadAt(*footer_start, footer_length, &separate));
    footer = separate;
  }
  Status s = DecodeFileMetaData(footer, metadata);
  if (!s.ok()) return s.WithContext(file.Name() + ": footer");
  return Status::OK();
}

}  // namespace automend::parquet
