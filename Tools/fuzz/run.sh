#!/usr/bin/env bash
# Runs one fuzz target and reports executions and crashes:
#   Tools/fuzz/run.sh TARGET [--runs N | --seconds S] [LIBFUZZER_FLAG ...]
# Default: --seconds 60. Targets are the files in Tools/fuzz/targets/.
# The corpus grows in .build-fuzz/corpus/TARGET (kept between runs); crashing
# inputs are saved in .build-fuzz/crashes/TARGET/ (turn each into a regression
# test); the full libFuzzer log is .build-fuzz/logs/TARGET.log.
# Exit status: 0 no crash, 1 a crash, timeout or out-of-memory was found.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: Tools/fuzz/run.sh TARGET [--runs N | --seconds S]}
shift
limit=(-max_total_time=60)
case "${1:-}" in
  --runs) limit=(-runs="$2"); shift 2 ;;
  --seconds) limit=(-max_total_time="$2"); shift 2 ;;
esac

binary=$(Tools/fuzz/build.sh "$target")
Tools/fuzz/seeds.sh "$target"
corpus=.build-fuzz/corpus/$target
crashes=.build-fuzz/crashes/$target
log=.build-fuzz/logs/$target.log
mkdir -p "$corpus" "$crashes" .build-fuzz/logs

# -timeout: an input that runs longer than 10 s counts as a hang;
# -rss_limit_mb/-malloc_limit_mb: a single allocation or total memory above 2 GiB is a finding.
# Swift's own crash handler would be reported by ASan instead of the real trap.
export SWIFT_BACKTRACE=enable=no
status=0
"$binary" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$crashes/" "$@" "$corpus" ".build-fuzz/seeds/$target" >"$log" 2>&1 || status=$?

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
seconds=$(sed -n 's/^stat::total_duration_s\?: *//p' "$log" | tail -1)
findings=$(ls "$crashes" | wc -l)
echo "fuzz $target: ${executions:-?} executions, corpus $(ls "$corpus" | wc -l) files, $findings saved finding(s) in $crashes, libFuzzer exit $status"
if [ "$status" -ne 0 ]; then
  grep -m3 -E '^==[0-9]+==ERROR|^SUMMARY|Swift runtime failure|Fatal error|timeout|out-of-memory' "$log" >&2 || true
  echo "see $log" >&2
  exit 1
fi
