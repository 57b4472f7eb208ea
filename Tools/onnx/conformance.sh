#!/usr/bin/env bash
# Lists pass/refused per ONNX backend node case of every supported operator: writes the
# cases from the installed onnx package (pip install onnx) into a scratch folder, runs
# them through the importer, the reference engine and the runtime, prints one line per case.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases="${1:-$(mktemp -d)}"
python3 Tools/onnx/make_node_cases.py "$cases"
swift build --build-tests -q
SLIM_ONNX_NODE_CASES="$cases" swift test --skip-build --filter ONNXConformanceTests 2>&1 \
  | grep -E '^onnx-(case|conformance):'
