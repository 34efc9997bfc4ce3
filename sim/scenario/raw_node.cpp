// SPDX-License-Identifier: MIT
// RawNode lookups and descriptions.
#include "cisim/scenario/raw_node.hpp"

#include <algorithm>
#include <cctype>

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

namespace cisim {
namespace {

// A scalar as YAML reads it back as the same text: plain when it is safe, else double-quoted.
std::string yaml_scalar(const std::string& text) {
  bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ' && text.front() != '-';
  for (char c : text) {
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '+' || c == '-' || c == ' ';
    if (!safe) plain = false;
  }
  // Words YAML would read as null or booleans stay text.
  for (const char* word : {"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "off"}) {
    if (text == word) plain = false;
  }
  if (plain) return text;
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
  }
  out += '"';
  return out;
}

void emit(const RawNode& node, int indent, std::string& out);

// A value after "key:" or "-": scalars and empty collections on the same line, others below.
void emit_value(const RawNode& value, int indent, std::string& out) {
  if (value.is_null()) {
    out += " ~\n";
  } else if (value.is_scalar()) {
    out += ' ';
    out += yaml_scalar(value.scalar);
    out += '\n';
  } else if (value.is_map() && value.entries.empty()) {
    out += " {}\n";
  } else if (value.is_sequence() && std::all_of(value.items.begin(), value.items.end(), [](const RawNode& i) { return i.is_scalar(); })) {
    // A list of plain values (a profile, a list of ids) on one line, in flow style.
    out += " [";
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      if (i > 0) out += ", ";
      out += yaml_scalar(value.items[i].scalar);
    }
    out += "]\n";
  } else {
    out += "\n";
    emit(value, indent + 2, out);
  }
}

void emit(const RawNode& node, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (node.is_map()) {
    for (const auto& e : node.entries) {
      out += pad;
      out += yaml_scalar(e.key);
      out += ':';
      emit_value(e.value, indent, out);
    }
  } else if (node.is_sequence()) {
    for (const auto& item : node.items) {
      out += pad;
      out += '-';
      emit_value(item, indent, out);
    }
  } else {
    out += pad;
    out += node.is_null() ? std::string("~") : yaml_scalar(node.scalar);
    out += '\n';
  }
}

}  // namespace

std::string to_yaml(const RawNode& node, const std::string& skip_top_level) {
  if (!node.is_map() || skip_top_level.empty()) {
    std::string out;
    emit(node, 0, out);
    return out;
  }
  RawNode copy = node;
  std::erase_if(copy.entries, [&](const RawNode::Entry& e) { return e.key == skip_top_level; });
  std::string out;
  emit(copy, 0, out);
  return out;
}

}  // namespace cisim
