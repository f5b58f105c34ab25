#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml): annotations through workflow commands, an optional
# SARIF file, a step summary, and the exit code as the output `exit-code`. Reads GITHUB_ACTION_PATH,
# GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and INPUT_PATHS, INPUT_ARGS, INPUT_SARIF_FILE.
set -uo pipefail
cli="${GITHUB_ACTION_PATH:?}/dist/cli.js"
cd "${GITHUB_WORKSPACE:?}" || exit 2
read -r -a paths <<<"${INPUT_PATHS:-.}"
read -r -a args <<<"${INPUT_ARGS:-}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

if [ -n "${INPUT_SARIF_FILE:-}" ]; then
  "$cli" lint --format sarif --output-file "$INPUT_SARIF_FILE" "${args[@]}" -- "${paths[@]}" >/dev/null 2>&1
fi
code=0
"$cli" lint --format github "${args[@]}" -- "${paths[@]}" || code=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo '### compose-secrets'
    echo
    if [ "$code" = 0 ]; then echo 'No secrets found.'; else
      echo '```'
      "$cli" lint --format compact --no-color "${args[@]}" -- "${paths[@]}" 2>&1
      echo '```'
    fi
  } >>"$GITHUB_STEP_SUMMARY"
fi
[ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-code=$code" >>"$GITHUB_OUTPUT"
exit "$code"
