#!/usr/bin/env python3
"""Writes a small MobileNetV3-style ONNX model that uses the activations and broadcasts
slim-pack supports beyond ReLU (HardSwish, LeakyRelu, HardSigmoid, Clip, Sigmoid, a
squeeze-excitation Mul, per-channel and scalar constant Mul/Add), random inputs, and
onnxruntime's outputs on them, for ONNXActivationModelTests:

    OUT/model.onnx  OUT/inputs.npy [N,3,16,16]  OUT/ort.npy [N,10]

Needs the onnx and onnxruntime pip packages (.ci/run installs them). Usage:
make_activation_model.py OUT
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import onnxruntime


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    inits = []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array, dtype=np.float32), name))
        return name

    def conv(name, x, cin, cout, k, group=1):
        w = const(name + ".w", rng.normal(0, 0.4, (cout, cin // group, k, k)))
        b = const(name + ".b", rng.normal(0, 0.2, (cout,)))
        return helper.make_node("Conv", [x, w, b], [name], name=name, pads=[k // 2] * 4, group=group)

    nodes = [
        conv("stem", "x", 3, 8, 3),
        helper.make_node("HardSwish", ["stem"], ["hs"], name="hs"),
        conv("dw", "hs", 8, 8, 3, group=8),
        helper.make_node("Mul", ["dw", const("scale", rng.uniform(0.5, 1.5, (8, 1, 1)))], ["scaled"], name="scale"),
        helper.make_node("Add", ["scaled", const("shift", 0.1)], ["shifted"], name="shift"),
        helper.make_node("LeakyRelu", ["shifted"], ["lr"], name="lr", alpha=0.2),
        helper.make_node("GlobalAveragePool", ["lr"], ["squeeze"], name="squeeze"),
        conv("excite", "squeeze", 8, 8, 1),
        helper.make_node("HardSigmoid", ["excite"], ["gate"], name="gate", alpha=1 / 6, beta=0.5),
        helper.make_node("Mul", ["lr", "gate"], ["se"], name="se"),
        conv("project", "se", 8, 8, 1),
        helper.make_node("Clip", ["project", const("lo", -1.0), const("hi", 2.5)], ["clip"], name="clip"),
        conv("head", "clip", 8, 8, 1),
        helper.make_node("Sigmoid", ["head"], ["sig"], name="sig"),
        helper.make_node("Mul", ["sig", "clip"], ["swish"], name="swish"),
        helper.make_node("GlobalAveragePool", ["swish"], ["pool"], name="pool"),
        helper.make_node("Flatten", ["pool"], ["flat"], name="flat"),
        helper.make_node("Gemm", ["flat", const("fc.w", rng.normal(0, 0.5, (10, 8))), const("fc.b", rng.normal(0, 0.1, (10,)))],
                         ["y"], name="fc", transB=1),
    ]
    graph = helper.make_graph(
        nodes, "activations", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = os.path.join(out, "model.onnx")
    onnx.save(model, path)
    inputs = (rng.normal(0, 1, (4, 1, 3, 16, 16)) * np.array([1, 3, 10, 30]).reshape(4, 1, 1, 1, 1)).astype(np.float32)
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    outputs = np.concatenate([session.run(None, {"x": x})[0] for x in inputs])
    np.save(os.path.join(out, "inputs.npy"), inputs.reshape(4, 3, 16, 16))
    np.save(os.path.join(out, "ort.npy"), outputs.astype(np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main())
