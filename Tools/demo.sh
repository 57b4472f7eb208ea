#!/usr/bin/env bash
# The main job on the bundled example: pack the fine-tuned, network-slimming-pruned
# VGG fixture (trained on scikit-learn's digits) and classify bundled images with it.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=Tests/Fixtures/vgg
mkdir -p out
swift build -c release --product slim-pack >/dev/null
swift build -c release --product slim-run >/dev/null
bin=$(swift build -c release --show-bin-path)

# Mean and std are the ones the fixture was trained with (Tests/Fixtures/vgg/manifest.json).
"$bin/slim-pack" "$fixtures/finetuned.pth.tar" out/digits-vgg.slim \
  --mean 0.3054336905479431,0.3054336905479431,0.3054336905479431 \
  --std 0.3759571611881256,0.3759571611881256,0.3759571611881256 \
  --labels zero,one,two,three,four,five,six,seven,eight,nine

labels=(7 6 3 7 7 3 2 8)
for k in 0 1 2; do
  echo
  echo "== $fixtures/inputs/digit-$k.u8 (a ${labels[$k]}; raw uint8 pixels, normalized with the stored mean/std)"
  "$bin/slim-run" out/digits-vgg.slim "$fixtures/inputs/digit-$k.u8" --top 3
done
echo
echo "== $fixtures/inputs/batch.npy (8 images; raw logits written to out/logits.npy)"
"$bin/slim-run" out/digits-vgg.slim "$fixtures/inputs/batch.npy" --top 1 --output out/logits.npy
