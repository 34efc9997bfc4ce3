// SPDX-License-Identifier: MIT
// TextTable: rows of cells rendered as an aligned terminal table or as a Markdown table.
#pragma once

#include <string>
#include <vector>

namespace cisim {

enum class TableStyle { Text, Markdown };

/// The first column is left-aligned (names), the others right-aligned (numbers). A header
/// may hold line breaks: the terminal table stacks its lines so that long labels stay
/// narrow; Markdown joins them with spaces.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers);
  /// A row; missing cells are empty. An indented row (a part of the row above, such as
  /// "of which Type 86") is shown with two leading spaces in its first cell.
  void add_row(std::vector<std::string> cells, bool indented = false);
  bool empty() const { return rows_.empty(); }
  std::string render(TableStyle style) const;

 private:
  struct Row {
    std::vector<std::string> cells;
    bool indented = false;
  };
  std::string render_text() const;
  std::string render_markdown() const;
  std::vector<std::vector<std::string>> headers_;  // per column, its lines
  std::vector<Row> rows_;
};

/// Width of UTF-8 text in terminal columns (code points; the tables use no wide characters).
std::size_t display_width(const std::string& text);

}  // namespace cisim
