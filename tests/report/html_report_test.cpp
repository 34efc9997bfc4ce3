// SPDX-License-Identifier: MIT
// The HTML report's content (its drawing is tested in Chromium by tests/cli/html_report.sh).
#include "cisim/report/html_report.hpp"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cisim/scenario/load.hpp"
#include "support/scenario_text.hpp"

using namespace cisim;

namespace {
Report small_html_report(const std::vector<std::string>& sets = {}) {
  const LoadedScenario loaded = load_scenario_text(cisim::testing::valid_scenario_text(), "small.yaml", sets);
  RunOptions options;
  options.replications = 3;
  return make_report(loaded, run_scenario(*loaded.scenario, options));
}

// The page's data: the JSON inside <script id="cisim-data">.
nlohmann::json page_data(const std::string& html) {
  const std::string open = "<script id=\"cisim-data\" type=\"application/json\">";
  const auto begin = html.find(open);
  REQUIRE(begin != std::string::npos);
  const auto end = html.find("</script>", begin);
  return nlohmann::json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}
}  // namespace

TEST_CASE("HTML report: one self-contained file with Chart.js inlined", "[report]") {
  const std::string html = format_html_report(small_html_report());
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  REQUIRE(html.find("Chart.js v3") != std::string::npos);  // the library's own banner, inlined
  REQUIRE(html.find("src=\"http") == std::string::npos);  // nothing fetched
  REQUIRE(html.find("<script src") == std::string::npos);
  REQUIRE(html.find("<link") == std::string::npos);
}

TEST_CASE("HTML report: its tables say what the terminal table says", "[report]") {
  const Report r = small_html_report();
  const auto data = page_data(format_html_report(r));
  const HeadlineTable h = headline_table(r);
  REQUIRE(data["headline"]["rows"].size() == h.rows.size());
  for (std::size_t i = 0; i < h.rows.size(); ++i) {
    REQUIRE(data["headline"]["rows"][i]["label"] == h.rows[i].label);
    REQUIRE(data["headline"]["rows"][i]["cells"] == h.rows[i].cells);
    // Each cell's text is in the terminal table too.
    for (const auto& cell : h.rows[i].cells) REQUIRE(format_table(r).find(cell) != std::string::npos);
  }
  REQUIRE(data["run"]["run_id"] == r.run_id);
  REQUIRE(data["daily"]["dates"].front() == r.measured_from);
}

TEST_CASE("HTML report: text from a scenario cannot end the data script", "[report]") {
  const std::string html = format_html_report(small_html_report({"description=\"</script><script>alert(1)</script>\""}));
  REQUIRE(html.find("</script><script>alert(1)") == std::string::npos);
  REQUIRE(page_data(html)["run"]["description"] == "</script><script>alert(1)</script>");
}

TEST_CASE("HTML report: a comparison carries both runs and the paired differences", "[report]") {
  const Comparison c = compare_reports(small_html_report(), small_html_report({"policies.random_rate=20%"}));
  const auto data = page_data(format_html_comparison(c));
  REQUIRE(data["kind"] == "compare");
  REQUIRE(data["base"]["run_id"] == c.base.run_id);
  REQUIRE(data["alt"]["run_id"] == c.alt.run_id);
  bool inspected_differs = false;
  for (const auto& row : data["differences"]) {
    if (row["metric"] == "inspected") inspected_differs = row["significant"].get<bool>();
  }
  REQUIRE(inspected_differs);
}

TEST_CASE("HTML report: without JavaScript (a mail client, a previewer) the page still shows the report as text", "[report]") {
  const Report r = small_html_report();
  const std::string html = format_html_report(r);
  // What is on the page before any script: the whole terminal table, escaped.
  const std::string before_scripts = html.substr(0, html.find("<script"));
  REQUIRE(before_scripts.find("<pre>") != std::string::npos);
  REQUIRE(before_scripts.find(r.run_id) != std::string::npos);
  for (const auto& row : headline_table(r).rows) {
    for (const auto& cell : row.cells) REQUIRE(before_scripts.find(cell) != std::string::npos);
  }
  REQUIRE(before_scripts.find("± ") != std::string::npos);
}
