/**
 * Credentials on command lines: `--password x`, `-pSECRET`, `curl -u user:pass`,
 * `-H 'Authorization: Bearer …'`, `PGPASSWORD=x psql`, `redis-cli -a x`, URLs with
 * credentials and recognised token formats in any argument.
 *
 * The work is done in command/: lexer.ts (shell words with offsets), tokenize.ts (`sh -c`
 * scripts followed), programs.ts (which program takes a password how), walk.ts (the scanner
 * that walks tokens command by command), formats.ts (recognised formats in any argument).
 */
import { findUrlCredentials, scanValue } from './scan.js';
import { absAt, offsetMapper } from './command/lexer.js';
import { lastAtOrBefore } from './command/offsets.js';
import { FULL_ANALYSIS_LENGTH, MAX_COMMAND_LENGTH, tokenizeDeep, tokenizeExec } from './command/tokenize.js';
import { PROGRAMS } from './command/programs.js';
import { scanTokens } from './command/walk.js';

export { tokenize } from './command/tokenize.js';

/**
 * The program an image runs with the service's command as its arguments, when the command
 * table knows it: `curlimages/curl:8.7.1` → curl, `atmoz/sftp` → sftp. Undefined otherwise.
 */
export function entrypointProgramOf(image: string): string | undefined {
  const repository = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const name = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
  return PROGRAMS.has(name) ? name : undefined;
}

export interface ArgCredential {
  /** index of the argument (token) holding the secret */
  arg: number;
  start: number;
  end: number;
  /** e.g. '--password', '-p', 'Authorization header', 'PGPASSWORD=' */
  via: string;
  description: string;
}

/**
 * Credentials in a command given as tokens (exec form). Values that are only a variable
 * reference (`$VAR`, `${VAR}`, `$$VAR`) are returned with `viaVariable: true`.
 * `["sh", "-c", "script"]`, `["CMD-SHELL", "script"]` and `["/bin/sh", "-ec", "script"]`
 * are followed into the script; offsets are then relative to the script argument.
 */
export function findCommandCredentials(tokens: string[], entrypointProgram?: string): (ArgCredential & { viaVariable: boolean })[] {
  if (!tokens.length) return [];
  // virtual offsets: argument i occupies [argStart[i], argStart[i] + length)
  const argStart: number[] = [];
  let total = 0;
  for (const t of tokens) {
    argStart.push(total);
    total += t.length + 1;
  }
  if (total > MAX_COMMAND_LENGTH) return [];
  if (total > FULL_ANALYSIS_LENGTH)
    return formatsOnly(tokens.join('\n')).map((m) => {
      const arg = lastAtOrBefore(argStart, m.absStart);
      return { arg, start: m.absStart - argStart[arg], end: m.absEnd - argStart[arg], via: m.via, description: m.description, viaVariable: m.viaVariable };
    });
  const toks = tokenizeExec(tokens, argStart);
  const out: (ArgCredential & { viaVariable: boolean })[] = [];
  for (const f of scanTokens(toks, entrypointProgram)) {
    const t = toks[f.tok];
    const absStart = absAt(t, f.start);
    const absEnd = absAt(t, f.end - 1) + 1;
    const arg = lastAtOrBefore(argStart, absStart);
    out.push({ arg, start: absStart - argStart[arg], end: absEnd - argStart[arg], via: f.via, description: f.description, viaVariable: f.viaVariable });
  }
  return out;
}

/** For over-long commands: recognised formats and URL credentials only, with `arg: -1`. */
function formatsOnly(text: string): (ArgCredential & { viaVariable: boolean; absStart: number; absEnd: number })[] {
  const out: (ArgCredential & { viaVariable: boolean; absStart: number; absEnd: number })[] = [];
  for (const m of scanValue(text)) {
    out.push({
      arg: -1,
      start: m.start,
      end: m.end,
      via: m.patternId === 'url-credentials' ? 'URL' : 'argument',
      description: m.description,
      viaVariable: false,
      absStart: m.start,
      absEnd: m.end,
    });
  }
  for (const u of findUrlCredentials(text)) {
    if (u.viaVariable)
      out.push({ arg: -1, start: u.start, end: u.end, via: 'URL', description: u.description, viaVariable: true, absStart: u.start, absEnd: u.end });
  }
  return out.sort((a, b) => a.absStart - b.absStart);
}

/**
 * Convenience: credentials in a shell-form string; offsets relative to the string. `arg` is the
 * index into `tokenize(command)`; for commands over 32 KB (not tokenized, formats only) it is -1.
 */
export function findShellCredentials(
  command: string,
  entrypointProgram?: string,
): (ArgCredential & { viaVariable: boolean; absStart: number; absEnd: number })[] {
  if (!command || command.length > MAX_COMMAND_LENGTH) return [];
  if (command.length > FULL_ANALYSIS_LENGTH) return formatsOnly(command);
  const toks = tokenizeDeep(command, offsetMapper(0), 0);
  // argument numbers count the tokens `tokenize` returns (synthetic separators left out)
  const index: number[] = [];
  let n = 0;
  for (const t of toks) index.push(t.synthetic ? -1 : n++);
  return scanTokens(toks, entrypointProgram).map((f) => {
    const t = toks[f.tok];
    return {
      arg: index[f.tok],
      start: f.start,
      end: f.end,
      via: f.via,
      description: f.description,
      viaVariable: f.viaVariable,
      absStart: absAt(t, f.start),
      absEnd: absAt(t, f.end - 1) + 1,
    };
  });
}
