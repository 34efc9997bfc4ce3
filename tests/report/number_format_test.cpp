// SPDX-License-Identifier: MIT
#include "cisim/report/number_format.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("shortest_number: the shortest text that reads back exactly", "[report]") {
  REQUIRE(shortest_number(15.8) == "15.8");
  REQUIRE(shortest_number(0.1 + 0.2) == "0.30000000000000004");  // not 0.3: that is another double
  REQUIRE(std::stod(shortest_number(0.1 + 0.2)) == 0.1 + 0.2);
  REQUIRE(shortest_number(20861.0) == "20861");
  REQUIRE(shortest_number(-0.0) == "0");
  REQUIRE(shortest_number(std::numeric_limits<double>::quiet_NaN()).empty());
  REQUIRE(shortest_number(std::numeric_limits<double>::infinity()) == "inf");
  for (double v : {1.0 / 3.0, 2.0 / 3.0, 1e-300, 123456789.123456789, 0.138}) REQUIRE(std::stod(shortest_number(v)) == v);
}

TEST_CASE("grouped_number: thousands separators, rounding, no negative zero", "[report]") {
  REQUIRE(grouped_number(20861, 0) == "20,861");
  REQUIRE(grouped_number(1234567.891, 1) == "1,234,567.9");
  REQUIRE(grouped_number(999.6, 0) == "1,000");
  REQUIRE(grouped_number(-1234.0, 0) == "-1,234");
  REQUIRE(grouped_number(-0.0001, 2) == "0.00");
  REQUIRE(grouped_number(12, 0) == "12");
}

TEST_CASE("format_estimate: one rule per unit", "[report]") {
  // Rates: percent, half-width in percentage points (the example).
  REQUIRE(format_estimate(0.1390, 0.0008, "fraction") == "13.90% ± 0.08 pp");
  REQUIRE(format_estimate(0.051, std::nullopt, "fraction") == "5.10%");
  // A half-width that would read 0.00 pp gets the digits to show it.
  REQUIRE(format_estimate(0.04236, 0.00005, "fraction") == "4.236% ± 0.005 pp");
  // A small rate never reads as zero.
  REQUIRE(format_estimate(0.00004, std::nullopt, "fraction") == "0.004%");
  REQUIRE(format_estimate(0.0, 0.0, "fraction") == "0.00% ± 0.00 pp");
  // Counts and money: whole numbers with separators.
  REQUIRE(format_estimate(20790.0, 0.0, "shipments") == "20,790 ± 0");
  REQUIRE(format_estimate(61946095.4, 41779.2, "USD") == "61,946,095 ± 41,779");
  REQUIRE(format_estimate(63.4, 7.2, "shipments") == "63.4 ± 7.2");  // a mean of counts below 100
  // Times and officers: three significant digits, and one at least of the half-width (decision 0015).
  REQUIRE(format_estimate(4.80448, 0.184, "h") == "4.80 ± 0.18");
  REQUIRE(format_estimate(0.011145, 0.00058, "h") == "0.0111 ± 0.0006");  // M/M/c's wait: not 0.011
  REQUIRE(format_estimate(0.000002, 0.000003, "h") == "0.000002 ± 0.000003");
  REQUIRE(format_estimate(0.0, 0.0002, "h") == "0.0000 ± 0.0002");
  // Undefined (a rate or mean over no shipments) is said, never shown as 0.
  REQUIRE(format_estimate(std::numeric_limits<double>::quiet_NaN(), std::nullopt, "fraction") == "n/a");
  REQUIRE(format_difference(std::numeric_limits<double>::quiet_NaN(), 0.1, "h") == "n/a");
  REQUIRE(format_estimate(1234.6, 10.0, "h") == "1,235 ± 10");
}

TEST_CASE("format_difference: rates in percentage points, signed", "[report]") {
  REQUIRE(format_difference(-0.0052, 0.001, "fraction") == "-0.52 pp ± 0.10 pp");
  REQUIRE(format_difference(0.0012, std::nullopt, "fraction") == "+0.12 pp");
  REQUIRE(format_difference(28710.0, 0.0, "shipments") == "+28,710 ± 0");
  REQUIRE(format_difference(0.0, 0.0, "shipments") == "0 ± 0");
}

TEST_CASE("unit_suffix: the unit after a label, none for rates and shipments", "[report]") {
  REQUIRE(unit_suffix("fraction").empty());
  REQUIRE(unit_suffix("shipments").empty());
  REQUIRE(unit_suffix("h") == " (h)");
  REQUIRE(unit_suffix("USD") == " (USD)");
}
