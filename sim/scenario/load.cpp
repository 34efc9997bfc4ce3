// SPDX-License-Identifier: MIT
// Scenario loading: includes, overrides, hashing, then validation.
#include "cisim/scenario/load.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "base/split.hpp"
#include "cisim/random/random_streams.hpp"
#include "cisim/scenario/did_you_mean.hpp"
#include "cisim/scenario/raw_node.hpp"
#include "cisim/scenario/schema.hpp"
#include "cisim/scenario/validate.hpp"
#include "cisim/scenario/yaml_reader.hpp"

namespace cisim {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxIncludeDepth = 16;

bool is_id_map(const std::string& pattern) {
  const KeySpec* spec = !pattern.empty() ? find_key_spec(pattern) : nullptr;
  return spec && spec->type == KeyType::IdMap;
}

std::vector<std::string> keys_of(const RawNode& map) {
  std::vector<std::string> keys;
  for (const auto& e : map.entries) keys.push_back(e.key);
  return keys;
}

// Reports keys written twice in one map of one file, as validation does for a file without
// includes (merging would otherwise keep the last silently).
void report_duplicates(const RawNode& node, const std::string& path, std::vector<Diagnostic>& out) {
  if (node.is_sequence()) {
    for (const auto& item : node.items) report_duplicates(item, path, out);
    return;
  }
  if (!node.is_map()) return;
  for (std::size_t i = 0; i < node.entries.size(); ++i) {
    const auto& e = node.entries[i];
    const std::string child = path.empty() ? e.key : path + "." + e.key;
    for (std::size_t j = 0; j < i; ++j) {
      if (node.entries[j].key != e.key) continue;
      out.push_back(Diagnostic{Severity::Error, e.key_where, child,
                               fmt::format("duplicate key '{}' (first written at line {})", e.key, node.entries[j].key_where.line)});
      break;
    }
    report_duplicates(e.value, child, out);
  }
}

// Overlays `top` on `base` with the rules of JSON Merge Patch (RFC 7396): map entries of
// `top` replace those of `base` with the same key, recursively where both are maps; a key
// set to null in `top` removes it from `base` (a null key that `base` lacks stays, so that
// validation reports it: a misspelled `oficers:` is not dropped); anything else in `top`
// replaces `base` whole. A new id in an IdMap that is a near miss of an id from an included
// file, and lacks the keys a new item needs, is reported with a did-you-mean instead of
// merged (it would only give "missing required key" errors).
void merge_into(RawNode& base, const RawNode& top, const std::string& pattern, const std::string& path,
                std::vector<Diagnostic>& out) {
  if (!base.is_map() || !top.is_map()) {
    base = top;
    return;
  }
  const bool ids = is_id_map(pattern);
  const std::vector<std::string> base_keys = keys_of(base);
  for (const auto& entry : top.entries) {
    RawNode* existing = base.find(entry.key);
    const std::string child = path.empty() ? entry.key : path + "." + entry.key;
    if (entry.value.is_null() && existing) {
      std::erase_if(base.entries, [&](const RawNode::Entry& e) { return e.key == entry.key; });
    } else if (existing && existing->is_map() && entry.value.is_map()) {
      merge_into(*existing, entry.value, child_pattern(pattern, entry.key), child, out);
    } else if (existing) {
      *existing = entry.value;
    } else {
      if (ids && entry.value.is_map()) {
        const std::string item = pattern + ".*";
        std::vector<std::string> missing;
        for (const auto& key : child_keys(item)) {
          const KeySpec* spec = find_key_spec(item + "." + key);
          if (spec && spec->required && !entry.value.find(key)) missing.push_back(key);
        }
        if (auto near = did_you_mean(entry.key, base_keys); near && !missing.empty()) {
          const RawNode::Entry* from = nullptr;
          for (const auto& e : base.entries) from = e.key == *near ? &e : from;
          out.push_back(Diagnostic{Severity::Error, entry.key_where, child,
                                   fmt::format("no '{}' in the included {}; did you mean '{}' (from {})? A new id needs "
                                               "every required key; this one lacks: {}",
                                               entry.key, path, *near, from ? from->key_where.file : "an include",
                                               fmt::join(missing, ", "))});
          continue;
        }
      }
      base.entries.push_back(entry);
    }
  }
  base.where = top.where;
}

class Loader {
 public:
  explicit Loader(LoadedScenario& out) : out_(out) {}

  // Reads `file` (already read as `text` when given) and everything it includes.
  std::optional<RawNode> load(const std::string& file, const std::string* text, std::vector<std::string>& chain) {
    std::optional<std::string> contents = text ? std::optional<std::string>{*text} : read_text_file(file, out_.diagnostics);
    if (!contents) return std::nullopt;
    hash_ = fnv1a64(*contents, hash_);
    auto root = read_yaml_text(*contents, file, out_.diagnostics);
    if (!root) return std::nullopt;
    if (!root->is_map()) return root;  // validation reports it
    auto include = std::find_if(root->entries.begin(), root->entries.end(), [](const auto& e) { return e.key == "include"; });
    // Merging keeps one value per key, so a file that includes or is included has its
    // duplicates reported here; validation reports those of a file on its own.
    if (include != root->entries.end() || !chain.empty()) report_duplicates(*root, "", out_.diagnostics);
    if (include == root->entries.end()) return root;
    RawNode merged;
    merged.kind = RawNode::Kind::Map;
    merged.where = root->where;
    std::vector<const RawNode*> paths;
    if (include->value.is_scalar()) paths.push_back(&include->value);
    for (const auto& item : include->value.items) paths.push_back(&item);
    if (paths.empty() || std::any_of(paths.begin(), paths.end(), [](const RawNode* p) { return !p->is_scalar(); })) {
      error(include->value.where, "include", fmt::format("expected a file path or a list of paths, found {}", describe(include->value)));
      return std::nullopt;
    }
    chain.push_back(file);
    for (const RawNode* p : paths) {
      const std::string target = (fs::path(file).parent_path() / p->scalar).lexically_normal().string();
      if (std::find(chain.begin(), chain.end(), target) != chain.end() || chain.size() >= kMaxIncludeDepth) {
        std::string trail;
        for (const auto& c : chain) trail += c + " -> ";
        const char* what = chain.size() >= kMaxIncludeDepth ? "includes nested more than 16 deep" : "include cycle";
        error(p->where, "include", fmt::format("{}: {}{}", what, trail, target));
        chain.pop_back();
        return std::nullopt;
      }
      std::error_code ec;
      if (!fs::is_regular_file(target, ec)) {
        error(p->where, "include",
              fmt::format("cannot include '{}': {}", p->scalar, fs::exists(target, ec) ? "not a regular file" : "no such file"));
        chain.pop_back();
        return std::nullopt;
      }
      // Each file is read once: a file included many times (or from many files) is reused,
      // so include fan-out costs one read per file, not one per path through the tree.
      std::optional<RawNode> included;
      if (const auto cached = loaded_.find(target); cached != loaded_.end()) {
        included = cached->second;
      } else {
        included = load(target, nullptr, chain);
        if (included) loaded_.emplace(target, *included);
      }
      if (!included) {
        chain.pop_back();
        return std::nullopt;
      }
      if (!included->is_map()) {
        error(p->where, "include", fmt::format("'{}' is not a map of scenario keys", target));
        chain.pop_back();
        return std::nullopt;
      }
      std::erase_if(included->entries, [](const auto& e) { return e.key == "include"; });
      merge_into(merged, *included, "", "", out_.diagnostics);
    }
    chain.pop_back();
    root->entries.erase(include);
    merge_into(merged, *root, "", "", out_.diagnostics);
    return merged;
  }

  // Applies one "KEY=VALUE" argument, the ordinal-th --set.
  void apply_override(RawNode& root, const std::string& argument, int ordinal) {
    const SourceLocation at{"--set", ordinal, 1};
    const auto equals = argument.find('=');
    if (equals == std::string::npos || equals == 0) {
      error(at, "", fmt::format("expected KEY=VALUE, found '{}'", argument));
      return;
    }
    const std::string key = argument.substr(0, equals);
    const std::string value_text = argument.substr(equals + 1);
    const SourceLocation value_at{"--set", ordinal, static_cast<int>(equals) + 2};
    // Includes are merged before the overrides apply: one set afterwards would do nothing.
    if (key == "include") {
      error(at, "include", "cannot be set with --set (files are included before overrides apply): add the include to "
                           "the scenario file, or give its keys with --set");
      return;
    }
    std::vector<Diagnostic> value_diagnostics;
    std::optional<RawNode> value;
    // '~' and 'null' are YAML for nothing, like an empty value: the key holds nothing, and
    // validation says what it expected there.
    if (value_text.empty() || value_text == "~" || value_text == "null" || value_text == "Null" || value_text == "NULL") {
      value = RawNode{};
    } else {
      value = read_yaml_text(value_text, "--set", value_diagnostics);
    }
    if (!value) {
      for (auto& d : value_diagnostics) {
        d.where = value_at;
        d.key = key;
        out_.diagnostics.push_back(std::move(d));
      }
      return;
    }
    relocate(*value, value_at);
    std::vector<std::string> segments;
    std::string segment;
    for (char c : key) {
      if (c == '.' || c == '[' || c == ']') {
        if (!segment.empty()) segments.push_back(segment);
        segment.clear();
      } else {
        segment += c;
      }
    }
    if (!segment.empty()) segments.push_back(segment);
    // Scenario keys are a few levels deep; a bound keeps the walk's recursion shallow.
    constexpr std::size_t kMaxSegments = 32;
    if (segments.size() > kMaxSegments) {
      error(at, "", fmt::format("key has {} parts; scenario keys have at most {}", segments.size(), kMaxSegments));
      return;
    }
    if (segments.empty()) {
      error(at, "", fmt::format("expected KEY=VALUE, found '{}'", argument));
      return;
    }
    if (!set_path(root, segments, 0, "", "", *value, at, key)) return;
    out_.overrides.push_back(Override{key, value_text});
  }

  std::uint64_t hash() const { return hash_; }

  // Sets segments[i..] below `node` (at schema pattern `pattern`, dotted path `walked`) to
  // `value`. An id that does not exist is an error with a did-you-mean (items are added in
  // the file, not from the command line); `*` stands for every id of an IdMap or every item
  // of a list, and `a|b|c` for those ids (the mail facilities, say: one lever for a group).
  // Fixed keys may be new: validation reports unknown ones with a did-you-mean.
  bool set_path(RawNode& node, const std::vector<std::string>& segments, std::size_t i, const std::string& pattern,
                const std::string& walked, const RawNode& value, const SourceLocation& at, const std::string& key) {
    if (i == segments.size()) {
      node = value;
      return true;
    }
    const std::string& s = segments[i];
    auto join = [&](const std::string& child) { return walked.empty() ? child : walked + "." + child; };
    if (node.is_sequence()) {
      if (s == "*") {
        bool ok = !node.items.empty();
        if (!ok) error(at, key, fmt::format("'{}' is an empty list: '*' matches nothing", walked));
        for (std::size_t k = 0; k < node.items.size() && ok; ++k) {
          ok = set_path(node.items[k], segments, i + 1, pattern + "[]", join(std::to_string(k)), value, at, key);
        }
        return ok;
      }
      const bool numeric = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
      const std::size_t index = numeric && s.size() < 9 ? std::stoul(s) : node.items.size();
      if (index >= node.items.size()) {
        error(at, key, fmt::format("'{}' is a list of {} entries; no entry '{}'", walked, node.items.size(), s));
        return false;
      }
      return set_path(node.items[index], segments, i + 1, pattern + "[]", join(s), value, at, key);
    }
    if (node.is_null()) {
      node.kind = RawNode::Kind::Map;
      node.where = at;
    }
    if (!node.is_map()) {
      error(at, key, fmt::format("cannot set '{}': '{}' is {}, not a map", key, walked, describe(node)));
      return false;
    }
    const bool ids = is_id_map(pattern);
    const std::string next = child_pattern(pattern, s);
    if (s == "*") {
      if (!ids || node.entries.empty()) {
        error(at, key, ids ? fmt::format("'{}' has no ids: '*' matches nothing", walked)
                           : fmt::format("'*' stands for every id of a map of ids such as facilities or blitzes; '{}' "
                                         "has fixed keys",
                                         walked.empty() ? "the scenario" : walked));
        return false;
      }
      for (auto& e : node.entries) {
        if (!set_path(e.value, segments, i + 1, next, join(e.key), value, at, key)) return false;
      }
      return true;
    }
    if (ids && s.find('|') != std::string::npos) {
      for (const std::string& id : split(s, '|')) {
        RawNode* child = id.empty() ? nullptr : node.find(id);
        if (!child) {
          error(at, key, fmt::format("no '{}' in {} (in '{}', ids separated by '|'){}", id, walked, s, did_you_mean_suffix(id, keys_of(node))));
          return false;
        }
        if (!set_path(*child, segments, i + 1, next, join(id), value, at, key)) return false;
      }
      return true;
    }
    RawNode* child = node.find(s);
    if (!child && ids) {
      error(at, key, fmt::format("no '{}' in {} (new ids are written in the scenario file, not set from the command line){}", s,
                                 walked, did_you_mean_suffix(s, keys_of(node))));
      return false;
    }
    if (!child) {
      RawNode fresh;
      fresh.where = at;
      node.entries.push_back(RawNode::Entry{s, at, fresh});
      child = &node.entries.back().value;
    }
    return set_path(*child, segments, i + 1, next, join(s), value, at, key);
  }

 private:
  static void relocate(RawNode& node, const SourceLocation& at) {
    node.where = at;
    for (auto& item : node.items) relocate(item, at);
    for (auto& e : node.entries) {
      e.key_where = at;
      relocate(e.value, at);
    }
  }
  void error(const SourceLocation& where, const std::string& key, std::string message) {
    out_.diagnostics.push_back(Diagnostic{Severity::Error, where, key, std::move(message)});
  }

  LoadedScenario& out_;
  std::map<std::string, RawNode> loaded_;  // included files by path, as loaded (their includes merged)
  std::uint64_t hash_ = kFnv1a64Offset;
};

LoadedScenario load(const std::string& file, const std::string* text, const std::vector<std::string>& set_arguments) {
  LoadedScenario out;
  out.path = file;
  Loader loader{out};
  std::vector<std::string> chain;
  auto root = loader.load(file, text, chain);
  out.content_hash = fmt::format("fnv1a64:{:016x}", loader.hash());
  if (!root) {
    sort_diagnostics(out.diagnostics);
    return out;
  }
  for (std::size_t i = 0; i < set_arguments.size(); ++i) loader.apply_override(*root, set_arguments[i], static_cast<int>(i) + 1);
  // Validate even after a bad --set, so every problem is reported in one pass.
  const bool override_errors = has_errors(out.diagnostics);
  auto result = validate_scenario(*root);
  if (!override_errors) out.scenario = std::move(result.scenario);
  if (out.scenario) out.effective_text = to_yaml(*root, "include");
  // After an error in the files or a --set, the validator's warnings about the scenario
  // it would have built are follow-on noise: keep its errors only.
  for (auto& d : result.diagnostics) {
    if (override_errors && d.severity == Severity::Warning) continue;
    out.diagnostics.push_back(std::move(d));
  }
  sort_diagnostics(out.diagnostics);
  return out;
}

}  // namespace

LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& set_arguments) {
  return load(path, nullptr, set_arguments);
}

LoadedScenario load_scenario_text(const std::string& text, const std::string& file, const std::vector<std::string>& set_arguments) {
  return load(file, &text, set_arguments);
}

}  // namespace cisim
