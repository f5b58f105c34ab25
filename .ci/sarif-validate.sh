#!/usr/bin/env bash
# --format sarif checked by Microsoft's SARIF validator (@microsoft/sarif-multitool, a .NET
# program of ~100 MB fetched by npx: not a dev dependency). Errors and warnings both fail.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node dist/cli.js lint --format sarif --output-file "$out/lint.sarif" fixtures/demo fixtures/lint fixtures/broken/invalid-yaml.yaml || true
(cd "$out" && npx -y @microsoft/sarif-multitool@5 validate lint.sarif) >"$out/log" 2>&1 || { cat "$out/log"; exit 1; }
if grep -E ': (error|warning) [A-Z]+[0-9]+' "$out/log"; then exit 1; fi
grep -q 'Analysis completed successfully' "$out/log" || { cat "$out/log"; exit 1; }
echo "ok: SARIF valid under @microsoft/sarif-multitool (no errors, no warnings)"
