// SPDX-License-Identifier: MIT
// A scenario file that includes another and sets some of its keys: how a fitted or varied
// scenario is written so that it keeps its base's comments and sources and says what it changes.
#pragma once

#include <string>
#include <vector>

namespace cisim {

/// YAML text: `header` as comment lines, `include: include_path`, then each --set argument
/// ("KEY=VALUE", KEY dotted, VALUE in YAML) as nested keys, in order (a later one wins).
/// The included file's keys are kept except those set here (load_scenario's include rule).
/// Keys with list indices ("a[0]") cannot be written this way; the caller checks the
/// result by loading it (see LoadedScenario::effective_text).
std::string scenario_overlay(const std::string& include_path, const std::vector<std::string>& set_arguments,
                             const std::string& header);

/// `text` as YAML comment lines ("# " before each line).
std::string comment_lines(const std::string& text);

}  // namespace cisim
