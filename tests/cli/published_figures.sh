#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every case of docs/validation.md passes, and the page is exactly what cisim_validate prints.
# Usage: published_figures.sh CISIM_VALIDATE SOURCE_DIR
set -u
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if ! "$1" "$2" > "$out"; then
  cat "$out"
  echo "0 passed, 1 failed"
  exit 1
fi
if ! diff "$out" "$2/docs/validation.md"; then
  echo "docs/validation.md is out of date: run tools/validate.sh"
  echo "1 passed, 1 failed"
  exit 1
fi
echo "2 passed, 0 failed"
