#!/usr/bin/env python3
"""Checks full-width torchvision ResNet-18 and MobileNetV2 ONNX files end to end.

Exports both (random weights, eval mode, 96x96 input) into a scratch folder, runs
onnxruntime, then `slim-pack` (with its verification) and `slim-run --output`, and
prints the relative difference (max|a-r|/max|r|) and top-1 agreement per image.
Too large to commit, so this is a tool, not a test. Needs torch, onnx, onnxruntime
and a built slim (default: .build/debug; pass --bin DIR to change). Uses torchvision's
models when torchvision imports; otherwise the same architectures defined here
(ResNet-18) and in Tools/bench/bench.py (MobileNetV2), since a torchvision wheel from
PyPI does not load against a CPU-only torch.
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
import torch.nn as nn

try:
    import torchvision
except Exception:  # missing, or built against another torch
    torchvision = None


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock."""

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = (nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))
                           if stride != 1 or inplanes != planes else None)

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        y = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(y)) + identity)


class ResNet18(nn.Module):
    """torchvision.models.resnet18's architecture (1000 classes)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1, self.relu = nn.BatchNorm2d(64), nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        layers, inplanes = [], 64
        for planes, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [BasicBlock(inplanes, planes, stride), BasicBlock(planes, planes)]
            inplanes = planes
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, 1000)

    def forward(self, x):
        x = self.layers(self.maxpool(self.relu(self.bn1(self.conv1(x)))))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


def models():
    if torchvision is not None:
        return (("resnet18", torchvision.models.resnet18()), ("mobilenet_v2", torchvision.models.mobilenet_v2()))
    sys.path.insert(0, os.path.join(ROOT, "Tools", "bench"))
    from bench import MobileNetV2
    return (("resnet18", ResNet18()), ("mobilenet_v2", MobileNetV2()))

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
        for name, model in models():
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
