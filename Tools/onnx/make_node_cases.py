#!/usr/bin/env python3
"""Writes the ONNX backend node test cases of the operators slim supports into a folder.

The `onnx` pip package ships the generators of its backend node tests
(onnx.backend.test.case.node) but not always their data; this script runs them and
writes each case the way ONNX's own data folder lays it out:

    OUT/<case>/model.onnx
    OUT/<case>/test_data_set_0/input_0.pb ... output_0.pb

The files are the ONNX project's; they are generated on the machine that tests and
never committed. Usage: make_node_cases.py OUT
"""
import os
import shutil
import sys

import onnx
from onnx import numpy_helper
import onnx.backend.test.case.node as node_cases

# ONNX operator types the importer supports (keep in sync with
# ONNXGraphBuilder.supportedOperators; Shape/Gather/Unsqueeze/Cast are only folded on
# constants, so their own cases are not listed).
SUPPORTED = {
    "Conv", "BatchNormalization", "Relu", "Clip", "MaxPool", "AveragePool",
    "GlobalAveragePool", "Concat", "Gemm", "MatMul", "Flatten", "Reshape", "Identity",
    "Dropout", "Constant", "Add", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Mul",
    "Sub", "Div", "Pad", "Resize", "Upsample",
}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    written = 0
    for case in node_cases.collect_testcases(None):
        ops = {n.op_type for n in case.model.graph.node}
        # A case belongs to an operator when its graph uses that operator;
        # expanded function bodies (`_expanded`) use other operators and are left out.
        if not ops or not ops <= SUPPORTED or case.name.endswith("_expanded"):
            continue
        if not any(n.op_type in SUPPORTED - {"Constant", "Identity"} or len(ops) == 1 for n in case.model.graph.node):
            continue
        inputs, outputs = case.data_sets[0]
        if not all(hasattr(a, "shape") or isinstance(a, onnx.TensorProto) for a in list(inputs) + list(outputs)):
            print(f"{case.name}: skipped (sequence or map values, not tensors)")
            continue
        folder = os.path.join(out, case.name)
        shutil.rmtree(folder, ignore_errors=True)
        data = os.path.join(folder, "test_data_set_0")
        os.makedirs(data)
        with open(os.path.join(folder, "model.onnx"), "wb") as f:
            f.write(case.model.SerializeToString())
        for kind, arrays, infos in (("input", inputs, case.model.graph.input),
                                    ("output", outputs, case.model.graph.output)):
            for j, array in enumerate(arrays):
                tensor = array if isinstance(array, onnx.TensorProto) else numpy_helper.from_array(array, infos[j].name)
                with open(os.path.join(data, f"{kind}_{j}.pb"), "wb") as f:
                    f.write(tensor.SerializeToString())
        written += 1
    print(f"wrote {written} node cases (onnx {onnx.__version__}) to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
