#!/usr/bin/env bash
# Renders slim-report's HTML page for the bundled pruned VGG fixture (baseline: the
# unpruned checkpoint) in headless Chromium to a PNG, so that a person can check that the
# page displays and its charts are right, and validates the JSON report against
# Formats/report-schema.json.
#
#   Tools/render-report.sh [OUT_DIR]      (default: .build/report)
#
# Installs what it needs when missing: Debian's chromium (apt-get, as root) and the
# jsonschema Python package (pip). Neither is needed by `swift test` or CI.
# Pass --measure in SLIM_REPORT_FLAGS to include latencies (slower; noisy on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/report}

if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  python3 -m pip install -q jsonschema
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
swift build --product slim-pack >/dev/null
swift build --product slim-report >/dev/null
bin=$(swift build --show-bin-path)

"$bin/slim-pack" -q Tests/Fixtures/vgg/finetuned.pth.tar "$out/finetuned.slim"
# shellcheck disable=SC2086
"$bin/slim-report" "$out/finetuned.slim" --baseline Tests/Fixtures/vgg/trained.pth.tar \
  --json "$out/report.json" --html "$out/report.html" -q ${SLIM_REPORT_FLAGS:-}

python3 Tools/validate-report.py Formats/report-schema.json "$out/report.json"

if grep -n -i -E 'http|src=|url\(' "$out/report.html"; then
  echo "render-report: the page has external references (above)" >&2
  exit 1
fi

browser=$(command -v chromium || command -v chromium-browser)
# A throwaway profile keeps the run from touching the user's; --no-sandbox because CI
# containers run as root.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size=1024,3200 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
echo "wrote $out/report.html, $out/report.json and $out/report.png"
