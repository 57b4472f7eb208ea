#!/usr/bin/env bash
# Compiles SlimRuntime and its C API (SlimRuntimeC) as Embedded Swift for Cortex-M4
# (armv7em, hard float) and RISC-V (riscv32imfc) at -Osize with one section per
# function, links them with ld.lld --gc-sections keeping only the slim_* entry points
# of include/slim.h, and prints what a firmware image pays for the runtime: code
# (.text), read-only data, RAM (.data + .bss), and which parts dominate the code.
# libc/compiler-rt symbols (memcpy, 64-bit division, malloc) are left out: a firmware
# links its own. Allocation-free inference: the kernels compile under -no-allocations
# here (the fp32 kernels but Concat, whose array parameters are built once at session start and
# only read; the compiler cannot tell), and run-example.sh / test-c-api.sh count heap
# allocations around slim_session_run on the device and the host: zero.
# Usage: Tools/firmware/build.sh [OUT_DIR]   (default out/firmware-size)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tools/firmware/embedded.sh
out=${1:-out/firmware-size}
budget=32768

# bytes_of FILE PATTERN: total size of the defined code symbols whose demangled
# name matches PATTERN (an extended regex).
bytes_of() {
  llvm-nm --defined-only -S "$1" | awk 'NF == 4 && $3 ~ /^[tTwW]$/ {print $2, $4}' \
    | while read -r size name; do echo "$((16#$size)) $(echo "$name" | swift-demangle --simplified)"; done \
    | grep -E "$2" | awk '{sum += $1} END {print sum + 0}'
}

echo "== kernels under -no-allocations (armv7em)"
# shellcheck disable=SC2046
swiftc -enable-experimental-feature Embedded -target armv7em-none-none-eabi -wmo -parse-as-library -Osize \
  -Xfrontend -no-allocations -module-name SlimKernels -o /dev/null \
  -c $(find Sources/SlimRuntime/Kernels -maxdepth 1 -name '*.swift' ! -name Concat.swift | sort) \
  Sources/SlimRuntime/Format/SlimActivation.swift
echo "   compiles: the fp32 kernels cannot allocate"
# Not covered: Kernels/Int8. On 32-bit targets -no-allocations rejects every Int64
# conversion (`Int64(x)` for an Int32 x reports `_ContiguousArrayStorage<UInt>`, the
# generic `words` path of the standard library, although the optimized code is a sign
# extension). Their allocation-freedom is measured instead: run-example.sh (qemu) and
# test-c-api.sh (host) count heap allocations while int8 models run: zero.

# types_in DIR...: the type names declared or extended in the Swift files under DIR,
# as an alternation for bytes_of (so a new kernel file is counted without editing this).
types_in() {
  grep -rhoE '^(public |final |public final )?(enum|struct|class|extension) [A-Za-z0-9_]+' "$@" \
    | awk '{print $NF}' | sort -u | paste -sd'|'
}

# section_bytes FILE PATTERN: total size of the sections whose name matches PATTERN
# (llvm-objdump ships with the Swift toolchain; llvm-size may not be installed).
section_bytes() {
  local sum=0 size
  for size in $(llvm-objdump -h "$1" | awk -v pattern="$2" '$2 ~ pattern {print $3}'); do sum=$((sum + 16#$size)); done
  echo "$sum"
}

for target in armv7em-none-none-eabi riscv32-none-none-eabi; do
  mkdir -p "$out/$target"
  compile_embedded "$target" "$out/$target"
  # shellcheck disable=SC2046
  ld.lld --gc-sections --unresolved-symbols=ignore-all -e slim_model_open $(api_symbols | sed 's/^/-u /') \
    "$out/$target/SlimRuntime.o" "$out/$target/SlimRuntimeC.o" -o "$out/$target/slim-api.elf"
  elf=$out/$target/slim-api.elf
  code=$(section_bytes "$elf" '^\.text$')
  rodata=$(section_bytes "$elf" '^\.(rodata|ARM\.exidx|data\.rel\.ro|srodata)')
  ram=$(section_bytes "$elf" '^\.(data|sdata|bss|sbss)$')
  kernels=$(bytes_of "$elf" "^[0-9]+ (static )?($(types_in Sources/SlimRuntime/Kernels))\\.")
  int8_kernels=$(bytes_of "$elf" "^[0-9]+ (static )?($(types_in Sources/SlimRuntime/Kernels/Int8))\\.")
  execution=$(bytes_of "$elf" "^[0-9]+ (static )?($(types_in Sources/SlimRuntime/Execution))\\b")
  messages=$(bytes_of "$elf" '^[0-9]+ SlimError.*(description|name)')
  loading=$(bytes_of "$elf" \
    "^[0-9]+ (static )?($(types_in Sources/SlimRuntime/Model Sources/SlimRuntime/Format | sed 's/GatherChannels|//'))\\b")
  capi=$(bytes_of "$elf" '^[0-9]+ (slim_|slim[A-Z]|writeMessage|borrowModel|tensorIndices|SlimStatus)')
  echo "== $target: runtime + C API, -Osize, --gc-sections (bytes)"
  echo "   code (.text)          $code   ($((code * 100 / budget))% of the $budget-byte target)"
  echo "   read-only data        $rodata"
  echo "   RAM (.data + .bss)    $ram   (plus the model's arena and the heap used while opening)"
  echo "   code by part: kernels $kernels (int8 $int8_kernels), execution $execution," \
    "loading/validation $loading, error messages $messages, C API $capi," \
    "Swift standard library and outlined copies $((code - kernels - execution - loading - messages - capi))"
done
