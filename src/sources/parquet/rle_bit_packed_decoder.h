// RleBitPackedDecoder: decodes parquet's RLE / bit-packed hybrid encoding, used for
// definition and repetition levels, dictionary indices and RLE booleans.
//
// The data is a sequence of runs, each introduced by a ULEB128 varint header h:
//  - h & 1 == 0: an RLE run of h >> 1 copies of one value stored in ceil(bit_width / 8)
//    little-endian bytes;
//  - h & 1 == 1: a bit-packed run of (h >> 1) groups of 8 values, each value bit_width bits,
//    packed from the least significant bit of each byte upwards.
// The last bit-packed run may be cut short by the end of the data as long as the values
// actually requested are present (writers pad the final group; a few also trim it).
//
// Bit widths 0..32 are supported. Not thread-safe; one decoder per level/index stream.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace automend::parquet {

// Bits needed to store values 0..max_value (0 for 0).
int BitWidthFor(uint32_t max_value);

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width)
      : data_(data), size_(size), bit_width_(bit_width) {}

  // Decodes the next `n` values into `out`; a Corruption status if the data ends before
  // `n` values or the bit width is outside 0..32.
  Status Decode(uint32_t* out, size_t n);

  // Bytes consumed so far (whole runs headers and values read up to now).
  size_t position() const { return pos_; }

 private:
  Status NextRun();
  uint32_t UnpackAt(uint64_t index) const;

  const uint8_t* data_;
  size_t size_;
  int bit_width_;
  size_t pos_ = 0;

  bool rle_ = false;
  uint64_t run_left_ = 0;  // values left in the current run
  uint32_t rle_value_ = 0;
  size_t packed_begin_ = 0;        // byte offset of the current bit-packed run's values
  size_t packed_end_ = 0;          // end of its bytes (clamped to the data)
  uint64_t packed_next_ = 0;       // index of the next value in the run
  uint64_t packed_available_ = 0;  // values whose bits are all inside the data
};

}  // namespace automend::parquet
