// SPDX-License-Identifier: MIT
// YAML text to RawNode: byte checks first, then yaml-cpp, then a bounded conversion.
#include "cisim/scenario/yaml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/core.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

namespace cisim {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr int kMaxTabDiagnostics = 10;

Diagnostic file_error(const std::string& file, int line, int column, std::string message) {
  return Diagnostic{Severity::Error, SourceLocation{file, line, column}, "", std::move(message)};
}

// Length of the UTF-8 sequence starting at s[i], or 0 if it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  auto continuation = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    if (b0 == 0xE0 && byte(i + 1) < 0xA0) return 0;  // overlong
    if (b0 == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    if (b0 == 0xF0 && byte(i + 1) < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && byte(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Checks encoding and characters before yaml-cpp sees the text, so that binary garbage gets
// a plain message instead of whatever the parser makes of it. Columns count characters.
bool check_bytes(std::string_view text, const std::string& file, std::vector<Diagnostic>& diagnostics) {
  int line = 1;
  int column = 1;
  bool at_line_start = true;
  bool in_indent = true;
  int tab_reports = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      diagnostics.push_back(file_error(file, line, column,
                                       fmt::format("invalid UTF-8 (byte 0x{:02X}); scenario files must be UTF-8 text", c)));
      return false;
    }
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
      diagnostics.push_back(file_error(
          file, line, column, fmt::format("control byte 0x{:02X} in the text; is this a binary file rather than a scenario?", c)));
      return false;
    }
    if (at_line_start) in_indent = true;
    at_line_start = false;
    if (c == '\t' && in_indent && tab_reports < kMaxTabDiagnostics) {
      // A tab anywhere in the leading white space, unless the line is blank after it.
      std::size_t k = i;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
      if (k < text.size() && text[k] != '\n' && text[k] != '\r' && text[k] != '#') {
        diagnostics.push_back(file_error(file, line, column, "tab used for indentation; YAML indents with spaces"));
        ++tab_reports;
      }
    }
    if (c != ' ' && c != '\t') in_indent = false;
    if (c == '\n') {
      ++line;
      column = 1;
      at_line_start = true;
    } else if (c != '\r') {
      ++column;
    }
    i += n;
  }
  return tab_reports == 0;
}

class Converter {
 public:
  Converter(const std::string& file, const ReadLimits& limits, std::vector<Diagnostic>& diagnostics)
      : file_(file), limits_(limits), diagnostics_(diagnostics) {}

  std::optional<RawNode> convert(const YAML::Node& node, const SourceLocation& fallback, int depth) {
    if (++nodes_ > limits_.max_nodes) {
      if (!budget_reported_) {
        diagnostics_.push_back(file_error(file_, fallback.line, fallback.column,
                                          fmt::format("document expands to more than {} values (through aliases?); "
                                                      "a scenario is far smaller",
                                                      limits_.max_nodes)));
        budget_reported_ = true;
      }
      return std::nullopt;
    }
    if (depth > limits_.max_depth) {
      diagnostics_.push_back(file_error(file_, fallback.line, fallback.column,
                                        fmt::format("nesting deeper than {} levels", limits_.max_depth)));
      return std::nullopt;
    }
    RawNode out;
    out.where = location(node, fallback);
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = RawNode::Kind::Null;
        return out;
      case YAML::NodeType::Scalar:
        out.kind = RawNode::Kind::Scalar;
        out.scalar = node.Scalar();
        return out;
      case YAML::NodeType::Sequence:
        out.kind = RawNode::Kind::Sequence;
        for (const auto& item : node) {
          auto converted = convert(item, out.where, depth + 1);
          if (!converted) return std::nullopt;
          out.items.push_back(std::move(*converted));
        }
        return out;
      case YAML::NodeType::Map:
        out.kind = RawNode::Kind::Map;
        for (auto it = node.begin(); it != node.end(); ++it) {
          const SourceLocation key_where = location(it->first, out.where);
          if (!it->first.IsScalar()) {
            diagnostics_.push_back(file_error(file_, key_where.line, key_where.column, "map keys must be plain names"));
            return std::nullopt;
          }
          if (it->first.Scalar() == "<<" && it->first.Tag() != "!") {
            diagnostics_.push_back(file_error(file_, key_where.line, key_where.column,
                                              "YAML merge keys ('<<') are not supported: write the keys out, or share them "
                                              "with include:"));
            return std::nullopt;
          }
          auto value = convert(it->second, key_where, depth + 1);
          if (!value) return std::nullopt;
          out.entries.push_back(RawNode::Entry{it->first.Scalar(), key_where, std::move(*value)});
        }
        return out;
    }
    return out;
  }

 private:
  SourceLocation location(const YAML::Node& node, const SourceLocation& fallback) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0 || mark.column < 0) return fallback;
    return SourceLocation{file_, mark.line + 1, mark.column + 1};
  }

  const std::string& file_;
  const ReadLimits& limits_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t nodes_ = 0;
  bool budget_reported_ = false;
};

}  // namespace

namespace {

// The line (from 1) of a document marker ('---' or '...' at the start of a line, alone or
// followed by a space) that follows content, or nothing. A marker before any content opens
// the first document. Lines of a block scalar hold text, not markers, but a '---' at column 1
// would end the scalar in YAML too.
std::optional<int> second_document_line(std::string_view text) {
  bool content = false;
  bool ended = false;  // a '...' ended the first document after content
  int line = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view l = text.substr(at, end - at);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    ++line;
    const bool marker = (l.starts_with("---") || l.starts_with("...")) && (l.size() == 3 || l[3] == ' ' || l[3] == '\t');
    if (marker && content) {
      if (l.starts_with("---") || ended) return line;
      ended = true;  // '...' ends the document; content after it would be a second one
    } else if (!marker) {
      const std::size_t first = l.find_first_not_of(" \t");
      if (first != std::string_view::npos && l[first] != '#') {
        if (ended) return line;
        content = true;
      }
    }
    if (end == text.size()) break;
    at = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<RawNode> read_yaml_text(std::string_view text, const std::string& file, std::vector<Diagnostic>& diagnostics,
                                      const ReadLimits& limits) {
  if (text.size() > limits.max_file_bytes) {
    diagnostics.push_back(file_error(file, 1, 1,
                                     fmt::format("file is {} bytes; scenario files are limited to {} bytes", text.size(),
                                                 limits.max_file_bytes)));
    return std::nullopt;
  }
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  if (!check_bytes(text, file, diagnostics)) return std::nullopt;
  // yaml-cpp builds its whole tree before we can count nodes, at hundreds of bytes a node: a
  // 16 MB flat list took 4 GB. Every value but the first needs a separator (',' or a line
  // end), so their count bounds the values written; refuse before parsing when it is over.
  const auto separators = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return c == ',' || c == '\n'; }));
  if (separators > limits.max_scanned_values) {
    diagnostics.push_back(file_error(file, 1, 1,
                                     fmt::format("the file holds about {} values; scenario files are limited to {}", separators,
                                                 limits.max_scanned_values)));
    return std::nullopt;
  }
  YAML::Node document;
  try {
    // A second document ('---' or '...' at the start of a line after content) would be dropped
    // without a word: say so instead. Found by lines, not by YAML::LoadAll, which loops for ever
    // on a stray ',' at the top level (yaml-cpp 0.7; found by the fuzzer).
    if (const auto second = second_document_line(text)) {
      diagnostics.push_back(file_error(file, *second, 1,
                                       "a second YAML document ('---') begins here; a scenario file holds one: merge "
                                       "them, or put the second in its own file and include it"));
      return std::nullopt;
    }
    document = YAML::Load(std::string{text});
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.push_back(file_error(file, e.mark.line + 1, e.mark.column + 1,
                                     fmt::format("nesting deeper than {} levels", limits.max_depth)));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 1;
    const int column = e.mark.column >= 0 ? e.mark.column + 1 : 1;
    diagnostics.push_back(file_error(file, line, column, fmt::format("YAML syntax: {}", e.msg)));
    return std::nullopt;
  }
  if (!document.IsDefined() || document.IsNull()) {
    diagnostics.push_back(file_error(file, 1, 1, "the file is empty; a scenario needs at least format_version, name and description"));
    return std::nullopt;
  }
  Converter converter{file, limits, diagnostics};
  return converter.convert(document, SourceLocation{file, 1, 1}, 0);
}

std::optional<std::string> read_text_file(const std::string& path, std::vector<Diagnostic>& diagnostics,
                                          const ReadLimits& limits) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    diagnostics.push_back(file_error(path, 0, 0, "no such file"));
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    diagnostics.push_back(file_error(path, 0, 0, "is a directory, not a scenario file"));
    return std::nullopt;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > limits.max_file_bytes) {
    diagnostics.push_back(file_error(path, 1, 1,
                                     fmt::format("file is {} bytes; scenario files are limited to {} bytes", size,
                                                 limits.max_file_bytes)));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(file_error(path, 0, 0, "cannot be read (permission denied?)"));
    return std::nullopt;
  }
  // Read at most one byte past the limit: a device or pipe (/dev/zero) has no size to check
  // first, and must not be read without end.
  std::string text;
  std::vector<char> chunk(1 << 16);
  while (in && text.size() <= limits.max_file_bytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    diagnostics.push_back(file_error(path, 0, 0, "cannot be read (a read error: is it a regular file?)"));
    return std::nullopt;
  }
  if (in.bad()) {
    diagnostics.push_back(file_error(path, 0, 0, "cannot be read (a read error: is it a regular file?)"));
    return std::nullopt;
  }
  if (text.size() > limits.max_file_bytes) {
    diagnostics.push_back(file_error(path, 1, 1,
                                     fmt::format("file is over {} bytes; scenario files are limited to {} bytes",
                                                 limits.max_file_bytes, limits.max_file_bytes)));
    return std::nullopt;
  }
  return text;
}

std::optional<RawNode> read_yaml_file(const std::string& path, std::vector<Diagnostic>& diagnostics, const ReadLimits& limits) {
  const auto text = read_text_file(path, diagnostics, limits);
  if (!text) return std::nullopt;
  return read_yaml_text(*text, path, diagnostics, limits);
}

}  // namespace cisim
