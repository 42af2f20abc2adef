// Decoding of parquet's Thrift structures (FileMetaData and PageHeader) from compact-protocol
// bytes into the structs of parquet_format.h. Unknown fields are skipped, required fields
// are checked, and every error is a Corruption status saying which structure and field was
// bad. Stateless and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "sources/parquet/parquet_format.h"

namespace automend::parquet {

// Decodes a whole serialized FileMetaData (the footer without its length and magic).
Status DecodeFileMetaData(std::string_view bytes, FileMetaData* out);

// Decodes the PageHeader at the start of `data`; `*header_size` receives the number of
// bytes it took (the page body follows it).
Status DecodePageHeader(const uint8_t* data, size_t size, PageHeader* out, size_t* header_size);

}  // namespace automend::parquet
