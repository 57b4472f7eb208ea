#!/usr/bin/env python3
"""Side-by-side batch-1 latency: slim vs onnxruntime (MLAS) on this machine.

For each model (random weights, eval mode, BatchNorm statistics randomized so
folding is exercised) this script, in one run:
  1. builds it in PyTorch, saves a checkpoint and exports ONNX (opset 17);
  2. packs it with `slim-pack` (the checkpoint first, the ONNX file if that
     fails); a model slim-pack refuses is reported as "not supported yet", so
     the harness picks models up as soon as slim-pack accepts them;
  3. quantizes the ONNX model with onnxruntime's own static int8 quantization
     (QDQ, per-channel, calibrated on random inputs) as the int8 peer, and packs
     an int8 slim model when slim-pack offers an int8 option;
  4. times batch-1 inference in interleaved rounds (ort 1 thread, ort 2
     threads, slim 1 thread, slim 2 threads, ...), so machine load hits all
     engines alike, and reports medians.

It prints ms (the median of the rounds' medians), GFLOP/s (2·MACs of conv and
linear layers / latency) and the slim/onnxruntime ratios, and writes JSON. A
ratio is the median over the rounds of that round's two medians' ratio, printed
with its range over the rounds: on a shared machine whose load comes and goes,
the engines timed within one round see the same load, so a round's ratio moves
less than the ms do (the JSON keeps every round's medians). Needs torch, onnx, onnxruntime
and a release build of slim (`swift build -c release`). Usage:

  swift build -c release
  python3 Tools/bench/bench.py [--rounds 5] [--runs 30] [--models vgg16,vgg16-pruned30] [--json out.json]
  SLIM_NATIVE=1 swift build -c release --scratch-path .build-native
  python3 Tools/bench/bench.py --build-dir .build-native

Before the models it measures what the machine allows at most
(`Tools/bench/ceiling.swift`, compiled with swiftc for this CPU): the fp32
multiply-add rate of one core and of two threads at once (below twice one core's
where the second vCPU is shared), and the memory's read rate on one and two threads. Each fp32
engine's GFLOP/s is then also printed as a share of that peak (of twice it for
two threads), and the JSON keeps the figures under machine.ceiling.
`--no-ceiling` skips this.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------

VGG16_CFG = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512]


class VGG(nn.Module):
    """Network Slimming's VGG for 32x32 inputs (state-dict compatible with slim-pack's VGG builder)."""

    def __init__(self, cfg, num_classes=10):
        super().__init__()
        layers, in_ch = [], 3
        for v in cfg:
            if v == 'M':
                layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            else:
                layers += [nn.Conv2d(in_ch, v, 3, padding=1, bias=False), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                in_ch = v
        self.feature = nn.Sequential(*layers)
        self.classifier = nn.Linear(cfg[-1], num_classes)

    def forward(self, x):
        x = nn.functional.avg_pool2d(self.feature(x), 2)
        return self.classifier(x.view(x.size(0), -1))


def pruned_cfg(cfg, keep):
    """About `keep` of every layer's channels, as network slimming leaves after pruning."""
    return [v if v == 'M' else max(1, int(round(v * keep))) for v in cfg]


class PreActBottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        out = planes * 4
        self.bn1, self.conv1 = nn.BatchNorm2d(inplanes), nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn2, self.conv2 = nn.BatchNorm2d(planes), nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn3, self.conv3 = nn.BatchNorm2d(planes), nn.Conv2d(planes, out, 1, bias=False)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = (nn.Conv2d(inplanes, out, 1, stride, bias=False)
                           if stride != 1 or inplanes != out else None)

    def forward(self, x):
        residual = x if self.downsample is None else self.downsample(x)
        y = self.conv1(self.relu(self.bn1(x)))
        y = self.conv2(self.relu(self.bn2(y)))
        y = self.conv3(self.relu(self.bn3(y)))
        return y + residual


class PreResNet(nn.Module):
    """Pre-activation ResNet for CIFAR (depth 9n+2 with bottlenecks; 164 → n = 18)."""

    def __init__(self, depth=164, num_classes=10):
        super().__init__()
        n = (depth - 2) // 9
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        layers, inplanes = [], 16
        for planes, stride in [(16, 1), (32, 2), (64, 2)]:
            for i in range(n):
                layers.append(PreActBottleneck(inplanes, planes, stride if i == 0 else 1))
                inplanes = planes * 4
        self.layers = nn.Sequential(*layers)
        self.bn, self.relu = nn.BatchNorm2d(inplanes), nn.ReLU(inplace=True)
        self.fc = nn.Linear(inplanes, num_classes)

    def forward(self, x):
        x = self.relu(self.bn(self.layers(self.conv1(x))))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class InvertedResidual(nn.Module):
    def __init__(self, inp, out, stride, expand):
        super().__init__()
        hidden = inp * expand
        layers = []
        if expand != 1:
            layers += [nn.Conv2d(inp, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True)]
        layers += [nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden),
                   nn.ReLU6(inplace=True), nn.Conv2d(hidden, out, 1, bias=False), nn.BatchNorm2d(out)]
        self.conv = nn.Sequential(*layers)
        self.residual = stride == 1 and inp == out

    def forward(self, x):
        return x + self.conv(x) if self.residual else self.conv(x)


class MobileNetV2(nn.Module):
    """MobileNetV2 (width 1.0) for 224x224 inputs, as torchvision defines it."""

    def __init__(self, num_classes=1000):
        super().__init__()
        setting = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                   (6, 320, 1, 1)]
        layers, inp = [nn.Conv2d(3, 32, 3, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU6(inplace=True)], 32
        for t, c, n, s in setting:
            for i in range(n):
                layers.append(InvertedResidual(inp, c, s if i == 0 else 1, t))
                inp = c
        layers += [nn.Conv2d(inp, 1280, 1, bias=False), nn.BatchNorm2d(1280), nn.ReLU6(inplace=True)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(1280, num_classes)

    def forward(self, x):
        x = nn.functional.adaptive_avg_pool2d(self.features(x), 1)
        return self.classifier(torch.flatten(x, 1))


def make_models():
    """name → (builder, input shape, checkpoint extras)."""
    pruned = pruned_cfg(VGG16_CFG, 0.3)
    return {
        'vgg16': (lambda: VGG(VGG16_CFG), (1, 3, 32, 32), {'cfg': VGG16_CFG}),
        'vgg16-pruned30': (lambda: VGG(pruned), (1, 3, 32, 32), {'cfg': pruned}),
        'preresnet164': (lambda: PreResNet(164), (1, 3, 32, 32), {}),
        'mobilenetv2': (lambda: MobileNetV2(), (1, 3, 224, 224), {}),
    }


def randomize_batchnorm(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.data.uniform_(0.5, 1.5, generator=gen)
            m.bias.data.uniform_(-0.1, 0.1, generator=gen)
            m.running_mean.uniform_(-0.1, 0.1, generator=gen)
            m.running_var.uniform_(0.5, 1.5, generator=gen)


def count_macs(model, shape):
    macs = []

    def hook(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
            macs.append(output.numel() * k)
        elif isinstance(module, nn.Linear):
            macs.append(output.numel() * module.in_features)

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(torch.zeros(shape))
    for h in handles:
        h.remove()
    return sum(macs)


# ---------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------

BUILD_DIR = os.path.join(ROOT, '.build')


def binary(name):
    path = os.path.join(BUILD_DIR, 'release', name)
    if name == 'slim-pack' and not os.path.exists(path):
        # Packing does not depend on the runtime's build flags: the portable slim-pack will do.
        path = os.path.join(ROOT, '.build', 'release', name)
    if not os.path.exists(path):
        sys.exit(f'{path} is missing: run `swift build -c release` first')
    return path


def try_pack(sources, out, extra=()):
    """Packs the first source slim-pack accepts; returns (ok, message)."""
    messages = []
    for source in sources:
        result = subprocess.run([binary('slim-pack'), source, out, '-q', *extra], capture_output=True, text=True)
        if result.returncode == 0:
            return True, f'packed from {os.path.basename(source)}'
        messages.append(f'{os.path.basename(source)}: ' + (result.stderr.strip().splitlines() or ['failed'])[-1])
    return False, '; '.join(messages)


def calibration_batch(shape, count=8):
    """The random inputs both int8 quantizers calibrate on (the same for slim and onnxruntime)."""
    rng = np.random.default_rng(0)
    return [rng.standard_normal(shape).astype(np.float32) for _ in range(count)]


def measure_ceiling(workdir):
    """The fp32 multiply-add rate (GFLOP/s) of one core and of two threads, and the
    memory's read rate (GB/s) on 1 and 2 threads, from Tools/bench/ceiling.swift built
    for this CPU."""
    exe = os.path.join(workdir, 'ceiling')
    subprocess.run(['swiftc', '-O', '-target-cpu', 'native', '-parse-as-library',
                    os.path.join(ROOT, 'Tools', 'bench', 'ceiling.swift'), '-o', exe], check=True)
    out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    print(out, end='')
    reads = re.findall(r'memory read, (\d) thread\(s\): +([0-9.]+) GB/s', out)
    return {'fp32_gflops_one_core': float(re.search(r'one core: +([0-9.]+) GFLOP/s', out).group(1)),
            'fp32_gflops_two_threads': float(re.search(r'2 threads: +([0-9.]+) GFLOP/s', out).group(1)),
            'read_gb_per_s': {f't{threads}': float(rate) for threads, rate in reads}}


def slim_bench(path, runs, threads, verify_weights=True):
    flags = [] if verify_weights else ['--skip-weight-checksums']
    out = subprocess.run([binary('slim-run'), path, '--bench', str(runs), '--threads', str(threads), '--warmup', '5',
                          *flags], capture_output=True, text=True, check=True).stdout
    median = float(re.search(r'median ([0-9.]+)', out).group(1))
    info = {
        'median_ms': median,
        'arena_bytes': int(re.search(r'arena bytes: (\d+)', out).group(1)),
        'peak_live_bytes': int(re.search(r'peak live bytes: (\d+)', out).group(1)),
        'open_to_first_result_ms': float(re.search(r'open-to-first-result ([0-9.]+)', out).group(1)),
        'first_run_ms': float(re.search(r'first run ([0-9.]+)', out).group(1)),
    }
    return info


def ort_session(path, threads):
    import onnxruntime as ort
    ort.set_default_logger_severity(3)  # errors only: the exporter's unused initializers are noise
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, options, providers=['CPUExecutionProvider'])


def ort_times(session, x, runs):
    name = session.get_inputs()[0].name
    for _ in range(3):
        session.run(None, {name: x})
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        session.run(None, {name: x})
        times.append((time.perf_counter() - start) * 1e3)
    return times


def ort_quantize(fp32_path, int8_path, shape):
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.batches = iter([{'input': x} for x in calibration_batch(shape)])

        def get_next(self):
            return next(self.batches, None)

    quantize_static(fp32_path, int8_path, Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    activation_type=QuantType.QInt8, weight_type=QuantType.QInt8)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main():
    global BUILD_DIR
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--models', default=','.join(make_models()))
    parser.add_argument('--rounds', type=int, default=5, help='interleaved rounds per model')
    parser.add_argument('--runs', type=int, default=30, help='timed runs per engine per round')
    parser.add_argument('--json', default='bench-results.json')
    parser.add_argument('--workdir', default=None, help='keep exported models here (default: a temp dir)')
    parser.add_argument('--build-dir', default=BUILD_DIR,
                        help='SwiftPM scratch path of the slim build (e.g. .build-native for SLIM_NATIVE=1)')
    parser.add_argument('--vnni', action='store_true',
                        help='pack the int8 models with slim-pack --vnni (PKQ8), the layout a SLIM_NATIVE=1 build '
                             'on a CPU with AVX-512 VNNI runs (vpdpbusd)')
    parser.add_argument('--no-ceiling', action='store_true',
                        help="skip measuring the machine's multiply-add and memory read rates first")
    args = parser.parse_args()
    BUILD_DIR = os.path.abspath(args.build_dir)

    workdir = args.workdir or tempfile.mkdtemp(prefix='slim-bench-')
    os.makedirs(workdir, exist_ok=True)
    models = make_models()
    results = {'machine': {'cpu_count': os.cpu_count(), 'load_average': os.getloadavg(), 'int8_vnni_layout': args.vnni}, 'models': {}}
    if not args.no_ceiling:
        results['machine']['ceiling'] = measure_ceiling(workdir)
    peak = results['machine'].get('ceiling', {}).get('fp32_gflops_one_core')
    gen = torch.Generator().manual_seed(0)
    for name in args.models.split(','):
        build, shape, extras = models[name]
        torch.manual_seed(0)
        model = build().eval()
        randomize_batchnorm(model, gen)
        macs = count_macs(model, shape)
        ckpt = os.path.join(workdir, f'{name}.pth.tar')
        onnx_path = os.path.join(workdir, f'{name}.onnx')
        torch.save({**extras, 'state_dict': model.state_dict()}, ckpt)
        torch.onnx.export(model, torch.zeros(shape), onnx_path, input_names=['input'], output_names=['logits'],
                          opset_version=17, dynamo=False)
        int8_onnx = os.path.join(workdir, f'{name}.int8.onnx')
        ort_quantize(onnx_path, int8_onnx, shape)
        slim_path = os.path.join(workdir, f'{name}.slim')
        # Stored in the blocked kernel's layout too, so sessions do not repack (the file grows).
        packed, pack_message = try_pack([ckpt, onnx_path], slim_path, ['--packed-weights'])
        slim8_path = os.path.join(workdir, f'{name}.int8.slim')
        calibration = os.path.join(workdir, f'{name}.calibration.npy')
        np.save(calibration, np.concatenate(calibration_batch(shape)))
        packed8, pack8_message = try_pack(
            [ckpt, onnx_path], slim8_path,
            ['--int8', '--calibration', calibration, '--packed-weights', *(['--vnni'] if args.vnni else [])])

        x = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
        sessions = {'ort-fp32-t1': ort_session(onnx_path, 1), 'ort-fp32-t2': ort_session(onnx_path, 2),
                    'ort-int8-t1': ort_session(int8_onnx, 1)}
        # Each engine's median in each round.
        rounds = {key: [] for key in sessions}
        slim_runs = {}
        for _ in range(args.rounds):
            for key, session in sessions.items():
                rounds[key].append(statistics.median(ort_times(session, x, args.runs)))
            for threads in (1, 2):
                if packed:
                    slim_runs.setdefault(f'slim-fp32-t{threads}', []).append(slim_bench(slim_path, args.runs, threads))
            if packed8:
                slim_runs.setdefault('slim-int8-t1', []).append(slim_bench(slim8_path, args.runs, 1))
        for key, runs in slim_runs.items():
            rounds[key] = [r['median_ms'] for r in runs]
        entry = {'macs': macs, 'input_shape': list(shape), 'slim_pack': pack_message, 'slim_pack_int8': pack8_message,
                 'ms': {key: statistics.median(values) for key, values in rounds.items()}, 'round_ms': rounds}
        for key, runs in slim_runs.items():
            entry.setdefault('slim_info', {})[key] = runs[-1]
        if packed:
            # Opening a stored model to its first result, with and without the weights' CRC-32.
            entry['open_to_first_result_ms'] = {
                'weights verified': slim_bench(slim_path, 1, 1)['open_to_first_result_ms'],
                'weights trusted': slim_bench(slim_path, 1, 1, verify_weights=False)['open_to_first_result_ms'],
            }
            entry['first_run_ms'] = slim_bench(slim_path, 1, 1, verify_weights=False)['first_run_ms']
        entry['gflops'] = {key: 2 * macs / (ms * 1e6) for key, ms in entry['ms'].items()}
        entry['ratios'], entry['ratio_ranges'] = ratios(rounds)
        results['models'][name] = entry
        report(name, entry, peak)
    with open(args.json, 'w') as f:
        json.dump(results, f, indent=2)
    print(f'\nJSON written to {args.json}; machine load average {os.getloadavg()} on {os.cpu_count()} cores')


# (name, numerator, denominator) of each ratio reported, for the engines that ran.
RATIOS = [
    ('slim-fp32-t1 / ort-fp32-t1', 'slim-fp32-t1', 'ort-fp32-t1'),
    ('slim-fp32-t2 / ort-fp32-t2', 'slim-fp32-t2', 'ort-fp32-t2'),
    ('slim speed-up t1→t2', 'slim-fp32-t1', 'slim-fp32-t2'),
    ('ort speed-up t1→t2', 'ort-fp32-t1', 'ort-fp32-t2'),
    ('slim-int8-t1 / ort-fp32-t1', 'slim-int8-t1', 'ort-fp32-t1'),
    ('slim-int8-t1 / ort-int8-t1', 'slim-int8-t1', 'ort-int8-t1'),
]


def ratios(rounds):
    """Each ratio's median over the rounds of its per-round ratio, and its [min, max] over them."""
    medians, ranges = {}, {}
    for name, numerator, denominator in RATIOS:
        if numerator in rounds and denominator in rounds:
            per_round = [a / b for a, b in zip(rounds[numerator], rounds[denominator])]
            medians[name] = statistics.median(per_round)
            ranges[name] = [min(per_round), max(per_round)]
    return medians, ranges


def report(name, entry, peak=None):
    """Prints one model's figures; `peak`, one core's fp32 GFLOP/s, adds each fp32
    engine's share of it (of twice it for two threads)."""
    print(f'\n== {name}  input {entry["input_shape"]}  {entry["macs"] / 1e6:.1f} MMAC')
    print(f'   slim-pack fp32: {entry["slim_pack"]}')
    print(f'   slim-pack int8: {entry["slim_pack_int8"]}')
    print(f'   {"engine":<14}{"ms":>10}{"GFLOP/s":>10}' + (f'{"of peak":>10}' if peak else ''))
    for key in ['ort-fp32-t1', 'ort-fp32-t2', 'ort-int8-t1', 'slim-fp32-t1', 'slim-fp32-t2', 'slim-int8-t1']:
        if key in entry['ms']:
            share = ''
            if peak and 'fp32' in key:
                share = f'{entry["gflops"][key] / (peak * int(key[-1])):>10.0%}'
            print(f'   {key:<14}{entry["ms"][key]:>10.3f}{entry["gflops"][key]:>10.2f}{share}')
        else:
            print(f'   {key:<14}{"not supported yet":>20}')
    for key, value in entry['ratios'].items():
        low, high = entry['ratio_ranges'][key]
        print(f'   {key:<30}{value:>8.2f}   rounds {low:.2f}–{high:.2f}')
    for key, value in entry.get('open_to_first_result_ms', {}).items():
        print(f'   open-to-first-result ({key}): {value:.2f} ms (first run alone {entry["first_run_ms"]:.2f} ms)')
    for key, info in entry.get('slim_info', {}).items():
        print(f'   {key}: arena {info["arena_bytes"]} B, peak live {info["peak_live_bytes"]} B '
              f'({info["arena_bytes"] / max(1, info["peak_live_bytes"]):.2f}x)')


if __name__ == '__main__':
    main()
