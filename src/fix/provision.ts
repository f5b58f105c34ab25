/** The provisioning script of `--target swarm`: creates each external secret without putting its value on a command line. */
import { FixError } from './errors.js';
import { isDockerSecretName, isVariableName } from './naming.js';

export interface ProvisionedSecret {
  /** The versioned Swarm name, e.g. postgres_password_v1. */
  externalName: string;
  /** The compose key, which is also the file name under /run/secrets. */
  name: string;
  /** A secret file, relative to the script's working directory; or the variable to read at provisioning time. */
  from: { file: string } | { variable: string };
  /** With a file: the variable the value came through (.env, a default); when it is set (`nonEmpty`: and not empty) at provisioning time, its value is used instead. */
  override?: { variable: string; when: 'set' | 'nonEmpty' };
  services: string[];
}

/** A name the script would have to write unquoted: fix's planning never produces one; refused here as a last line of defence (the name is not quoted: it is source text). */
function refuse(kind: 'variable' | 'secret'): never {
  throw new FixError(`refusing to write a provisioning script with an invalid ${kind} name; nothing was written`);
}

/** The first lines of every script fix writes: a file that starts with them may be replaced. */
const SCRIPT_HEADER = ['#!/bin/sh', '# Creates the Swarm secrets that compose-secrets fix moved out of the compose files.'];

/** Whether a file's text is a provisioning script fix wrote. */
export function isProvisionScript(text: string): boolean {
  return text.startsWith(`${SCRIPT_HEADER.join('\n')}\n`);
}

/** Single-quotes a word for POSIX sh. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Text for a `#` comment: a line break (or any control character) would end the comment and start a command. */
function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

/**
 * A POSIX sh script. The secret file paths are relative to the script's own directory when
 * `cdToScript` (the script is written to a file), else to `runFrom` (printed: run it from there).
 */
export function provisionScript(secrets: ProvisionedSecret[], options: { cdToScript?: boolean; runFrom?: string }): string {
  const lines: string[] = [
    ...SCRIPT_HEADER,
    '# External secrets exist only in a Swarm: deploy with `docker stack deploy -c <file> <stack>`;',
    '# plain `docker compose up` cannot use them (use `fix --target compose` for that).',
    '#',
    '# Swarm secrets are immutable (there is no `docker secret update`). To rotate one, create the',
    '# next version and point the stack at it, e.g. for postgres_password_v1:',
    '#   docker secret create postgres_password_v2 ./secrets/postgres_password   # after writing the new value there',
    '#   set `name: postgres_password_v2` in the compose file and run `docker stack deploy` again, or, for one service:',
    '#   docker service update --secret-rm postgres_password_v1 --secret-add source=postgres_password_v2,target=postgres_password <stack>_<service>',
    '# then remove the old version: docker secret rm postgres_password_v1',
    'set -eu',
  ];
  if (options.cdToScript) lines.push('cd "$(dirname -- "$0")"');
  else if (options.runFrom) lines.push(`# run from ${options.runFrom}`);
  lines.push('');
  lines.push(
    'create() {',
    '  # $1: secret name, $2: file (or - for standard input)',
    '  if docker secret inspect "$1" >/dev/null 2>&1; then',
    '    [ "$2" = - ] && cat >/dev/null',
    "    # Swarm never shows a secret's value: an existing name may hold another one",
    '    if [ "${KEEP_EXISTING:-}" = 1 ]; then echo "secret $1 exists already: kept (KEEP_EXISTING=1)" >&2; return 0; fi',
    '    echo "secret $1 exists already and Swarm cannot show whether it holds this value: if an earlier run of this script created it, run again with KEEP_EXISTING=1; otherwise create the next version (secrets are immutable)" >&2',
    '    exit 1',
    '  fi',
    '  docker secret create "$1" "$2" >/dev/null',
    '  echo "created secret $1"',
    '}',
    '',
  );
  for (const s of secrets) {
    if (!isDockerSecretName(s.externalName)) refuse('secret');
    if ('variable' in s.from && !isVariableName(s.from.variable)) refuse('variable');
    const used = s.services.length ? `  # ${commentText(`${s.name}: ${s.services.join(', ')}`)}` : '';
    if ('file' in s.from && s.override) {
      const v = s.override.variable;
      if (!isVariableName(v)) refuse('variable');
      const isSet = s.override.when === 'set' ? `"\${${v}+x}"` : `"\${${v}:-}"`;
      lines.push(
        `if [ -n ${isSet} ]; then printf '%s' "$${v}" | create ${shellQuote(s.externalName)} -; else create ${shellQuote(s.externalName)} ${shellQuote(s.from.file)}; fi${used}`,
      );
    } else if ('file' in s.from) {
      lines.push(`create ${shellQuote(s.externalName)} ${shellQuote(s.from.file)}${used}`);
    } else {
      const v = s.from.variable;
      // checked first: a failed expansion inside the pipeline would create an empty secret;
      // printf is a shell builtin, so the value never appears in a process's arguments
      lines.push(`: "\${${v}:?set ${v} to the secret value before running this script}"`);
      lines.push(`printf '%s' "$${v}" | create ${shellQuote(s.externalName)} -${used}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
