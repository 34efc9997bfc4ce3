// SPDX-License-Identifier: MIT
// Validator's walk of the tree against the schema: unknown, missing and duplicate keys, ids and lists.
#include "validator.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cisim/scenario/did_you_mean.hpp"

namespace cisim::detail {
namespace {

bool is_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

void Validator::walk(const RawNode& node, const std::string& pattern, const std::string& path) {
  written_.insert(path);
  const KeySpec* spec = pattern.empty() ? nullptr : find_key_spec(pattern);
  const KeyType type = spec ? spec->type : KeyType::Section;
  switch (type) {
    case KeyType::Section: walk_section(node, pattern, path); break;
    case KeyType::IdMap: walk_id_map(node, *spec, pattern, path); break;
    case KeyType::List: walk_list(node, pattern, path); break;
    default: check_leaf(node, *spec, path); break;
  }
}

// Collects a map's entries, reporting duplicate keys; returns the first of each key.
std::vector<const RawNode::Entry*> Validator::unique_entries(const RawNode& node, const std::string& path) {
  std::map<std::string, const RawNode::Entry*> first;
  std::vector<const RawNode::Entry*> out;
  for (const auto& e : node.entries) {
    auto [it, inserted] = first.emplace(e.key, &e);
    if (!inserted) {
      error(e.key_where, join(path, e.key),
            fmt::format("duplicate key '{}' (first written at line {})", e.key, it->second->key_where.line));
      continue;
    }
    out.push_back(&e);
  }
  return out;
}

void Validator::walk_section(const RawNode& node, const std::string& pattern, const std::string& path) {
  const std::vector<std::string> children = child_keys(pattern);
  if (!node.is_map()) {
    error(node.where, path, fmt::format("expected a map with keys such as {}, found {}", list_of(children), describe(node)));
    return;
  }
  sections_[path] = node.where;
  std::set<std::string> seen;
  for (const RawNode::Entry* e : unique_entries(node, path)) {
    const std::string child_pattern = join(pattern, e->key);
    if (e->key == "*" || !find_key_spec(child_pattern)) {
      error(e->key_where, join(path, e->key), "unknown key" + did_you_mean_suffix(e->key, children));
      continue;
    }
    seen.insert(e->key);
    walk(e->value, child_pattern, join(path, e->key));
  }
  for (const std::string& child : children) {
    const KeySpec* spec = find_key_spec(join(pattern, child));
    if (spec->required && !seen.contains(child)) {
      error(node.where, path, fmt::format("missing required key '{}' ({})", child, spec->description));
    }
  }
}

void Validator::walk_id_map(const RawNode& node, const KeySpec& spec, const std::string& pattern, const std::string& path) {
  if (!node.is_map()) {
    error(node.where, path, fmt::format("expected a map from ids to entries ({}), found {}", spec.description, describe(node)));
    return;
  }
  sections_[path] = node.where;
  auto& ids = ids_[path];
  for (const RawNode::Entry* e : unique_entries(node, path)) {
    if (!is_id(e->key)) {
      // Reported once; still registered, so references to it do not fail a second time.
      error(e->key_where, join(path, e->key),
            fmt::format("id '{}' may contain only letters, digits and '_' (at most 64)", e->key));
    } else if (e->key == "all") {
      // Reports name the aggregate of a scope "all" (the run, all blitzes): an item so named
      // would be mistaken for it.
      error(e->key_where, join(path, e->key), "id 'all' is reserved: reports use it for the aggregate of a scope");
    }
    ids.push_back(e->key);
    walk(e->value, pattern + ".*", join(path, e->key));
  }
  if (node.entries.empty()) error(node.where, path, "needs at least one entry");
}

void Validator::walk_list(const RawNode& node, const std::string& pattern, const std::string& path) {
  if (!node.is_sequence()) {
    error(node.where, path, fmt::format("expected a list, found {}", describe(node)));
    return;
  }
  sections_[path] = node.where;
  list_sizes_[path] = node.items.size();
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    walk(node.items[i], pattern + "[]", fmt::format("{}[{}]", path, i));
  }
}

}  // namespace cisim::detail
