# Sourced by the Tools/firmware scripts: compiles SlimRuntime and SlimRuntimeC as
# Embedded Swift for one target, the way a firmware build would.

swift_bin=$(dirname "$(readlink -f "$(command -v swiftc)")")
embedded_lib=$swift_bin/../lib/swift/embedded

# Per-target code generation flags. Cortex-M4 with the single-precision FPU and the
# hard-float ABI (what `thumb/v7e-m+fp/hard` newlib expects); riscv32 with M, F
# (single-precision float) and C (compressed instructions).
target_flags() {
  case "$1" in
    armv7em-none-none-eabi)
      echo "-Xcc -mcpu=cortex-m4 -Xcc -mfloat-abi=hard -Xcc -mfpu=fpv4-sp-d16 -Xfrontend -target-cpu -Xfrontend cortex-m4" ;;
    riscv32-none-none-eabi) echo "-Xcc -march=rv32imfc -Xcc -mabi=ilp32f" ;;
    *) echo "" ;;
  esac
}

# compile_embedded TARGET OUTDIR: writes OUTDIR/SlimRuntime.o and OUTDIR/SlimRuntimeC.o.
# -Osize, one section per function and data object (so --gc-sections can drop what
# the API never reaches), no stack protector (bare metal has no __stack_chk_guard),
# zlib off (no trait), whole-module.
compile_embedded() {
  local target=$1 out=$2
  local common=(-enable-experimental-feature Embedded -target "$target" -wmo -parse-as-library -Osize
    -Xfrontend -function-sections -Xfrontend -disable-stack-protector -Xcc -fdata-sections -I "$out")
  # shellcheck disable=SC2046
  swiftc "${common[@]}" $(target_flags "$target") -module-name SlimRuntime \
    -emit-module -emit-module-path "$out/SlimRuntime.swiftmodule" \
    -c $(find Sources/SlimRuntime -name '*.swift' | sort) -o "$out/SlimRuntime.o"
  # shellcheck disable=SC2046
  swiftc "${common[@]}" $(target_flags "$target") -module-name SlimRuntimeC \
    -c $(find Sources/SlimRuntimeC -name '*.swift' | sort) -o "$out/SlimRuntimeC.o"
}

# The C API's entry points: what a firmware image keeps alive.
api_symbols() {
  grep -oE 'slim_[a-z_]+\(' Sources/SlimRuntimeC/include/slim.h | tr -d '(' | sort -u
}
