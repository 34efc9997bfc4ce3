// SPDX-License-Identifier: MIT
// "Did you mean": the closest known name to a misspelled one.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cisim {

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
int edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if it is near enough to be a likely typo: at most
/// max(1, length / 3) edits away. Ties go to the earlier candidate.
std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string> candidates);

/// "; did you mean 'x'?" or empty.
std::string did_you_mean_suffix(std::string_view word, std::span<const std::string> candidates);

}  // namespace cisim
