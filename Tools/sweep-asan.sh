#!/usr/bin/env bash
# Runs the .slim corruption sweep, the hostile and damaged checkpoint tests and
# the fuzz regressions under AddressSanitizer, in its own build folder:
#   Tools/sweep-asan.sh [--exhaustive]
# --exhaustive tries all 255 replacement values for every structural byte of the
# packed model behind repaired CRCs (hours on 2 cores); the default uses the
# suite's fixed value set (minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --exhaustive ]; then export SLIM_SWEEP=exhaustive; fi
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
  swift test --scratch-path .build-asan -Xswiftc -sanitize=address \
  --filter 'SlimCorruptionSweepTests|CheckpointHostileTests|CheckpointRobustnessTests|FuzzRegressionTests|NpyArrayTests|InputDecoderTests'
