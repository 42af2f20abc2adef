#include "sources/parquet/codec.h"

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <climits>
#include <cstring>
#include <memory>
#include <string>

#include "sources/parquet/parquet_format.h"

namespace automend::parquet {
namespace {

Status SizeMismatch(const char* codec, size_t expected, const std::string& got) {
  return Status::Corruption(std::string(codec) + " data decompresses to " + got +
                            " bytes, the page header says " + std::to_string(expected));
}

Status DecompressSnappy(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  const char* in = reinterpret_cast<const char*>(src);
  size_t length = 0;
  if (!snappy::GetUncompressedLength(in, src_size, &length)) {
    return Status::Corruption("SNAPPY data has a bad length header");
  }
  if (length != dst_size) return SizeMismatch("SNAPPY", dst_size, std::to_string(length));
  // RawUncompress checks every copy against the input and output bounds.
  if (!snappy::RawUncompress(in, src_size, reinterpret_cast<char*>(dst))) {
    return Status::Corruption("SNAPPY data is corrupt");
  }
  return Status::OK();
}

Status DecompressGzip(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  if (src_size > UINT_MAX || dst_size > UINT_MAX) {
    return Status::NotSupported("GZIP page larger than 4 GiB");
  }
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  // 15 + 32: the largest window and automatic detection of a gzip or zlib header.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) {
    return Status::IOError("zlib: cannot initialise inflate");
  }
  stream.next_in = const_cast<Bytef*>(src);
  stream.avail_in = static_cast<uInt>(src_size);
  stream.next_out = dst;
  stream.avail_out = static_cast<uInt>(dst_size);
  Status status;
  while (true) {
    int rc = inflate(&stream, Z_FINISH);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are one stream to a gzip reader: go on if input is left.
      if (stream.avail_in > 0 && stream.avail_out > 0) {
        if (inflateReset(&stream) != Z_OK) {
          status = Status::Corruption("GZIP data: cannot restart after a member");
          break;
        }
        continue;
      }
      if (stream.avail_out != 0) {
        status = SizeMismatch("GZIP", dst_size, std::to_string(dst_size - stream.avail_out));
      }
      break;
    }
    if (rc == Z_BUF_ERROR && stream.avail_out == 0) {
      status = SizeMismatch("GZIP", dst_size, "more than " + std::to_string(dst_size));
      break;
    }
    if (rc != Z_OK) {
      status = Status::Corruption(std::string("GZIP data is corrupt: ") +
                                  (stream.msg != nullptr ? stream.msg : "inflate failed"));
      break;
    }
    if (stream.avail_in == 0) {
      status = Status::Corruption("GZIP data ends before the end of its stream");
      break;
    }
  }
  inflateEnd(&stream);
  return status;
}

struct ZstdContextDeleter {
  void operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }
};

Status DecompressZstd(const uint8_t* src, size_t src_size, uint8_t* dst, size_t dst_size) {
  // One context per thread: creating one per page costs more than small pages do.
  thread_local std::unique_ptr<ZSTD_DCtx, ZstdContextDeleter> ctx(ZSTD_createDCtx());
  if (!ctx) return Status::IOError("zstd: cannot create a decompression context");
  size_t rc = ZSTD_decompressDCtx(ctx.get(), dst, dst_size, src, src_size);
  if (ZSTD_isError(rc)) {
    return Status::Corruption(std::string("ZSTD data is corrupt: ") + ZSTD_getErrorName(rc));
  }
  if (rc != dst_size) return SizeMismatch("ZSTD", dst_size, std::to_string(rc));
  return Status::OK();
}

}  // namespace

bool IsSupportedCodec(int32_t codec) {
  return codec == kUncompressed || codec == kSnappy || codec == kGzip || codec == kZstd;
}

Status Decompress(int32_t codec, const uint8_t* src, size_t src_size, uint8_t* dst,
                  size_t dst_size) {
  switch (codec) {
    case kUncompressed:
      if (src_size != dst_size) {
        return SizeMismatch("UNCOMPRESSED", dst_size, std::to_string(src_size));
      }
      if (dst_size > 0) std::memcpy(dst, src, dst_size);
      return Status::OK();
    case kSnappy:
      return DecompressSnappy(src, src_size, dst, dst_size);
    case kGzip:
      return DecompressGzip(src, src_size, dst, dst_size);
    case kZstd:
      return DecompressZstd(src, src_size, dst, dst_size);
    default:
      return Status::NotSupported("compression codec " + CodecName(codec) +
                                  " (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD)");
  }
}

}  // namespace automend::parquet
