// SPDX-License-Identifier: MIT
// RawNode: a scenario document as written, every node with its source location.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cisim/scenario/diagnostic.hpp"

namespace cisim {

/// A YAML document (or a --set value) before validation: maps keep their entries in order
/// and keep duplicates, so validation can report them; every node knows where it was
/// written. Values are untyped text until the schema says what they are.
struct RawNode {
  enum class Kind { Null, Scalar, Sequence, Map };
  struct Entry;

  Kind kind = Kind::Null;
  std::string scalar;
  std::vector<RawNode> items;   // Sequence
  std::vector<Entry> entries;   // Map, in written order, duplicates kept
  SourceLocation where;

  bool is_map() const { return kind == Kind::Map; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_null() const { return kind == Kind::Null; }
  /// The last entry with this key (the one that wins), or null.
  const RawNode* find(std::string_view key) const;
  RawNode* find(std::string_view key);
};

struct RawNode::Entry {
  std::string key;
  SourceLocation key_where;
  RawNode value;
};

/// The node as block-style YAML that reads back to the same tree (scalars quoted where YAML
/// would read them otherwise); `skip_top_level` names a top-level key left out ("include").
std::string to_yaml(const RawNode& node, const std::string& skip_top_level = "");

/// Describes a node's kind for messages: "a map", "a list", "text 'abc'", "nothing".
std::string describe(const RawNode& node);

}  // namespace cisim
