// SPDX-License-Identifier: MIT
// TextTable: one table model, two renderings (terminal and Markdown), so both say the same.
#include "cisim/report/text_table.hpp"

#include <algorithm>

namespace cisim {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::size_t w = display_width(text);
  std::string out;
  out.reserve(width);
  if (!left) out.append(width > w ? width - w : 0, ' ');
  out.append(text);
  if (left) out.append(width > w ? width - w : 0, ' ');
  return out;
}

// A Markdown cell: pipes escaped, line breaks as spaces.
std::string markdown_cell(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::size_t display_width(const std::string& text) {
  // Continuation bytes of a UTF-8 sequence are 10xxxxxx.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

TextTable::TextTable(std::vector<std::string> headers) {
  for (const auto& h : headers) headers_.push_back(split_lines(h));
}

void TextTable::add_row(std::vector<std::string> cells, bool indented) {
  cells.resize(headers_.size());
  rows_.push_back({std::move(cells), indented});
}

std::string TextTable::render(TableStyle style) const { return style == TableStyle::Markdown ? render_markdown() : render_text(); }

std::string TextTable::render_text() const {
  const std::size_t columns = headers_.size();
  std::vector<std::size_t> width(columns, 0);
  std::size_t header_lines = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    for (const auto& line : headers_[c]) width[c] = std::max(width[c], display_width(line));
    header_lines = std::max(header_lines, headers_[c].size());
  }
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < columns; ++c) width[c] = std::max(width[c], display_width(row.cells[c]) + (c == 0 && row.indented ? 2 : 0));
  }
  std::string out;
  auto line_of = [&](auto cell_of) {
    std::string line;
    for (std::size_t c = 0; c < columns; ++c) {
      if (c > 0) line += "  ";
      line += pad(cell_of(c), width[c], c == 0);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  // Header lines are bottom-aligned, so each label's last line sits on the rule.
  for (std::size_t l = 0; l < header_lines; ++l) {
    line_of([&](std::size_t c) {
      const auto& lines = headers_[c];
      const std::size_t skip = header_lines - lines.size();
      return l < skip ? std::string{} : lines[l - skip];
    });
  }
  line_of([&](std::size_t c) { return std::string(width[c], '-'); });
  for (const auto& row : rows_) {
    line_of([&](std::size_t c) {
      std::string text;
      if (c == 0 && row.indented) text.append(2, ' ');
      text.append(row.cells[c]);
      return text;
    });
  }
  return out;
}

std::string TextTable::render_markdown() const {
  std::string out = "|";
  for (const auto& lines : headers_) {
    std::string joined;
    for (const auto& l : lines) {
      if (!joined.empty()) joined += ' ';
      joined += l;
    }
    out += ' ';
    out += markdown_cell(joined);
    out += " |";
  }
  out += "\n|";
  for (std::size_t c = 0; c < headers_.size(); ++c) out += c == 0 ? "---|" : "---:|";
  out += "\n";
  for (const auto& row : rows_) {
    out += "|";
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      // Markdown drops leading spaces: an indented label shows as a nested item.
      out += ' ';
      if (c == 0 && row.indented) out += "&nbsp;&nbsp;";
      out += markdown_cell(row.cells[c]);
      out += " |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace cisim
