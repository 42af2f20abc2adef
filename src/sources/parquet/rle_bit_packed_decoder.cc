#include "sources/parquet/rle_bit_packed_decoder.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

namespace automend::parquet {

static_assert(std::endian::native == std::endian::little,
              "the bit unpacking loads little-endian words with memcpy");

int BitWidthFor(uint32_t max_value) {
  int width = 0;
  while (max_value != 0) {
    ++width;
    max_value >>= 1;
  }
  return width;
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= size_) {
      return Status::Corruption("RLE/bit-packed data ends inside a run header at byte " +
                                std::to_string(pos_));
    }
    if (shift > 35) return Status::Corruption("RLE/bit-packed run header is too long");
    uint8_t byte = data_[pos_++];
    header |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if ((header & 1) == 0) {
    rle_ = true;
    run_left_ = header >> 1;
    size_t value_bytes = static_cast<size_t>((bit_width_ + 7) / 8);
    if (value_bytes > size_ - pos_) {
      return Status::Corruption("RLE/bit-packed data ends inside an RLE value at byte " +
                                std::to_string(pos_));
    }
    uint32_t value = 0;
    for (size_t i = 0; i < value_bytes; ++i)
      value |= static_cast<uint32_t>(data_[pos_ + i]) << (8 * i);
    pos_ += value_bytes;
    rle_value_ = value;
    return Status::OK();
  }
  rle_ = false;
  uint64_t groups = header >> 1;
  run_left_ = groups * 8;
  uint64_t run_bytes = groups * static_cast<uint64_t>(bit_width_);
  packed_begin_ = pos_;
  size_t left = size_ - pos_;
  packed_end_ = run_bytes <= left ? pos_ + static_cast<size_t>(run_bytes) : size_;
  packed_next_ = 0;
  packed_available_ =
      bit_width_ == 0 ? run_left_
                      : std::min<uint64_t>(run_left_, static_cast<uint64_t>(packed_end_ - pos_) *
                                                          8 / static_cast<uint64_t>(bit_width_));
  pos_ = packed_end_;
  return Status::OK();
}

uint32_t RleBitPackedDecoder::UnpackAt(uint64_t index) const {
  uint64_t bit = index * static_cast<uint64_t>(bit_width_);
  size_t byte = packed_begin_ + static_cast<size_t>(bit >> 3);
  unsigned shift = static_cast<unsigned>(bit & 7);
  uint64_t word = 0;
  if (byte + 8 <= size_) {
    std::memcpy(&word, data_ + byte, 8);
  } else {
    for (size_t i = 0; byte + i < packed_end_ && i < 8; ++i) {
      word |= static_cast<uint64_t>(data_[byte + i]) << (8 * i);
    }
  }
  uint64_t mask = (uint64_t{1} << bit_width_) - 1;
  return static_cast<uint32_t>((word >> shift) & mask);
}

Status RleBitPackedDecoder::Decode(uint32_t* out, size_t n) {
  if (bit_width_ < 0 || bit_width_ > 32) {
    return Status::Corruption("RLE/bit-packed bit width " + std::to_string(bit_width_) +
                              " is outside 0..32");
  }
  while (n > 0) {
    if (run_left_ == 0) {
      AUTOMEND_RETURN_IF_ERROR(NextRun());
      continue;
    }
    size_t take = static_cast<size_t>(std::min<uint64_t>(run_left_, n));
    if (rle_) {
      std::fill(out, out + take, rle_value_);
    } else {
      if (packed_next_ + take > packed_available_) {
        return Status::Corruption("RLE/bit-packed data ends inside a bit-packed run at byte " +
                                  std::to_string(packed_end_));
      }
      if (bit_width_ == 0) {
        std::fill(out, out + take, 0u);
      } else {
        for (size_t i = 0; i < take; ++i) out[i] = UnpackAt(packed_next_ + i);
      }
      packed_next_ += take;
    }
    out += take;
    n -= take;
    run_left_ -= take;
  }
  return Status::OK();
}

}  // namespace automend::parquet
