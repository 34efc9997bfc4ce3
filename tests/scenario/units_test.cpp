// SPDX-License-Identifier: MIT
#include <string>
#include <vector>

#include "cisim/scenario/units.hpp"

#include <catch2/catch.hpp>

using namespace cisim;

TEST_CASE("parse_duration: every unit, decimals and spaces", "[scenario]") {
  REQUIRE(*parse_duration("30s").value == Duration::seconds(30));
  REQUIRE(*parse_duration("45min").value == Duration::minutes(45));
  REQUIRE(*parse_duration("2h").value == Duration::hours(2));
  REQUIRE(*parse_duration("1.5d").value == Duration::hours(36));
  REQUIRE(*parse_duration("92d").value == Duration::days(92));
  REQUIRE(*parse_duration("1w").value == Duration::days(7));
  REQUIRE(*parse_duration("250ms").value == Duration::microseconds(250'000));
  REQUIRE(*parse_duration("3 min").value == Duration::minutes(3));
}

TEST_CASE("Time units in words, singular or plural, as people write them", "[scenario]") {
  REQUIRE(*parse_duration("3 days").value == Duration::days(3));
  REQUIRE(*parse_duration("1 day").value == Duration::days(1));
  REQUIRE(*parse_duration("2 hours").value == Duration::hours(2));
  REQUIRE(*parse_duration("45 minutes").value == Duration::minutes(45));
  REQUIRE(*parse_duration("2 weeks").value == Duration::days(14));
  REQUIRE(*parse_duration("30 seconds").value == Duration::seconds(30));
  REQUIRE(*parse_rate_per_second("300000 per day").value == Approx(300000.0 / 86400.0));
  REQUIRE(*parse_rate_per_second("300000/day").value == Approx(300000.0 / 86400.0));
  REQUIRE(*parse_rate_per_second("12 per hour").value == Approx(12.0 / 3600.0));
}

// Every suggestion an error makes is itself accepted: fed back, it parses.
TEST_CASE("Every did-you-mean of a duration, rate or amount parses", "[scenario]") {
  const auto suggestions = [](const std::string& error) {
    std::vector<std::string> out;
    for (std::size_t at = error.find('\''); at != std::string::npos;) {
      const std::size_t end = error.find('\'', at + 1);
      if (end == std::string::npos) break;
      out.push_back(error.substr(at + 1, end - at - 1));
      at = error.find('\'', end + 1);
    }
    return out;
  };
  for (const char* text : {"45", "2.5", "1e3"}) {
    const auto error = parse_duration(text).error;
    const auto mean = error.substr(error.find("did you mean"));
    for (const std::string& s : suggestions(mean)) REQUIRE(parse_duration(s).value);
  }
  for (const char* text : {"9", "300000", "0.5"}) {
    const auto error = parse_rate_per_second(text).error;
    for (const std::string& s : suggestions(error.substr(error.find("did you mean")))) REQUIRE(parse_rate_per_second(s).value);
  }
  for (const char* text : {"800", "12.5"}) {
    const auto error = parse_money_usd(text).error;
    for (const std::string& s : suggestions(error.substr(error.find("did you mean")))) REQUIRE(parse_money_usd(s).value);
  }
}

TEST_CASE("parse_duration: a number without a unit suggests units", "[scenario]") {
  const auto p = parse_duration("45");
  REQUIRE_FALSE(p.value);
  REQUIRE(p.error == "duration '45' has no unit; did you mean '45min', '45h' or '45d'? (units: us, ms, s, min, h, d or w)");
  REQUIRE(parse_duration("3 fortnights").error == "unknown time unit 'fortnights' in '3 fortnights' (units: us, ms, s, min, h, d or w)");
  REQUIRE(parse_duration("1e999d").error == "number '1e999' is out of range");
  REQUIRE_FALSE(parse_duration("nan s").value);
}

TEST_CASE("parse_rate_per_second, parse_money_usd, parse_fraction", "[scenario]") {
  REQUIRE(*parse_rate_per_second("9/h").value == Approx(9.0 / 3600.0));
  REQUIRE(*parse_rate_per_second("4000000/d").value == Approx(4e6 / 86400.0));
  REQUIRE(parse_rate_per_second("9").error.starts_with("rate '9' has no time unit; did you mean '9/h'"));
  REQUIRE(*parse_rate_per_second("9 per min").value == Approx(9.0 / 60.0));
  REQUIRE(parse_rate_per_second("9 per fortnight").error == "unknown time unit 'fortnight' in rate '9 per fortnight' (per us, ms, s, min, h, d or w)");
  REQUIRE(*parse_money_usd("800 USD").value == 800.0);
  REQUIRE(*parse_money_usd("800.01USD").value == 800.01);
  REQUIRE(parse_money_usd("800").error == "amount '800' has no currency; did you mean '800 USD'?");
  REQUIRE(parse_money_usd("800 EUR").error == "unknown currency 'EUR' in '800 EUR'; amounts are in USD");
  REQUIRE(*parse_fraction("0.02").value == 0.02);
  REQUIRE(*parse_fraction("2%").value == Approx(0.02));
  REQUIRE_FALSE(parse_fraction("1.2").value);
  REQUIRE_FALSE(parse_fraction("-1%").value);
}

TEST_CASE("parse_real and parse_integer refuse what is not a finite number", "[scenario]") {
  REQUIRE(*parse_real("1e6").value == 1e6);
  REQUIRE(*parse_real("+2.5").value == 2.5);
  for (const char* bad : {"nan", "inf", "-inf", ".nan", "0x10", "1e999", "", "1,5", "one"}) {
    INFO(bad);
    REQUIRE_FALSE(parse_real(bad).value);
  }
  REQUIRE(*parse_integer("12").value == 12);
  REQUIRE_FALSE(parse_integer("1.5").value);
  REQUIRE_FALSE(parse_integer("1e3").value);
  REQUIRE(parse_integer("99999999999999999999").error == "whole number '99999999999999999999' is out of range");
}

TEST_CASE("parse_date: calendar rules and weekdays", "[scenario]") {
  REQUIRE(*parse_date("2019-07-01").value == CivilDate{2019, 7, 1});
  REQUIRE(*parse_date("2024-02-29").value == CivilDate{2024, 2, 29});
  REQUIRE(parse_date("2019-02-29").error == "date '2019-02-29' does not exist (2019-02 has 28 days)");
  REQUIRE_FALSE(parse_date("1900-02-29").value);  // not a leap year
  REQUIRE(*parse_date("2000-02-29").value == CivilDate{2000, 2, 29});
  REQUIRE_FALSE(parse_date("2019-7-1").value);
  REQUIRE(weekday(CivilDate{2019, 7, 1}) == 0);   // a Monday
  REQUIRE(weekday(CivilDate{2025, 8, 29}) == 4);  // a Friday
  REQUIRE(days_since_epoch(CivilDate{1970, 1, 1}) == 0);
}

TEST_CASE("parse_time_of_day: 00:00 to 24:00", "[scenario]") {
  REQUIRE(*parse_time_of_day("08:30").value == Duration::minutes(510));
  REQUIRE(*parse_time_of_day("24:00").value == Duration::days(1));
  REQUIRE_FALSE(parse_time_of_day("24:01").value);
  REQUIRE_FALSE(parse_time_of_day("8:30").value);
}

TEST_CASE("format_duration: the largest exact unit", "[scenario]") {
  REQUIRE(format_duration(Duration::days(92)) == "92d");
  REQUIRE(format_duration(Duration::hours(36)) == "36h");
  REQUIRE(format_duration(Duration::minutes(90)) == "90min");
  REQUIRE(format_duration(Duration::zero()) == "0s");
}
