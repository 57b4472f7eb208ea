#!/usr/bin/env bash
# Tests include/slim.h from C on the host: builds SlimRuntime + SlimRuntimeC as
# Embedded Swift for x86_64 (the same sources and flags as firmware), links
# Tools/firmware/capi_test.c against them, runs it on the VGG fixture packed in
# float32, in int8 (float32 input) and in int8 with uint8-pixel input
# (slim_session_run_u8), and checks each top-1 class against slim-run's.
# Usage: Tools/firmware/test-c-api.sh [OUT_DIR]   (default out/firmware-capi)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Tools/firmware/embedded.sh
out=${1:-out/firmware-capi}
mkdir -p "$out/calibration"

swift build --product slim-pack >/dev/null
swift build --product slim-run >/dev/null
bin=$(swift build --show-bin-path)
"$bin/slim-pack" -q Tests/Fixtures/vgg/finetuned.pth.tar "$out/model.slim"
"$bin/slim-pack" -q Tests/Fixtures/vgg/finetuned.pth.tar "$out/model-int8.slim" \
  --int8 --calibration Tests/Fixtures/vgg/inputs/batch.npy
# The uint8-input int8 model, calibrated on the fixture's eight uint8 digits.
cp Tests/Fixtures/vgg/inputs/digit-*.u8 "$out/calibration/"
statistic() {
  python3 -c "import json, sys; print(','.join(map(str, json.load(open(sys.argv[1]))['data'][sys.argv[2]])))" \
    Tests/Fixtures/vgg/manifest.json "$1"
}
"$bin/slim-pack" -q Tests/Fixtures/vgg/finetuned.pth.tar "$out/model-u8.slim" --int8 --input uint8 \
  --calibration "$out/calibration" --mean "$(statistic mean)" --std "$(statistic std)"

compile_embedded x86_64-unknown-linux-gnu "$out"
# --gc-sections as in firmware: what the API never reaches (String normalization) is dropped.
clang -std=c11 -Wall -Werror -O1 -I Sources/SlimRuntimeC/include Tools/firmware/capi_test.c \
  "$out/SlimRuntime.o" "$out/SlimRuntimeC.o" -Wl,--gc-sections -lm -o "$out/capi_test"
for pair in "model.slim digit-0.f32" "model-int8.slim digit-0.f32" "model-u8.slim digit-0.u8"; do
  read -r model image <<<"$pair"
  image=Tests/Fixtures/vgg/inputs/$image
  echo "== $model"
  "$out/capi_test" "$out/$model" "$image" | tee "$out/capi.txt"
  host=$("$bin/slim-run" "$out/$model" "$image" --top 1 | sed -nE 's/^ *1\. class ([0-9]+).*/\1/p')
  device=$(sed -nE 's/^top-1 class ([0-9]+).*/\1/p' "$out/capi.txt")
  [ -n "$host" ] && [ "$host" = "$device" ] || { echo "$model: C API top-1 '$device', slim-run '$host'" >&2; exit 1; }
  echo "$model: C API top-1 class $device equals slim-run's"
done
