// SPDX-License-Identifier: MIT
#include "cisim/report/text_table.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("TextTable: the terminal table aligns names left and numbers right", "[report]") {
  TextTable t{{"facility", "Inspected", "Discrepancy rate,\nmeasured"}};
  t.add_row({"JFK", "1,890", "13.56%"});
  t.add_row({"of which Type 86", "12", "0.10%"}, true);
  const std::string text = t.render(TableStyle::Text);
  // Two header lines, bottom-aligned; a rule; the rows.
  REQUIRE(text ==
          "                               Discrepancy rate,\n"
          "facility            Inspected           measured\n"
          "------------------  ---------  -----------------\n"
          "JFK                     1,890             13.56%\n"
          "  of which Type 86         12              0.10%\n");
}

TEST_CASE("TextTable: width counts characters, not bytes (±)", "[report]") {
  REQUIRE(display_width("13.90% ± 0.08 pp") == 16);
  TextTable t{{"a", "b"}};
  t.add_row({"x", "1 ± 2"});
  t.add_row({"y", "10 ± 20"});
  const std::string text = t.render(TableStyle::Text);
  REQUIRE(text.find("\nx    1 ± 2\n") != std::string::npos);
  REQUIRE(text.find("\ny  10 ± 20\n") != std::string::npos);
}

TEST_CASE("TextTable: Markdown has the same cells, pipes escaped, headers joined", "[report]") {
  TextTable t{{"facility", "Discrepancy rate,\nmeasured"}};
  t.add_row({"a|b", "13.56%"});
  t.add_row({"part", "1"}, true);
  REQUIRE(t.render(TableStyle::Markdown) ==
          "| facility | Discrepancy rate, measured |\n"
          "|---|---:|\n"
          "| a\\|b | 13.56% |\n"
          "| &nbsp;&nbsp;part | 1 |\n");
}
