#!/usr/bin/env bash
# Compiles SlimRuntime as Embedded Swift for a Cortex-M (armv7em) and a RISC-V (riscv32)
# target, without zlib and without an OS, so that the runtime cannot quietly grow a
# dependency the firmware build cannot satisfy. Prints the object sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sources=$(find Sources/SlimRuntime -name '*.swift' | sort)
for target in armv7em-none-none-eabi riscv32-none-none-eabi; do
  swiftc -enable-experimental-feature Embedded -target "$target" -wmo -parse-as-library -Osize \
    -module-name SlimRuntime -emit-module -emit-module-path "$out/$target.swiftmodule" \
    -c $sources -o "$out/$target.o"
  size=$(stat -c %s "$out/$target.o")
  echo "embedded $target: SlimRuntime compiles (object file $size bytes)"
done
