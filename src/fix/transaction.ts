/**
 * All-or-nothing writes: every file is checked against what was read, secret files are written
 * first, compose files are replaced by rename from fsync'ed temporary files keeping their mode,
 * and any failure puts back every file as it was.
 */
import { LoadError } from '../load/parse.js';
import { readUserBytesSync } from '../load/read.js';
import { FixError } from './errors.js';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
  chmodSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file system operations a transaction uses; tests inject failing ones. */
export interface FileOps {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** Permission bits of an existing file, or undefined. */
  mode(path: string): number | undefined;
  /** Writes a new file completely and durably: create exclusively, write, chmod, fsync, close. */
  writeDurable(path: string, data: string, mode: number): void;
  rename(from: string, to: string): void;
  /** A hard link `to` → `from`; fails with EEXIST instead of replacing (new files are put in place with it). */
  link?(from: string, to: string): void;
  unlink(path: string): void;
  mkdir(path: string, mode: number): void;
  rmdir(path: string): void;
  /** Flushes a directory's entries (after renames); best effort. */
  syncDir(path: string): void;
  /** The file a path finally names (following symbolic links); the path itself when it does not exist. */
  realpath(path: string): string;
}

export const nodeFileOps: FileOps = {
  read(path) {
    let bytes: Buffer;
    try {
      // bounded, regular files only (a device or FIFO named like a compose file is refused, not read forever)
      bytes = readUserBytesSync(path);
    } catch (err) {
      if (err instanceof LoadError && err.message === 'no such file') return undefined;
      throw err;
    }
    try {
      // fatal: a file that is not UTF-8 would come back changed (U+FFFD), so it is refused instead
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new FixError(`${path} is not UTF-8 text; fix leaves it alone and nothing was written`);
    }
  },
  mode(path) {
    try {
      return statSync(path).mode & 0o7777;
    } catch {
      return undefined;
    }
  },
  writeDurable(path, data, mode) {
    const fd = openSync(path, 'wx', mode);
    try {
      chmodSync(path, mode);
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename: renameSync,
  link: linkSync,
  unlink: unlinkSync,
  mkdir(path, mode) {
    mkdirSync(path, { mode });
    chmodSync(path, mode);
  },
  rmdir: rmdirSync,
  syncDir(path) {
    try {
      const fd = openSync(path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // not every platform can fsync a directory
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};

export interface FileWrite {
  /** Absolute path. */
  path: string;
  /** As shown to the user. */
  display: string;
  /** The text read before planning; null when the file must not exist yet. */
  expected: string | null;
  data: string;
  /** Mode of a new file (an existing file keeps its own). */
  mode: number;
  /** Secret files are written first. */
  secret?: boolean;
}

/** A write that could not be done; every file was left (or put back) as it was unless `partial` names some. */
export class TransactionError extends Error {
  constructor(
    message: string,
    readonly partial: string[] = [],
  ) {
    super(message);
    this.name = 'TransactionError';
  }
}

let counter = 0;
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.compose-secrets-${process.pid}-${Date.now().toString(36)}-${counter++}.tmp`);
}

/** A temporary file of tempName(): `.NAME.compose-secrets-PID-TIME-N.tmp`. */
const TEMP_NAME = /^\..+\.compose-secrets-(\d+)-[0-9a-z]+-\d+\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a killed run (SIGKILL, a power cut) left in these directories: those
 * of processes that no longer run. Returns the paths removed.
 */
export function removeStaleTemps(dirs: Iterable<string>, list: (dir: string) => string[] = listDir, unlink: (path: string) => void = unlinkSync): string[] {
  const removed: string[] = [];
  for (const dir of new Set(dirs)) {
    for (const name of list(dir)) {
      const m = TEMP_NAME.exec(name);
      if (!m || alive(Number(m[1]))) continue;
      try {
        unlink(join(dir, name));
        removed.push(join(dir, name));
      } catch {
        // gone meanwhile, or not ours to remove
      }
    }
  }
  return removed;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const DEFERRED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let signalsDeferred = false;

/**
 * Runs `f` (synchronous) so that SIGINT, SIGTERM and SIGHUP cannot cut it short: without a
 * listener such a signal ends the process at once, in the middle of the writes; with one, it is
 * dispatched only once `f` has returned (every file written, or every file put back), and the
 * listener then ends the process as the signal would have (it removes itself and raises the
 * signal again). The listeners are installed once per process.
 */
export function withSignalsDeferred<T>(f: () => T): T {
  if (!signalsDeferred) {
    signalsDeferred = true;
    for (const signal of DEFERRED_SIGNALS) {
      const handler = () => {
        process.removeListener(signal, handler);
        process.kill(process.pid, signal);
      };
      process.on(signal, handler);
    }
  }
  return f();
}

/**
 * Writes every file or none. `dirs` are created first (with their mode) when missing. Throws
 * TransactionError after putting everything back; its message says why.
 */
export function commit(writes: FileWrite[], dirs: { path: string; mode: number }[] = [], ops: FileOps = nodeFileOps): void {
  const targets = writes.map((w) => ({ ...w, path: ops.realpath(w.path) }));
  // 1. nothing changed on disk since it was read
  for (const w of targets) {
    if (changedOnDisk(ops, w)) throw new TransactionError(`${w.display} changed on disk since it was read; nothing was written (run fix again)`);
  }
  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
  const temps: string[] = [];
  const replaced: { path: string; original: string; mode: number }[] = [];
  try {
    for (const d of dirs) {
      if (ops.mode(d.path) !== undefined) continue;
      ops.mkdir(d.path, d.mode);
      createdDirs.push(d.path);
    }
    // 2. secret files, before any compose file changes
    const secretFirst = [...targets.filter((w) => w.secret), ...targets.filter((w) => !w.secret)];
    const staged: { w: (typeof targets)[number]; temp: string }[] = [];
    for (const w of secretFirst) {
      const mode = w.expected === null ? w.mode : (ops.mode(w.path) ?? w.mode);
      const temp = tempName(w.path);
      // tracked before the write: a write that fails midway (disk full) leaves a file to remove
      temps.push(temp);
      ops.writeDurable(temp, w.data, mode);
      if (w.secret) {
        // a secret file is in place before the next step starts
        if (w.expected === null) placeNew(ops, temp, w.path, w.display);
        else ops.rename(temp, w.path);
        temps.splice(temps.indexOf(temp), 1);
        createdFiles.push(w.path);
        ops.syncDir(dirname(w.path));
      } else {
        staged.push({ w, temp });
      }
    }
    // 3. the compose files, each checked once more right before it is replaced
    for (const { w, temp } of staged) {
      if (changedOnDisk(ops, w)) throw new TransactionError(`${w.display} changed on disk while fix was writing; every file was put back as it was`);
      ops.rename(temp, w.path);
      temps.splice(temps.indexOf(temp), 1);
      if (w.expected === null) createdFiles.push(w.path);
      else replaced.push({ path: w.path, original: w.expected, mode: ops.mode(w.path) ?? w.mode });
    }
    for (const d of new Set(staged.map((s) => dirname(s.w.path)))) ops.syncDir(d);
  } catch (err) {
    const partial = rollback(ops, temps, replaced, createdFiles, createdDirs);
    const own = err instanceof TransactionError;
    let message = own ? err.message : `cannot write: ${(err as Error).message}`;
    if (partial.length) message += `; could not restore ${partial.join(', ')}`;
    else if (!own) message += '; every file was left as it was';
    throw new TransactionError(message, partial);
  }
}

/** Whether a file is no longer as it was read (`expected` null: it has appeared). */
function changedOnDisk(ops: FileOps, w: FileWrite): boolean {
  return (ops.read(w.path) ?? null) !== w.expected;
}

/**
 * Puts a new file in place without ever replacing one that appeared meanwhile (another fix run,
 * an editor): a hard link fails with EEXIST where a rename would overwrite. File systems without
 * hard links fall back to rename.
 */
function placeNew(ops: FileOps, temp: string, path: string, display: string): void {
  if (ops.link) {
    try {
      ops.link(temp, path);
      ops.unlink(temp);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new TransactionError(`${display} appeared while fix was writing and was not overwritten; every file was put back as it was`);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw err;
    }
  }
  ops.rename(temp, path);
}

/** Puts every file back; returns the paths that could not be restored. */
function rollback(ops: FileOps, temps: string[], replaced: { path: string; original: string; mode: number }[], created: string[], dirs: string[]): string[] {
  const failed: string[] = [];
  for (const t of temps) {
    try {
      ops.unlink(t);
    } catch {
      // a temporary file that was never created
    }
  }
  for (const r of replaced.reverse()) {
    const temp = tempName(r.path);
    try {
      ops.writeDurable(temp, r.original, r.mode);
      ops.rename(temp, r.path);
    } catch {
      failed.push(r.path);
      try {
        ops.unlink(temp);
      } catch {
        // never created
      }
    }
  }
  for (const c of created.reverse()) {
    try {
      ops.unlink(c);
    } catch {
      failed.push(c);
    }
  }
  for (const d of dirs.reverse()) {
    try {
      ops.rmdir(d);
    } catch {
      failed.push(d);
    }
  }
  return failed;
}
