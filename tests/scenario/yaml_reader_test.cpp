// SPDX-License-Identifier: MIT
#include "cisim/scenario/yaml_reader.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

namespace {
std::string first_error(std::string_view text, const ReadLimits& limits = {}) {
  std::vector<Diagnostic> d;
  const auto node = read_yaml_text(text, "f.yaml", d, limits);
  REQUIRE_FALSE(node.has_value());
  REQUIRE_FALSE(d.empty());
  return format_diagnostic(d.front());
}
}  // namespace

TEST_CASE("read_yaml_text: nodes keep their 1-based locations and duplicate keys", "[scenario]") {
  std::vector<Diagnostic> d;
  const auto node = read_yaml_text("a: 1\nb:\n  c: x\na: 2\n", "f.yaml", d);
  REQUIRE(node);
  REQUIRE(node->entries.size() == 3);
  REQUIRE(node->entries[2].key == "a");
  REQUIRE(node->entries[2].key_where == SourceLocation{"f.yaml", 4, 1});
  REQUIRE(node->find("b")->find("c")->where == SourceLocation{"f.yaml", 3, 6});
  REQUIRE(node->find("a")->scalar == "2");
}

TEST_CASE("read_yaml_text: a byte order mark and CRLF line ends are fine", "[scenario]") {
  std::vector<Diagnostic> d;
  const auto node = read_yaml_text("\xEF\xBB\xBF" "a: 1\r\nb: two\r\n", "f.yaml", d);
  REQUIRE(d.empty());
  REQUIRE(node->find("b")->scalar == "two");
}

TEST_CASE("read_yaml_text: hostile input gets a located error", "[scenario]") {
  REQUIRE(first_error("") == "f.yaml:1:1: error: the file is empty; a scenario needs at least format_version, name and description");
  REQUIRE(first_error("a: 1\nb: \xC3\x28\n") == "f.yaml:2:4: error: invalid UTF-8 (byte 0xC3); scenario files must be UTF-8 text");
  REQUIRE(first_error(std::string_view{"a: 1\0", 5}) ==
          "f.yaml:1:5: error: control byte 0x00 in the text; is this a binary file rather than a scenario?");
  REQUIRE(first_error("a:\n\tb: 1\n") == "f.yaml:2:1: error: tab used for indentation; YAML indents with spaces");
  REQUIRE(first_error("a: [1, 2\n").starts_with("f.yaml:2:1: error: YAML syntax: "));
  REQUIRE(first_error(std::string(100, 'a'), ReadLimits{50, 1000, 64}) ==
          "f.yaml:1:1: error: file is 100 bytes; scenario files are limited to 50 bytes");
  REQUIRE(first_error(std::string(200, '[') + std::string(200, ']')).find("nesting deeper than 64 levels") != std::string::npos);
}

TEST_CASE("read_yaml_text: alias expansion is bounded", "[scenario]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'h'; ++c) {
    bomb += std::string{c} + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string{i ? ", *" : "*"} + prev;
    bomb += "]\n";
    prev = c;
  }
  REQUIRE(first_error(bomb).find("document expands to more than 1000000 values") != std::string::npos);
}
