#!/usr/bin/env bash
# Fills .build-fuzz/seeds/TARGET with the seed inputs its target file names
# (`// fuzz-seeds:` globs relative to the repository, or one of the generated
# sets below), so every corpus starts from real fixtures.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: Tools/fuzz/seeds.sh TARGET}
seeds=.build-fuzz/seeds/$target
rm -rf "$seeds" && mkdir -p "$seeds"
for pattern in $(sed -n 's|^// fuzz-seeds: ||p' "Tools/fuzz/targets/$target.swift"); do
  case "$pattern" in
    @slim-packs)
      # .slim files packed from the VGG fixtures, stored and compressed, one with PACK, and an int8 model
      # taking uint8 pixels (quantizePixels), calibrated on the fixture's uint8 digits.
      swift build --product slim-pack >&2
      pack=$(swift build --show-bin-path)/slim-pack
      for checkpoint in finetuned pruned vgg16-tiny; do
        for compression in none zlib; do
          "$pack" "Tests/Fixtures/vgg/$checkpoint.pth.tar" "$seeds/$checkpoint-$compression.slim" \
            --compress "$compression" --mean 0.5,0.5,0.5 --std 0.25,0.25,0.25 --labels a,b,c,d,e,f,g,h,i,j -q
        done
      done
      # And one with the optional PACK section (pre-packed convolution weights).
      "$pack" Tests/Fixtures/vgg/vgg16-tiny.pth.tar "$seeds/vgg16-tiny-packed.slim" --packed-weights -q
      pixels=$(mktemp -d)
      cp Tests/Fixtures/vgg/inputs/digit-*.u8 "$pixels/"
      "$pack" Tests/Fixtures/vgg/pruned.pth.tar "$seeds/pruned-int8-u8.slim" --int8 --input uint8 \
        --calibration "$pixels" --mean 0.5,0.5,0.5 --std 0.25,0.25,0.25 -q
      rm -rf "$pixels" ;;
    @pickles)
      # The data.pkl stream of every checkpoint fixture (python3's zipfile; no torch).
      python3 - "$seeds" Tests/Fixtures/checkpoint/*.pt Tests/Fixtures/vgg/*.pth.tar <<'PY'
import pathlib, sys, zipfile
out = pathlib.Path(sys.argv[1])
for path in sys.argv[2:]:
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith("/data.pkl"):
                    (out / (pathlib.Path(path).stem + ".pkl")).write_bytes(archive.read(name))
    except Exception:
        pass  # hostile fixtures are not all readable zips
PY
      ;;
    @onnx-nodes)
      # One model.onnx per ONNX backend node case of the supported operators (small graphs
      # that reach every operator's attribute checks), generated from the onnx package.
      if python3 -c 'import onnx' 2>/dev/null; then
        cases=$(mktemp -d)
        python3 Tools/onnx/make_node_cases.py "$cases" >&2
        for model in "$cases"/*/model.onnx; do cp "$model" "$seeds/$(basename "$(dirname "$model")").onnx"; done
        rm -rf "$cases"
      else
        echo "onnx is not installed (pip install onnx): no node-case seeds" >&2
      fi ;;
    *) for file in $pattern; do [ -f "$file" ] && cp "$file" "$seeds/$(echo "$file" | tr / _)"; done ;;
  esac
done
echo "$(ls "$seeds" | wc -l) seeds in $seeds" >&2
