#!/usr/bin/env python3
"""Checks full-width torchvision ResNet-18 and MobileNetV2 ONNX files end to end.

Exports both (random weights, eval mode, 96x96 input) into a scratch folder, runs
onnxruntime, then `slim-pack` (with its verification) and `slim-run --output`, and
prints the relative difference (max|a-r|/max|r|) and top-1 agreement per image.
Too large to commit, so this is a tool, not a test. Needs torch, torchvision, onnx,
onnxruntime and a built slim (default: .build/debug; pass --bin DIR to change).
Usage: check_full_size.py [--bin .build/release]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnxruntime as ort
import torch
import torchvision

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug"))
    parser.add_argument("--size", type=int, default=96)
    args = parser.parse_args()
    torch.manual_seed(0)
    inputs = torch.randn(2, 3, args.size, args.size)
    worst = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        np.save(os.path.join(scratch, "inputs.npy"), inputs.numpy())
        for name, model in (("resnet18", torchvision.models.resnet18()),
                            ("mobilenet_v2", torchvision.models.mobilenet_v2())):
            model.eval()
            onnx_path = os.path.join(scratch, name + ".onnx")
            torch.onnx.export(model, inputs[:1], onnx_path, input_names=["input"], opset_version=17, dynamo=False)
            session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
            expected = np.concatenate([session.run(None, {"input": x[None].numpy()})[0] for x in inputs])
            slim_path = os.path.join(scratch, name + ".slim")
            out_path = os.path.join(scratch, name + "-out.npy")
            subprocess.run([os.path.join(args.bin, "slim-pack"), onnx_path, slim_path], check=True)
            subprocess.run([os.path.join(args.bin, "slim-run"), slim_path, os.path.join(scratch, "inputs.npy"),
                            "--output", out_path], check=True, stdout=subprocess.DEVNULL)
            got = np.load(out_path).reshape(expected.shape)
            for i in range(len(expected)):
                relative = np.abs(got[i] - expected[i]).max() / np.abs(expected[i]).max()
                worst = max(worst, relative)
                print(f"{name} image {i}: relative {relative:.3e}, top-1 "
                      f"{'same' if got[i].argmax() == expected[i].argmax() else 'DIFFERENT'}")
    print(f"worst relative difference {worst:.3e} ({'within' if worst <= 1e-4 else 'OUTSIDE'} 1e-4)")
    return 0 if worst <= 1e-4 else 1


if __name__ == "__main__":
    sys.exit(main())
