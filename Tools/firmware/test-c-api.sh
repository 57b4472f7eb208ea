#!/usr/bin/env bash
# Tests include/slim.h from C on the host: builds SlimRuntime + SlimRuntimeC as
# Embedded Swift for x86_64 (the same sources and flags as firmware), links
# Tools/firmware/capi_test.c against them, runs it on the VGG fixture packed in
# float32 and in int8 and checks each top-1 class against slim-run's.
# Usage: Tools/firmware/test-c-api.sh [OUT_DIR]   (default out/firmware-capi)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tools/firmware/embedded.sh
out=${1:-out/firmware-capi}
image=Tests/Fixtures/vgg/inputs/digit-0.f32
mkdir -p "$out"

swift build --product slim-pack >/dev/null
swift build --product slim-run >/dev/null
bin=$(swift build --show-bin-path)
"$bin/slim-pack" -q Tests/Fixtures/vgg/finetuned.pth.tar "$out/model.slim"
"$bin/slim-pack" -q Tests/Fixtures/vgg/finetuned.pth.tar "$out/model-int8.slim" \
  --int8 --calibration Tests/Fixtures/vgg/inputs/batch.npy

compile_embedded x86_64-unknown-linux-gnu "$out"
# --gc-sections as in firmware: what the API never reaches (String normalization) is dropped.
clang -std=c11 -Wall -Werror -O1 -I Sources/SlimRuntimeC/include Tools/firmware/capi_test.c \
  "$out/SlimRuntime.o" "$out/SlimRuntimeC.o" -Wl,--gc-sections -lm -o "$out/capi_test"
for model in model model-int8; do
  echo "== $model.slim"
  "$out/capi_test" "$out/$model.slim" "$image" | tee "$out/$model.txt"
  host=$("$bin/slim-run" "$out/$model.slim" "$image" --top 1 | sed -nE 's/^ *1\. class ([0-9]+).*/\1/p')
  device=$(sed -nE 's/^top-1 class ([0-9]+).*/\1/p' "$out/$model.txt")
  [ -n "$host" ] && [ "$host" = "$device" ] || { echo "$model: C API top-1 '$device', slim-run '$host'" >&2; exit 1; }
  echo "$model: C API top-1 class $device equals slim-run's"
done
