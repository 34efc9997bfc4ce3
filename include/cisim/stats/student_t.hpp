// SPDX-License-Identifier: MIT
// Student t quantiles, for confidence intervals across replications.
#pragma once

namespace cisim {

/// The p-quantile of Student's t distribution with `degrees_of_freedom` > 0, for p in
/// (0, 1): for example t(0.975; 9) = 2.262. Exact (closed form) for 1 and 2 degrees of
/// freedom, otherwise the t CDF through the regularized incomplete beta function, inverted
/// by bisection to about 1e-12.
double student_t_quantile(double p, double degrees_of_freedom);

/// The CDF of Student's t at t.
double student_t_cdf(double t, double degrees_of_freedom);

/// The regularized incomplete beta function I_x(a, b), by Lentz's continued fraction.
double regularized_incomplete_beta(double x, double a, double b);

}  // namespace cisim
