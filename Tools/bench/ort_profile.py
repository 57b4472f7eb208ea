#!/usr/bin/env python3
"""Per-node latency of an ONNX model in ONNX Runtime's CPU provider, to set beside
`slim-report MODEL.slim --measure --runs N --threads T` when looking for where one
engine is ahead of the other.

  python3 Tools/bench/ort_profile.py MODEL.onnx [THREADS] [--runs N] [--top K]

Runs 20 warm-up and N timed batch-1 runs on a random input with ONNX Runtime's
profiler on, then prints, per (operator, input shapes, output shape), the mean
microseconds per run summed over the nodes of that signature, the node count, and
the total. The warm-up runs are profiled too and are counted in the mean.
Needs onnxruntime and numpy.
"""
import argparse
import collections
import json
import os
import tempfile

import numpy as np
import onnxruntime as ort


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('model')
    parser.add_argument('threads', nargs='?', type=int, default=1)
    parser.add_argument('--runs', type=int, default=50)
    parser.add_argument('--top', type=int, default=12)
    args = parser.parse_args()

    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.enable_profiling = True
    options.profile_file_prefix = os.path.join(tempfile.mkdtemp(), 'ort')
    session = ort.InferenceSession(args.model, options, providers=['CPUExecutionProvider'])
    feed = session.get_inputs()[0]
    shape = [d if isinstance(d, int) else 1 for d in feed.shape]
    x = np.random.default_rng(0).random(shape, dtype=np.float32)
    warmup = 20
    for _ in range(warmup + args.runs):
        session.run(None, {feed.name: x})
    profile = session.end_profiling()
    with open(profile) as f:
        events = json.load(f)
    os.remove(profile)

    runs = warmup + args.runs
    total = collections.defaultdict(float)
    count = collections.Counter()
    for event in events:
        if event.get('cat') != 'Node' or not event['name'].endswith('_kernel_time'):
            continue
        a = event['args']
        key = (a.get('op_name'), str(a.get('input_type_shape', '')), str(a.get('output_type_shape', '')))
        total[key] += event['dur']
        count[key] += 1
    rows = sorted(((t / runs, count[k] // runs, k) for k, t in total.items()), reverse=True)
    for micros, nodes, (op, inputs, output) in rows[:args.top]:
        print(f'{micros:9.1f} µs  {nodes:3d} nodes  {op}  {inputs[:100]} -> {output[:60]}')
    print(f'{sum(r[0] for r in rows):9.1f} µs  total over {len(rows)} signatures, {args.threads} thread(s)')


if __name__ == '__main__':
    main()
