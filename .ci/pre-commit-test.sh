#!/usr/bin/env bash
# The pre-commit hook, installed and run for real by Debian's pre-commit (3.0.x), as a user does:
# `repo: <path>` + `rev:` in a project's .pre-commit-config.yaml, then `git commit`, and
# `pre-commit try-repo`. The hook repository is a temporary git repository holding this working
# tree's files in one commit (pre-commit clones the repository at `rev`).
# Checks: a commit of a compose file with a secret is blocked, so is a staged .env with one, a
# clean compose file passes, `args: [--rule, X]` keeps the staged files as paths, and no secret
# value reaches the output.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
command -v pre-commit >/dev/null || { echo "pre-commit-test: pre-commit is not installed (apt-get install pre-commit)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_GLOBAL="$tmp/gitconfig" GIT_CONFIG_NOSYSTEM=1
git config --global user.name ci && git config --global user.email ci@example.invalid
git config --global init.defaultBranch main && git config --global advice.detachedHead false

# the hook repository: this working tree (tracked and untracked, not ignored files) in one commit
hook="$tmp/hook-repo"
mkdir "$hook"
(cd "$here" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | tar -xf - -C "$hook"
(cd "$hook" && git init -q && git add -A && git commit -qm hook)
rev="$(git -C "$hook" rev-parse HEAD)"

# npm pack must print the tarball's name alone: pre-commit reads it from stdout
(cd "$hook" && npm install --no-save --no-progress >/dev/null 2>&1)
packed="$(cd "$hook" && npm pack 2>/dev/null)"
case "$packed" in
  compose-secrets-*.tgz) echo "ok: npm pack prints only $packed" ;;
  *) echo "FAIL: npm pack printed more than the tarball name:"; printf '%s\n' "$packed"; exit 1 ;;
esac
tar -tzf "$hook/$packed" | grep -x 'package/dist/cli.js' >/dev/null || { echo "FAIL: the tarball has no dist/cli.js"; exit 1; }
rm -rf "$hook/$packed" "$hook/node_modules" "$hook/dist"

fail=0
expect() { # expect <what> <wanted exit: 0 or nonzero> <command...>; output in $tmp/out
  local what="$1" want="$2"; shift 2
  local code=0
  "$@" >"$tmp/out" 2>&1 || code=$?
  if { [ "$want" = 0 ] && [ "$code" = 0 ]; } || { [ "$want" != 0 ] && [ "$code" != 0 ]; }; then echo "ok: $what (exit $code)"
  else echo "FAIL: $what (exit $code)"; cat "$tmp/out"; fail=1; fi
  if grep -q -e 'hunter2hunter' -e 's3cr3tpassw0rd' "$tmp/out"; then echo "FAIL: $what: a secret value reached the output"; fail=1; fi
}
contains() { grep -qF -- "$1" "$tmp/out" || { echo "FAIL: output lacks: $1"; cat "$tmp/out"; fail=1; }; }

# the project's .pre-commit-config.yaml: the hook from the hook repository, with extra hook lines if given
hook_config() {
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: compose-secrets\n' "$hook" "$rev" >.pre-commit-config.yaml
  if [ $# -gt 0 ]; then printf '        %s\n' "$@" >>.pre-commit-config.yaml; fi
}

proj="$tmp/project"
mkdir "$proj" && cd "$proj" && git init -q
hook_config
git add .pre-commit-config.yaml && git commit -qm config
expect "pre-commit install" 0 pre-commit install

printf 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n    secrets: [db]\nsecrets:\n  db:\n    file: ./db.txt\n' >compose.yaml
# the secret's file exists and git ignores it, as it should be (secret-file-missing, secret-file-tracked)
printf 'Zq8vW3xR7tY2' >db.txt && printf 'db.txt\n' >.gitignore
git add compose.yaml .gitignore
expect "a clean compose file is committed (the hook installs and passes)" 0 git commit -qm clean
contains "compose-secrets"

printf 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3tpassw0rd\n' >compose.yaml
git add compose.yaml
expect "a compose file with a secret is blocked" 1 git commit -qm secret
contains "POSTGRES_PASSWORD holds a hardcoded password"
git checkout -q HEAD -- compose.yaml

printf 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n' >compose.yaml
git add compose.yaml && git commit -qm interpolated --no-verify
printf 'DB_PASSWORD=hunter2hunter\n' >.env
git add .env
expect "a staged .env holding a secret is blocked" 1 git commit -qm dotenv
contains ".env"
contains "gets a hardcoded password from DB_PASSWORD in this file"

expect "pre-commit try-repo blocks the .env" 1 pre-commit try-repo "$hook" compose-secrets --files .env
contains "secret-in-env-file"
git reset -q .env && rm .env
expect "pre-commit try-repo passes the clean compose file" 0 pre-commit try-repo "$hook" compose-secrets --files compose.yaml

# args before the file names: single-value options keep the staged file a path
hook_config 'args: [--rule, secret-in-environment]'
git add .pre-commit-config.yaml && git commit -qm args --no-verify
printf 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3tpassw0rd\n' >stack.yml
git add stack.yml
expect "args: [--rule, X] with a staged stack file with a secret is blocked" 1 git commit -qm stack
contains "stack.yml"
contains "secret-in-environment"

exit "$fail"
