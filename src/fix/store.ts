/** Secret files: one value per file in the secrets directory (0700), each file 0600, never overwritten with another value. */
import { isAbsolute, join, relative, sep } from 'node:path';
import { nodeFileOps, type FileOps } from './transaction.js';

/** A secret file that exists with another value: fix stops rather than overwrite it. */
export class StoreConflictError extends Error {
  constructor(
    readonly display: string,
    unreadable?: string,
  ) {
    super(
      unreadable
        ? `${display} cannot be read (${unreadable}); secret files are never overwritten (fix its permissions, or choose another --secrets-dir)`
        : `${display} already exists with a different value; secret files are never overwritten (move it away, or choose another --secrets-dir)`,
    );
    this.name = 'StoreConflictError';
  }
}

export interface SecretFile {
  path: string;
  display: string;
  value: string;
  /** Already on disk with exactly this value: nothing to write. */
  present: boolean;
}

export const SECRET_FILE_MODE = 0o600;
export const SECRET_DIR_MODE = 0o700;

/** The secret files of one run, across every project that shares a secrets directory. */
export class SecretStore {
  private readonly files = new Map<string, SecretFile>();

  constructor(
    private readonly display: (abs: string) => string,
    private readonly ops: FileOps = nodeFileOps,
  ) {}

  /** The value a file holds on disk or will hold after this run; undefined when it is free. */
  valueAt(path: string): string | undefined {
    return this.files.get(path)?.value ?? this.readable(path);
  }

  /** The text of a file on disk; undefined when there is none or it cannot be read as one (a directory). */
  private readable(path: string): string | undefined {
    try {
      return this.ops.read(path);
    } catch {
      return undefined;
    }
  }

  /** Whether `path` may hold `value`: free, or already holding it. A file of this run with another value is 'taken'; one on disk throws StoreConflictError. */
  check(path: string, value: string): 'free' | 'same' | 'taken' {
    const planned = this.files.get(path);
    if (planned) return planned.value === value ? 'same' : 'taken';
    let onDisk: string | undefined;
    try {
      onDisk = this.ops.read(path);
    } catch (err) {
      throw new StoreConflictError(this.display(path), (err as NodeJS.ErrnoException).code ?? (err as Error).message);
    }
    if (onDisk === undefined) return 'free';
    if (onDisk === value) return 'same';
    throw new StoreConflictError(this.display(path));
  }

  /** Plans `value` at `path` (checked with check() first). */
  put(path: string, value: string): void {
    if (this.files.has(path)) return;
    const present = this.readable(path) === value;
    this.files.set(path, { path, display: this.display(path), value, present });
  }

  list(): SecretFile[] {
    return [...this.files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  }

  values(): string[] {
    return [...this.files.values()].map((f) => f.value);
  }
}

/**
 * The project's .gitignore with the secrets directory added, or undefined when it already ignores
 * it (or the directory is outside the project).
 */
export function gitignoreUpdate(projectDirectory: string, secretsDir: string, current: string | undefined): string | undefined {
  const rel = relative(projectDirectory, secretsDir);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  // glob characters are escaped: `/sec[1]/` would not match a directory named sec[1]
  const posix = rel
    .split(sep)
    .join('/')
    .replace(/[\\*?[\]]/g, '\\$&');
  const accepted = new Set([posix, `/${posix}`, `${posix}/`, `/${posix}/`, `${posix}/*`, `/${posix}/*`, `${posix}/**`, `/${posix}/**`]);
  const lines = (current ?? '').split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => accepted.has(l))) return undefined;
  const eol = current && /\r\n/.test(current) ? '\r\n' : '\n';
  const prefix = current && !current.endsWith('\n') ? eol : '';
  return `${current ?? ''}${prefix}# secret files written by compose-secrets fix${eol}/${posix}/${eol}`;
}

export function defaultSecretsDir(projectDirectory: string): string {
  return join(projectDirectory, 'secrets');
}
