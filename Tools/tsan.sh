#!/usr/bin/env bash
# Runs the concurrency tests (several sessions of one model on several threads, and
# sessions whose worker pools split each step)
# under ThreadSanitizer, in its own build folder. Fails on any reported race.
set -euo pipefail
cd "$(dirname "$0")/.."
TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1} \
  swift test --scratch-path .build-tsan -Xswiftc -sanitize=thread --filter "SessionConcurrencyTests|ThreadedSessionTests"
