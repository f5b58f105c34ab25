/**
 * A baseline: the findings a repository already had when it adopted compose-secrets, so lint
 * reports only new ones. An entry names the file (relative to the baseline file), the rule, the
 * value's key path in the model, and `value`: 16 bits (4 hex digits) of HMAC-SHA256 of the value,
 * keyed with a random salt stored in the baseline. Lines can move, services can be reordered, the
 * file reformatted: the entry still matches. A changed value is reported again (65535 in 65536
 * changes are noticed). And 16 bits say nothing useful about the value: a short password could be
 * any of millions of candidates, and about 1 in 65536 of them share any given tag — where a full
 * hash of `hunter2` committed beside the compose file is reversed in a second.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { dirname, relative, resolve } from 'node:path';
import { readHostText, type FileHost, nodeHost } from '../load/host.js';
import { LoadError } from '../load/parse.js';
import type { Finding } from '../engine/types.js';

export const BASELINE_FILE = '.compose-secrets-baseline.json';

export interface BaselineEntry {
  file: string;
  ruleId: string;
  path: (string | number)[];
  /** 4 hex digits of the keyed hash of the value; "" for findings without a value (a variable passed through). */
  value: string;
}

export interface Baseline {
  /** Where it was read from or is written to (absolute). */
  file: string;
  salt: string;
  entries: BaselineEntry[];
}

/** The valueTag function of a baseline's salt. */
export function valueTagger(salt: string): (value: string) => string {
  return (value) => createHmac('sha256', salt).update(value).digest('hex').slice(0, 4);
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** Reads a baseline file; a malformed one is a LoadError (exit 2), never a silent "no baseline". */
export function readBaseline(file: string, host: FileHost = nodeHost): Baseline {
  const abs = resolve(file);
  const text = readHostText(host, abs, file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new LoadError(file, 'not valid JSON (write it with compose-secrets baseline)');
  }
  const obj = raw as { version?: unknown; salt?: unknown; findings?: unknown };
  if (
    !obj ||
    typeof obj !== 'object' ||
    obj.version !== 1 ||
    typeof obj.salt !== 'string' ||
    !/^[0-9a-f]{16,64}$/.test(obj.salt) ||
    !Array.isArray(obj.findings)
  ) {
    throw new LoadError(file, 'not a compose-secrets baseline (version 1, salt, findings)');
  }
  const entries = obj.findings.map((e, i): BaselineEntry => {
    const ok =
      e &&
      typeof e.file === 'string' &&
      typeof e.ruleId === 'string' &&
      Array.isArray(e.path) &&
      e.path.every((p: unknown) => typeof p === 'string' || typeof p === 'number') &&
      typeof e.value === 'string' &&
      /^(?:[0-9a-f]{4})?$/.test(e.value);
    if (!ok) throw new LoadError(file, `entry ${i + 1} of "findings" needs file, ruleId, path and value (4 hex digits or "")`);
    return { file: e.file, ruleId: e.ruleId, path: e.path, value: e.value };
  });
  return { file: abs, salt: obj.salt, entries };
}

/** A baseline file's text: entries sorted, so regenerating it changes only what changed. */
export function baselineText(baseline: Baseline): string {
  const entries = [...baseline.entries].sort((a, b) => (entryKey(a) < entryKey(b) ? -1 : entryKey(a) > entryKey(b) ? 1 : 0));
  return `${JSON.stringify({ version: 1, tool: 'compose-secrets', salt: baseline.salt, findings: entries }, null, 2)}\n`;
}

/** The entry of a finding (its file named relative to the baseline's directory). */
export function entryOf(f: Finding, cwd: string, baselineFile: string): BaselineEntry {
  return { file: relativeTo(baselineFile, resolve(cwd, f.origin.file)), ruleId: f.ruleId, path: f.path, value: f.valueTag ?? '' };
}

export interface BaselineMatch {
  /** The findings the baseline does not hold. */
  fresh: Finding[];
  /** How many it held. */
  known: number;
  /** Entries of the files linted that nothing matched any more. */
  stale: BaselineEntry[];
}

/**
 * Splits findings into those the baseline holds and new ones (each entry matches one finding).
 * Entries of files this run did not lint are not stale: pre-commit lints only the staged files.
 */
export function matchBaseline(findings: Finding[], baseline: Baseline, cwd: string, lintedFiles: string[]): BaselineMatch {
  const pool = new Map<string, number>();
  for (const e of baseline.entries) pool.set(entryKey(e), (pool.get(entryKey(e)) ?? 0) + 1);
  const fresh: Finding[] = [];
  let known = 0;
  for (const f of findings) {
    const key = entryKey(entryOf(f, cwd, baseline.file));
    const left = pool.get(key) ?? 0;
    if (left > 0) {
      pool.set(key, left - 1);
      known++;
    } else fresh.push(f);
  }
  const linted = new Set(lintedFiles.map((f) => relativeTo(baseline.file, resolve(cwd, f))));
  const stale: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    const key = entryKey(e);
    const left = pool.get(key) ?? 0;
    if (left > 0 && linted.has(e.file)) {
      pool.set(key, left - 1);
      stale.push(e);
    }
  }
  return { fresh, known, stale };
}

function entryKey(e: BaselineEntry): string {
  return JSON.stringify([e.file, e.ruleId, e.path, e.value]);
}

function relativeTo(baselineFile: string, abs: string): string {
  return relative(dirname(baselineFile), abs).split('\\').join('/');
}
