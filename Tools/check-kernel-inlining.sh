#!/usr/bin/env bash
# Checks that the release build's kernels call no standard-library vector member out of
# line: `loadUnaligned`, `storeBytes` and the specialized members of the SIMD types
# (`evenHalf`, `lowHalf`, `init(repeating:)`, ...). The kernels are written so that each
# micro-kernel inlines whole, and such a call returns its vector through memory or in
# pieces: twice the optimizer left one out of line after an unrelated new use of the same
# member elsewhere in the module (the README's "Speed" section), which made the direct
# kernels 2.5x slower and no test failed. So this script looks at the machine code.
#
# Usage: Tools/check-kernel-inlining.sh [BUILD_DIR]
# Builds `slim-run` in release with SLIM_NATIVE=1 into BUILD_DIR (default .build-native),
# then lists, from `objdump -d`, every call from a SlimRuntime function to such a member.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-.build-native}"

if ! command -v objdump >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq binutils >/dev/null
fi

SLIM_NATIVE=1 swift build -c release --scratch-path "$build_dir" --product slim-run >/dev/null
binary="$build_dir/release/slim-run"

# Callers: functions of the SlimRuntime module (mangled `$s11SlimRuntime`). Callees:
# standard-library (`$ss`, `$sS`) loads and stores of raw pointers, and generic
# specializations (`Tg5`) of the SIMD types' members.
calls=$(objdump -d --no-show-raw-insn "$binary" | awk '
  /^[0-9a-f]+ <.*>:$/ { caller = $2; next }
  caller ~ /^<\$s11SlimRuntime/ && /call/ {
    callee = $NF
    if (callee ~ /^<\$s[sS]/ && (callee ~ /loadUnaligned|storeBytes/ || callee ~ /SIMD[0-9]+V.*Tg5/)) {
      print caller " -> " callee
    }
  }' | sort | uniq -c)

if [ -n "$calls" ]; then
  echo "kernel inlining: standard-library vector members called out of line in $binary:"
  echo "$calls"
  exit 1
fi
echo "kernel inlining: no standard-library vector member is called out of line ($binary)"
