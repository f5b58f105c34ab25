/**
 * The one reader of user files: compose files, extends and include targets, .env, --env-file,
 * env_file, the settings file, the --file-suffix-images table, and standard input.
 *
 * Every read is bounded before it starts: the file is opened without blocking (a FIFO would
 * otherwise wait for a writer forever), checked to be a regular file (a device like /dev/zero
 * never ends), and read in chunks that stop one byte past the limit. Failures are LoadErrors with
 * a short reason of our own, never the system's message.
 */
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync, type Stats } from 'node:fs';
import { LoadError } from './parse.js';
import { LIMITS } from './limits.js';

const CHUNK = 64 * 1024;
/** Opening never waits (FIFOs); O_NONBLOCK does not exist on Windows, where FIFOs are not files. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface ReadOptions {
  /** How the file is named in errors (default: the path). */
  display?: string;
  /** Bytes allowed (default: LIMITS.maxFileBytes). */
  maxBytes?: number;
}

/** Reads a user file as UTF-8 text (a BOM is kept: callers strip it where positions allow). Throws LoadError. */
export function readUserFileSync(path: string, options: ReadOptions = {}): string {
  return readUserBytesSync(path, options).toString('utf8');
}

/** Reads a user file's bytes, with the same bounds and refusals as readUserFileSync. Throws LoadError. */
export function readUserBytesSync(path: string, options: ReadOptions = {}): Buffer {
  const display = options.display ?? path;
  const max = options.maxBytes ?? LIMITS.maxFileBytes;
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    throw new LoadError(display, readFailure(err));
  }
  try {
    const { size } = checkKind(fstatSync(fd), display, max);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize(size, total, max));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) throw tooLarge(display, max);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof LoadError) throw err;
    throw new LoadError(display, readFailure(err));
  } finally {
    closeSync(fd);
  }
}

/**
 * The asynchronous twin of readUserFileSync. With node:fs's callbacks, not node:fs/promises: that
 * module loads some twenty more of Node's own (streams, readline) at every start-up, and a
 * FileHandle costs more per file than a descriptor.
 */
export async function readUserFile(path: string, options: ReadOptions = {}): Promise<string> {
  const display = options.display ?? path;
  const max = options.maxBytes ?? LIMITS.maxFileBytes;
  let fd: number;
  try {
    fd = await new Promise<number>((done, fail) => open(path, OPEN_FLAGS, (err, fd) => (err ? fail(err) : done(fd))));
  } catch (err) {
    throw new LoadError(display, readFailure(err));
  }
  try {
    const { size } = checkKind(await new Promise<Stats>((done, fail) => fstat(fd, (err, s) => (err ? fail(err) : done(s)))), display, max);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize(size, total, max));
      const bytesRead = await new Promise<number>((done, fail) => read(fd, buf, 0, buf.length, null, (err, n) => (err ? fail(err) : done(n))));
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw tooLarge(display, max);
    }
    return (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)).toString('utf8');
  } catch (err) {
    if (err instanceof LoadError) throw err;
    throw new LoadError(display, readFailure(err));
  } finally {
    await new Promise<void>((done, fail) => close(fd, (err) => (err ? fail(err) : done())));
  }
}

/** Standard input as text, stopping (and failing) one byte past the limit. */
export async function readStdin(input: AsyncIterable<unknown> = process.stdin, options: ReadOptions = {}): Promise<string> {
  const display = options.display ?? '<stdin>';
  const max = options.maxBytes ?? LIMITS.maxFileBytes;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buf);
    total += buf.length;
    if (total > max) {
      // stop reading: the rest of the stream is never buffered
      (input as { destroy?: () => void }).destroy?.();
      throw tooLarge(display, max);
    }
  }
  return Buffer.concat(chunks, total)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/**
 * Reads a compose file (or standard input for `-`) as UTF-8 text without its BOM.
 * Throws LoadError with a one-line reason.
 */
export async function readText(file: string, stdin: () => Promise<string> = () => readStdin()): Promise<string> {
  if (file === '-') return stdin();
  return (await readUserFile(file)).replace(/^\uFEFF/, '');
}

function checkKind<S extends { isFile(): boolean; isDirectory(): boolean; size: number }>(stat: S, display: string, max: number): S {
  if (stat.isDirectory()) throw new LoadError(display, 'cannot read file: is a directory');
  if (!stat.isFile()) throw new LoadError(display, 'cannot read file: not a regular file (a device, FIFO or socket)');
  if (stat.size > max) throw tooLarge(display, max);
  return stat;
}

/**
 * The next read's size: the first is the file's size and one byte more (one read for a file that
 * does not grow meanwhile, and a buffer of its size, not 64 KiB, for each small file), the next
 * ones CHUNK; never past one byte over the limit.
 */
function chunkSize(size: number, total: number, max: number): number {
  return Math.min(total === 0 ? size + 1 : CHUNK, max + 1 - total);
}

function tooLarge(display: string, max: number): LoadError {
  return new LoadError(display, `file is larger than ${formatBytes(max)}; refusing to read it`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : `${n} bytes`;
}

/** A system error as a reason of our own (the system's message repeats the path, and is not ours to word). */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read file: permission denied';
    case 'EISDIR':
      return 'cannot read file: is a directory';
    case 'ELOOP':
      return 'cannot read file: too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'cannot read file: the name is too long';
    default:
      return `cannot read file (${typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : 'I/O error'})`;
  }
}
