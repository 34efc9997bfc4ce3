// SPDX-License-Identifier: MIT
#include "cisim/stats/student_t.hpp"

#include <catch2/catch.hpp>

using cisim::student_t_quantile;

TEST_CASE("student_t_quantile: matches the printed tables", "[stats]") {
  // Values from standard t tables (three decimals).
  REQUIRE(student_t_quantile(0.975, 1) == Approx(12.706).margin(5e-4));
  REQUIRE(student_t_quantile(0.975, 2) == Approx(4.303).margin(5e-4));
  REQUIRE(student_t_quantile(0.975, 9) == Approx(2.262).margin(5e-4));
  REQUIRE(student_t_quantile(0.975, 19) == Approx(2.093).margin(5e-4));
  REQUIRE(student_t_quantile(0.975, 29) == Approx(2.045).margin(5e-4));
  REQUIRE(student_t_quantile(0.995, 9) == Approx(3.250).margin(5e-4));
  REQUIRE(student_t_quantile(0.995, 29) == Approx(2.756).margin(5e-4));
}

TEST_CASE("student_t_quantile: tends to the normal 1.960 and is symmetric", "[stats]") {
  REQUIRE(student_t_quantile(0.975, 1e6) == Approx(1.95996).margin(1e-4));
  REQUIRE(student_t_quantile(0.025, 9) == Approx(-student_t_quantile(0.975, 9)));
  REQUIRE(student_t_quantile(0.5, 5) == Approx(0.0).margin(1e-10));
}

TEST_CASE("regularized_incomplete_beta: known values", "[stats]") {
  REQUIRE(cisim::regularized_incomplete_beta(0.5, 2.0, 2.0) == Approx(0.5));
  // I_x(1, 1) = x; I_x(a, 1) = x^a.
  REQUIRE(cisim::regularized_incomplete_beta(0.3, 1.0, 1.0) == Approx(0.3));
  REQUIRE(cisim::regularized_incomplete_beta(0.3, 3.0, 1.0) == Approx(0.027));
}
