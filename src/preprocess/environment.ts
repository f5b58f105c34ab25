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
    const entries = parseDotenvEntries(text.replace(/^\uFEFF/, ''), lookup, { unresolved: true }).map((e) => ({
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
      const from = expandedFrom(e, env);
      env.set(e.key, { value: e.value, source: 'dotenv', origin: from ?? e.valueOrigin, ...(from ? { written: e.valueOrigin } : {}) });
    }
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined) env.set(name, { value, source: 'process' });
  }
  return env;
}

/**
 * Where the secret of a value that expands another variable of the file was written
 * (`JWT_SECRET=${NOVU_SECRET_KEY}`, `DATABASE_URI=postgres://app:${DB_PASSWORD}@db/app`): at the
 * line of the one non-empty variable it expands (the parser records which); undefined for a value
 * that expands none, or several.
 */
function expandedFrom(e: DotenvEntry, env: ReadonlyMap<string, EnvValue>): Origin | undefined {
  const from = (e.expands ?? []).map((name) => env.get(name)).filter((v) => v?.source === 'dotenv' && v.origin && v.value !== '');
  return from.length === 1 ? from[0]!.origin : undefined;
}
