// parquet_dump: prints columns of a parquet file as JSON lines with the project's own
// reader, so tests can compare every value with pyarrow's.
//
//   parquet_dump [--columns a,b] [--row-groups 0,2] FILE   one JSON object per row
//   parquet_dump --info FILE                                the file's metadata as JSON
//   parquet_dump --pages [--columns a,b] FILE               one line per column chunk: its
//                                                           pages' types and encodings
//
// Values: null -> null; integers and booleans as JSON numbers / true / false; floats in
// the shortest form that reads back to the same double (NaN, Infinity, -Infinity as
// Python's json writes them); lists as arrays. Strings and binary values are written so
// that they round-trip byte for byte: every valid UTF-8 sequence is copied as is (with
// JSON's escapes for `"`, `\` and control characters), and every byte that is not part
// of a valid UTF-8 sequence is written as a lone low surrogate \udcXX (XX = the byte), the
// convention of Python's "surrogateescape" error handler (PEP 383). So in Python,
// `json.loads(line)[col].encode("utf-8", "surrogateescape")` gives back the exact bytes,
// and a valid UTF-8 string compares equal to pyarrow's str directly.
//
// Exit status: 0, or the Status exit code (2 bad usage, 3 unreadable or corrupt file) with
// the error on stderr.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/random_access_file.h"
#include "core/status.h"
#include "sources/parquet/parquet_file_reader.h"

namespace automend::parquet {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if none does.
size_t Utf8SequenceLength(const unsigned char* s, size_t n, size_t i) {
  unsigned char c = s[i];
  auto cont = [&](size_t k, unsigned char lo, unsigned char hi) {
    return i + k < n && s[i + k] >= lo && s[i + k] <= hi;
  };
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1, 0x80, 0xbf) ? 2 : 0;
  if (c == 0xe0) return cont(1, 0xa0, 0xbf) && cont(2, 0x80, 0xbf) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) {
    return cont(1, 0x80, 0xbf) && cont(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (c == 0xed) return cont(1, 0x80, 0x9f) && cont(2, 0x80, 0xbf) ? 3 : 0;  // no surrogates
  if (c == 0xf0) return cont(1, 0x90, 0xbf) && cont(2, 0x80, 0xbf) && cont(3, 0x80, 0xbf) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) {
    return cont(1, 0x80, 0xbf) && cont(2, 0x80, 0xbf) && cont(3, 0x80, 0xbf) ? 4 : 0;
  }
  if (c == 0xf4) return cont(1, 0x80, 0x8f) && cont(2, 0x80, 0xbf) && cont(3, 0x80, 0xbf) ? 4 : 0;
  return 0;
}

void AppendJsonString(std::string_view v, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  const auto* s = reinterpret_cast<const unsigned char*>(v.data());
  out->push_back('"');
  size_t i = 0;
  while (i < v.size()) {
    unsigned char c = s[i];
    size_t len = Utf8SequenceLength(s, v.size(), i);
    if (len == 0) {
      out->append("\\udc");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
      ++i;
      continue;
    }
    if (len > 1) {
      out->append(v.data() + i, len);
      i += len;
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendDouble(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "Infinity" : "-Infinity");
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  std::string_view text(buf, static_cast<size_t>(end - buf));
  out->append(text);
  // Keep it a float for Python ("3" would read back as an int).
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

void AppendSlot(const ColumnBatch& c, size_t slot, std::string* out) {
  if (!c.slot_valid[slot]) {
    out->append("null");
    return;
  }
  switch (c.physical_type) {
    case kByteArray:
    case kFixedLenByteArray:
      AppendJsonString(c.bytes[slot], out);
      break;
    case kBoolean:
      out->append(c.ints[slot] ? "true" : "false");
      break;
    case kFloat:
    case kDouble:
      AppendDouble(c.doubles[slot], out);
      break;
    default:
      out->append(std::to_string(c.ints[slot]));
      break;
  }
}

void AppendInfo(const ParquetFileReader& r, std::string* out) {
  out->append("{\"file\": ");
  AppendJsonString(r.name(), out);
  out->append(", \"size\": " + std::to_string(r.file_size()));
  out->append(", \"num_rows\": " + std::to_string(r.num_rows()));
  out->append(", \"created_by\": ");
  AppendJsonString(r.created_by(), out);
  out->append(", \"row_groups\": [");
  std::vector<int64_t> sizes = r.row_group_sizes();
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i > 0) out->append(", ");
    out->append(std::to_string(sizes[i]));
  }
  out->append("], \"columns\": [");
  const auto& fields = r.schema().fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    if (i > 0) out->append(", ");
    out->append("{\"name\": ");
    AppendJsonString(f.name, out);
    std::string shape = f.shape == FieldShape::kPrimitive ? "primitive"
                        : f.shape == FieldShape::kList    ? "list"
                                                          : "unsupported: " + f.unsupported_reason;
    out->append(", \"shape\": ");
    AppendJsonString(shape, out);
    if (f.leaf >= 0) {
      out->append(", \"type\": ");
      AppendJsonString(
          PhysicalTypeName(r.schema().leaves()[static_cast<size_t>(f.leaf)].physical_type), out);
    }
    out->append("}");
  }
  out->append("]}\n");
}

Status AppendPages(const ParquetFileReader& r, int group, int field, std::string* out) {
  std::vector<PageSummary> pages;
  AUTOMEND_RETURN_IF_ERROR(r.DescribePages(group, field, &pages));
  out->append("{\"row_group\": " + std::to_string(group) + ", \"column\": ");
  AppendJsonString(r.schema().fields()[static_cast<size_t>(field)].name, out);
  out->append(", \"pages\": [");
  for (size_t i = 0; i < pages.size(); ++i) {
    const PageSummary& p = pages[i];
    if (i > 0) out->append(", ");
    out->append("{\"type\": ");
    AppendJsonString(PageTypeName(p.type), out);
    out->append(", \"encoding\": ");
    AppendJsonString(EncodingName(p.encoding), out);
    out->append(", \"num_values\": " + std::to_string(p.num_values) +
                ", \"compressed_size\": " + std::to_string(p.compressed_size) +
                ", \"uncompressed_size\": " + std::to_string(p.uncompressed_size) + "}");
  }
  out->append("]}\n");
  return Status::OK();
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

Status Dump(const std::string& path, const std::string& columns, const std::string& row_groups,
            bool info, bool pages) {
  std::unique_ptr<RandomAccessFile> file;
  AUTOMEND_RETURN_IF_ERROR(OpenLocalFile(path, &file));
  std::unique_ptr<ParquetFileReader> reader;
  AUTOMEND_RETURN_IF_ERROR(
      ParquetFileReader::Open(std::move(file), ParquetReaderOptions(), &reader));
  std::string out;
  if (info) {
    AppendInfo(*reader, &out);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return Status::OK();
  }
  std::vector<int> fields;
  if (columns.empty()) {
    for (size_t i = 0; i < reader->schema().fields().size(); ++i)
      fields.push_back(static_cast<int>(i));
  } else {
    AUTOMEND_RETURN_IF_ERROR(reader->FindFields(SplitCommas(columns), &fields));
  }
  std::vector<int> groups;
  if (row_groups.empty()) {
    for (int g = 0; g < reader->num_row_groups(); ++g) groups.push_back(g);
  } else {
    for (const std::string& g : SplitCommas(row_groups)) {
      int value = -1;
      auto [ptr, ec] = std::from_chars(g.data(), g.data() + g.size(), value);
      if (ec != std::errc() || ptr != g.data() + g.size()) {
        return Status::InvalidArgument("bad row group number '" + g + "'");
      }
      groups.push_back(value);
    }
  }
  if (pages) {
    for (int g : groups) {
      for (int f : fields) {
        out.clear();
        AUTOMEND_RETURN_IF_ERROR(AppendPages(*reader, g, f, &out));
        std::fwrite(out.data(), 1, out.size(), stdout);
      }
    }
    return Status::OK();
  }
  std::vector<ColumnBatch> batches;
  for (int g : groups) {
    AUTOMEND_RETURN_IF_ERROR(reader->ReadRowGroup(g, fields, &batches));
    int64_t rows = reader->row_group_num_rows(g);
    for (int64_t row = 0; row < rows; ++row) {
      out.clear();
      out.push_back('{');
      for (size_t i = 0; i < batches.size(); ++i) {
        const ColumnBatch& c = batches[i];
        if (i > 0) out.append(", ");
        AppendJsonString(c.name, &out);
        out.append(": ");
        if (!c.is_list) {
          AppendSlot(c, static_cast<size_t>(row), &out);
        } else if (c.IsNull(row)) {
          out.append("null");
        } else {
          out.push_back('[');
          for (size_t s = c.ListBegin(row); s < c.ListEnd(row); ++s) {
            if (s > c.ListBegin(row)) out.append(", ");
            AppendSlot(c, s, &out);
          }
          out.push_back(']');
        }
      }
      out.append("}\n");
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
  }
  return Status::OK();
}

}  // namespace
}  // namespace automend::parquet

int main(int argc, char** argv) {
  CLI::App app{"Prints columns of a parquet file as JSON lines (the project's own reader)."};
  std::string path, columns, row_groups;
  bool info = false;
  bool pages = false;
  app.add_option("file", path, "parquet file")->required();
  app.add_option("--columns", columns, "comma-separated top-level columns (default: all)");
  app.add_option("--row-groups", row_groups, "comma-separated row group numbers (default: all)");
  app.add_flag("--info", info, "print the file's metadata instead of rows");
  app.add_flag("--pages", pages, "list the pages of each column chunk instead of rows");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  automend::Status s = automend::parquet::Dump(path, columns, row_groups, info, pages);
  if (!s.ok()) {
    std::fprintf(stderr, "parquet_dump: %s\n", s.ToString().c_str());
    return s.ExitCode();
  }
  return std::fflush(stdout) == 0 ? 0 : 3;
}
