import { nodeHost, readHostText, type FileHost } from '../load/host.js';
import { LoadError } from '../load/parse.js';
import { LineIndex, type Origin } from '../model/origin.js';
import { DotenvError, parseDotenvEntries, type DotenvEntry } from './dotenv.js';
import type { EnvValue } from './interpolate-tree.js';

/** A dotenv file's entries with their origins in that file. */
export interface DotenvFile {
  file: string;
  /** The file's text, to read a value as written (before expansion). */
  text: string;
  entries: (DotenvEntry & { keyOrigin: Origin; valueOrigin: Origin })[];
}

/** Reads and parses a dotenv file; throws LoadError (file:line) when it cannot. */
export function readDotenvFile(file: string, lookup?: (name: string) => string | undefined, displayName = file, host: FileHost = nodeHost): DotenvFile {
  const text = readHostText(host, file, displayName, 'env file not found');
  try {
    const lines = new LineIndex(text);
    const entries = parseDotenvEntries(text.replace(/^\uFEFF/, ''), lookup).map((e) => ({
      ...e,
      keyOrigin: lines.origin(displayName, e.keyStart, e.keyEnd),
      valueOrigin: lines.origin(displayName, e.valueStart, e.valueEnd),
    }));
    return { file: displayName, text, entries };
  } catch (err) {
    if (err instanceof DotenvError) {
      // the parser's messages are worded by load/messages.ts: they never quote the file
      const pos = new LineIndex(text).position(err.offset);
      throw new LoadError(displayName, `invalid env file: ${err.message}`, pos.line, pos.column);
    }
    throw err;
  }
}

/**
 * The variables interpolation sees: the dotenv files (the project's `.env`, or the `--env-file`s
 * given) overridden by the process environment, as Compose does. Values keep where they were written.
 */
export function buildEnvironment(dotenvFiles: DotenvFile[], processEnv: Record<string, string | undefined>): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const f of dotenvFiles) {
    for (const e of f.entries) {
      if (e.inherited) continue;
      const from = expandedFrom(f.text, e, env);
      env.set(e.key, { value: e.value, source: 'dotenv', origin: from ?? e.valueOrigin, ...(from ? { written: e.valueOrigin } : {}) });
    }
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined) env.set(name, { value, source: 'process' });
  }
  return env;
}

const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Where a value written as an expansion of another variable of the file was written
 * (`JWT_SECRET=${NOVU_SECRET_KEY}`, `DATABASE_URI=postgres://app:${DB_PASSWORD}@db/app`): at the
 * line of the one variable it expands, which is where its secret is; undefined for a value that
 * expands none, or several.
 */
function expandedFrom(text: string, e: DotenvEntry & { valueStart: number; valueEnd: number }, env: ReadonlyMap<string, EnvValue>): Origin | undefined {
  if (e.quoted === 'single') return undefined;
  const raw = text.slice(e.valueStart, e.valueEnd);
  if (!raw.includes('$')) return undefined;
  let from: EnvValue | undefined;
  for (const m of raw.matchAll(REFERENCE)) {
    if (m.index > 0 && raw[m.index - 1] === '\\') continue;
    const other = env.get(m[1]);
    if (other?.source !== 'dotenv' || !other.origin || other.value === '') continue;
    if (from && from !== other) return undefined;
    from = other;
  }
  return from?.origin;
}
