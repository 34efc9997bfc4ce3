# SPDX-License-Identifier: MIT
# Turns a text file into a C++ function returning it, so the binary carries it:
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DFUNCTION=name -P embed_text.cmake
# The function is cisim::resources::NAME() -> std::string_view (sim/report/html_resources.hpp).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Break the array into lines of 32 bytes (160 characters) to keep compilers and editors happy.
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated from ${name} by cmake/embed_text.cmake: do not edit.
#include <string_view>
namespace cisim::resources {
namespace {
const unsigned char kBytes[${size} + 1] = {
${bytes}0};
}  // namespace
std::string_view ${FUNCTION}() { return {reinterpret_cast<const char*>(kBytes), ${size}}; }
}  // namespace cisim::resources
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
