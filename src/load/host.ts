/**
 * Every file the loader, the settings, the rules and fix read goes through a FileHost: the real
 * file system (nodeHost), or an in-memory overlay over another host (fix's private workspace, the
 * rule tester, standard input). Synchronous, like the loader. Read-only: writing belongs to whoever
 * owns an overlay.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LoadError } from './parse.js';
import { readFailure, readUserFileSync } from './read.js';

export interface FileStat {
  kind: 'file' | 'directory' | 'other';
  /** Permission bits (0o7777). */
  mode: number;
  size: number;
}

export interface FileHost {
  /**
   * The text of a file as stored (UTF-8; a BOM is kept). Throws a LoadError with a reason of our
   * own (the real file system: bounded reads, see read.ts), or an error with a Node.js `code`
   * (ENOENT, EISDIR, … from in-memory hosts); any other error is the host's own and is passed on.
   */
  readText(path: string): string;
  /** What is at a path (symbolic links followed), or undefined when nothing is. */
  stat(path: string): FileStat | undefined;
  /** The names in a directory, sorted; undefined when it is none or cannot be read (a host that cannot list has no such method). */
  list?(path: string): string[] | undefined;
  /** The path with every symbolic link resolved, when it exists (a host without links has no such method). */
  realpath?(path: string): string | undefined;
  /**
   * The entries of a directory in name order (as `list`), each with its path and what is at it,
   * asked when first read; only a host that keeps them for a run has it (runHost).
   */
  entries?(path: string): readonly DirEntry[] | undefined;
}

/** An entry of a directory: its name, its path (the directory's path joined with the name), and what is at it (links followed). */
export interface DirEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: FileStat['kind'] | undefined;
}

/** Whether a path names a regular file. */
export function isFile(host: FileHost, path: string): boolean {
  return host.stat(path)?.kind === 'file';
}

/** The one place the real file system is read as text: bounded, regular files only (read.ts). */
export function readTextFile(path: string): string {
  return readUserFileSync(path);
}

/**
 * Reads through a host and turns any failure into a LoadError naming the file as the user knows
 * it (`display`); `notFound` replaces the reason for a missing file ("env file not found").
 */
export function readHostText(host: FileHost, path: string, display: string, notFound?: string): string {
  try {
    return host.readText(path);
  } catch (err) {
    let reason: string;
    if (err instanceof LoadError) reason = err.message;
    else if ((err as NodeJS.ErrnoException).code) reason = readFailure(err);
    else throw err; // the host's own refusal (fix's workspace: not UTF-8)
    throw new LoadError(display, reason === 'no such file' && notFound ? notFound : reason);
  }
}

/** The real file system. */
export const nodeHost: FileHost = {
  readText: readTextFile,
  stat(path) {
    try {
      // a missing file is the common answer (default files, .env): no exception built for it
      const s = statSync(path, { throwIfNoEntry: false });
      if (!s) return undefined;
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', mode: s.mode & 0o7777, size: s.size };
    } catch {
      return undefined;
    }
  },
  list(path) {
    try {
      return readdirSync(path).sort();
    } catch {
      return undefined;
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

/**
 * A host for one run over a file system that does not change meanwhile (a lint of many
 * projects): a directory's names and entries (each entry stat'ed once, when its kind is first
 * read) and a resolved path are each asked of `base` once. Projects of one directory walk the
 * same directories (project-files.ts): without it, a directory of 300 compose files is listed and
 * each of its entries stat'ed 300 times. Other stats are not kept (a run stats some 16,000
 * paths, most once: keeping them all would cost more memory than the few repeats cost time), nor
 * are files read: a file is read by the project that needs it. Most of those stats look for a
 * file that is not there (a directory's default files, its .env): a name its directory's listing
 * does not hold is answered from the listing (one listing of the directory, which the project's
 * own walk reads anyway, instead of a stat for each name), the others are stat'ed.
 */
export function runHost(base: FileHost): FileHost {
  const lists = new Map<string, string[] | undefined>();
  const entries = new Map<string, DirEntry[] | undefined>();
  const reals = new Map<string, string | undefined>();
  const memo = <T>(cache: Map<string, T>, path: string, get: (path: string) => T): T => {
    if (cache.has(path)) return cache.get(path) as T;
    const value = get(path);
    cache.set(path, value);
    return value;
  };
  const host: FileHost = {
    readText: (path) => base.readText(path),
    stat: (path) => (absent(path) ? undefined : base.stat(path)),
  };
  const { list, realpath } = base;
  // each listed directory's names in lower case, or null where they cannot tell that a name is absent
  const folded = new Map<string, Set<string> | null>();
  let absent = (_path: string): boolean => false;
  if (list) {
    const names = (path: string) => memo(lists, path, (p) => list.call(base, p));
    absent = (path) => {
      const dir = dirname(path);
      const name = basename(path);
      // only a plain name in a plain path (no `..`, `.`, doubled or trailing separator), ASCII
      if (!name || name === '.' || name === '..' || join(dir, name) !== path || !ASCII_NAME.test(name)) return false;
      const lower = memo(folded, dir, (d) => {
        const listed = names(d);
        // compared without case, as a case-insensitive file system finds names; a listing with
        // other than ASCII names (which Unicode case folding or normalisation may equate) answers nothing
        return listed?.every((n) => ASCII_NAME.test(n)) ? new Set(listed.map((n) => n.toLowerCase())) : null;
      });
      return lower !== null && !lower.has(name.toLowerCase());
    };
    // a listing is handed out as a copy: callers may sort or change it
    host.list = (path) => names(path)?.slice();
    host.entries = (path) =>
      memo(entries, path, (p) =>
        names(p)
          ?.slice()
          .sort()
          .map((name) => new LazyEntry(host, name, join(p, name))),
      );
  }
  if (realpath) host.realpath = (path) => memo(reals, path, (p) => realpath.call(base, p));
  return host;
}

const ASCII_NAME = /^[\x20-\x7e]+$/;

/** A directory entry whose kind is stat'ed when first read (a walk that stops early stats no more than it reads). */
class LazyEntry implements DirEntry {
  private stated = false;
  private found: FileStat['kind'] | undefined;

  constructor(
    private readonly host: FileHost,
    readonly name: string,
    readonly path: string,
  ) {}

  get kind(): FileStat['kind'] | undefined {
    if (!this.stated) {
      this.found = this.host.stat(this.path)?.kind;
      this.stated = true;
    }
    return this.found;
  }
}

/** An error like the file system's own, so callers handle both hosts alike. */
export function hostError(code: 'ENOENT' | 'EISDIR', path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(
    `${code}: ${code === 'ENOENT' ? 'no such file or directory' : 'illegal operation on a directory'}, open '${path}'`,
  );
  err.code = code;
  return err;
}

/**
 * Files kept in memory over a base host: a written file hides the base's, everything else is the
 * base's. Nothing is ever written to the base. Paths are absolute.
 */
export class OverlayHost implements FileHost {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>();

  constructor(private readonly base: FileHost = EMPTY_HOST) {}

  write(path: string, text: string): void {
    const abs = resolve(path);
    this.files.set(abs, text);
    for (let d = dirname(abs); !this.dirs.has(d); d = dirname(d)) {
      this.dirs.add(d);
      if (dirname(d) === d) break;
    }
  }

  /** Whether the overlay holds its own text for a path. */
  holds(path: string): boolean {
    return this.files.has(resolve(path));
  }

  readText(path: string): string {
    const text = this.files.get(resolve(path));
    if (text !== undefined) return text;
    if (this.dirs.has(resolve(path))) throw hostError('EISDIR', path);
    return this.base.readText(path);
  }

  stat(path: string): FileStat | undefined {
    const text = this.files.get(resolve(path));
    if (text !== undefined) return { kind: 'file', mode: 0o644, size: Buffer.byteLength(text) };
    return this.base.stat(path) ?? (this.dirs.has(resolve(path)) ? { kind: 'directory', mode: 0o755, size: 0 } : undefined);
  }

  list(path: string): string[] | undefined {
    const dir = resolve(path);
    const own = [...this.files.keys(), ...this.dirs].filter((p) => p !== dir && dirname(p) === dir).map((p) => basename(p));
    const base = this.base.list?.(dir);
    if (!base && !this.dirs.has(dir)) return undefined;
    return [...new Set([...(base ?? []), ...own])].sort();
  }
}

/** A host with no files at all: the base of a purely in-memory overlay. */
export const EMPTY_HOST: FileHost = {
  readText(path) {
    throw hostError('ENOENT', path);
  },
  stat() {
    return undefined;
  },
};

/** An in-memory host holding the given files (paths relative to `root`). */
export function memoryHost(files: Record<string, string>, root = '/'): OverlayHost {
  const host = new OverlayHost(EMPTY_HOST);
  for (const [name, text] of Object.entries(files)) host.write(resolve(root, name), text);
  return host;
}
