#!/usr/bin/env bash
# Builds one fuzz target: Tools/fuzz/build.sh TARGET; prints the fuzzer's path.
#
# The package's modules are compiled straight from Sources/ with swiftc, with
# libFuzzer's coverage and AddressSanitizer (SwiftPM would also try to link the
# executables against libFuzzer's main). A target file says what it needs in
# a header comment (see README.md): `// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler`.
# Modules are cached in .build-fuzz/modules and rebuilt when a source changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: Tools/fuzz/build.sh TARGET}
file=Tools/fuzz/targets/$target.swift
[ -f "$file" ] || { echo "no fuzz target '$target' (files in Tools/fuzz/targets/)" >&2; exit 64; }
out=.build-fuzz
mkdir -p "$out/modules" "$out/bin"
header() { sed -n "s|^// $1: ||p" "$file"; }
flags=(-sanitize=fuzzer,address -O -g -swift-version 6 -D Zlib -I Sources/CZlib -I "$out/modules")

# source_dir MODULE: the package's own Sources/MODULE, or a SwiftPM dependency's
# (SwiftProtobuf, which SlimCompiler's ONNX importer needs) from the resolved checkouts.
source_dir() {
  if [ -d "Sources/$1" ]; then echo "Sources/$1"; return; fi
  local found
  found=$(find .build/checkouts -maxdepth 3 -type d -path "*/Sources/$1" 2>/dev/null | head -1)
  if [ -z "$found" ]; then
    swift package resolve >&2
    found=$(find .build/checkouts -maxdepth 3 -type d -path "*/Sources/$1" | head -1)
  fi
  [ -n "$found" ] || { echo "no sources for module '$1'" >&2; exit 70; }
  echo "$found"
}

libraries=()
for module in $(header fuzz-modules); do
  library=$out/modules/lib$module.a
  dir=$(source_dir "$module")
  module_flags=()
  # swift-protobuf's own package settings.
  [ "$module" = SwiftProtobuf ] && module_flags=(-enable-upcoming-feature ExistentialAny -package-name swift_protobuf)
  if ! [ -f "$library" ] || [ -n "$(find "$dir" Tools/fuzz/build.sh -newer "$library" -print -quit)" ]; then
    echo "== compiling $module for fuzzing" >&2
    mapfile -t sources < <(find "$dir" -name '*.swift' | sort)
    # -enable-testing lets a target reach internal entry points (`@testable import`).
    swiftc "${flags[@]}" "${module_flags[@]}" -parse-as-library -enable-testing -wmo -module-name "$module" \
      -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
      -emit-library -static -o "$library" "${sources[@]}" >&2
  fi
  libraries=("-l$module" "${libraries[@]}")
done

binary=$out/bin/fuzz-$target
echo "== linking $binary" >&2
swiftc "${flags[@]}" -parse-as-library -module-name "Fuzz_$target" "$file" \
  -L "$out/modules" "${libraries[@]}" -lz -o "$binary" 2> >(grep -v 'Cannot export local symbol' >&2)
echo "$binary"
