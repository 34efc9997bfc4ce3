// SPDX-License-Identifier: MIT
// RawNode lookups and descriptions.
#include "cisim/scenario/raw_node.hpp"

#include <fmt/core.h>

namespace cisim {

const RawNode* RawNode::find(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key == key) return &it->value;
  }
  return nullptr;
}

RawNode* RawNode::find(std::string_view key) {
  return const_cast<RawNode*>(static_cast<const RawNode&>(*this).find(key));
}

std::string describe(const RawNode& node) {
  switch (node.kind) {
    case RawNode::Kind::Null:
      return "nothing";
    case RawNode::Kind::Map:
      return "a map";
    case RawNode::Kind::Sequence:
      return "a list";
    case RawNode::Kind::Scalar:
      break;
  }
  if (node.scalar.size() > 40) return fmt::format("'{}...'", node.scalar.substr(0, 40));
  return fmt::format("'{}'", node.scalar);
}

}  // namespace cisim
