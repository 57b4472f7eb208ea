#!/usr/bin/env bash
# Regenerates Sources/SlimCompiler/Import/ONNX/onnx.pb.swift from onnx.proto beside it.
# Needs protoc (apt-get install protobuf-compiler) and protoc-gen-swift built from
# swift-protobuf at the version Package.swift resolves (1.39.0):
#   swift build -c release --product protoc-gen-swift --package-path <a package depending on swift-protobuf>
# then pass its path as PROTOC_GEN_SWIFT. Builds never need this: the output is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
plugin="${PROTOC_GEN_SWIFT:?set PROTOC_GEN_SWIFT to the protoc-gen-swift binary}"
dir=Sources/SlimCompiler/Import/ONNX
protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Internal \
  --proto_path="$dir" --swift_out="$dir" "$dir/onnx.proto"
echo "wrote $dir/onnx.pb.swift"
