import { fstatSync, statSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * The CLI's output. The command-line program (src/cli.ts) writes to the file descriptors directly:
 * process.stdout and process.stderr are streams Node builds on first use (a pipe, a file or a
 * terminal each loads its own stream modules), 5–10 ms of a one-file lint that writes a few lines.
 * Writes are whole and synchronous, so the output is complete when the process exits and in order
 * with anything written through the streams (which on Linux are synchronous too). main() called
 * in a process of its own (a test, a program embedding it) writes through the streams, which that
 * process may have redirected.
 */
let direct = false;

/** Called by the command-line program before main(): output goes to file descriptors 1 and 2. */
export function writeToDescriptors(): void {
  direct = true;
}

export function writeOut(text: string): void {
  if (direct) writeAll(1, text);
  else process.stdout.write(text);
}

export function writeErr(text: string): void {
  if (direct) writeAll(2, text);
  else process.stderr.write(text);
}

/** How many 1 ms waits in a row a full non-blocking pipe (EAGAIN) gets before the output is given up: about a minute. */
const PIPE_WAITS = 60_000;
/** What Atomics.wait sleeps on (nothing ever notifies it): made once, at the first full pipe. */
let sleeper: Int32Array | undefined;

function writeAll(fd: number, text: string): void {
  if (!text) return;
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  let waited = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(fd, bytes, written, bytes.length - written);
      waited = 0;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // the reader has gone (`| head`): the rest of the output has nobody to go to
      if (code === 'EPIPE') return;
      // a pipe another process made non-blocking, and full: wait for its reader
      if (code === 'EAGAIN' && waited < PIPE_WAITS) {
        Atomics.wait((sleeper ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
        waited++;
        continue;
      }
      throw err;
    }
  }
}

/**
 * Whether file descriptor `fd` is a terminal, without building its stream. Pipes, files and
 * sockets are not (one fstat); a character device is asked of node:tty, unless it is /dev/null,
 * the usual stdout of a hook or a benchmark (node:tty loads node:net: ~6 ms; the CLI's bundle
 * requires node:tty at this call, scripts/build.mjs).
 */
export function isTerminal(fd: 1 | 2): boolean {
  if (!direct || process.platform === 'win32') return Boolean((fd === 1 ? process.stdout : process.stderr).isTTY);
  let stat: ReturnType<typeof fstatSync>;
  try {
    stat = fstatSync(fd);
  } catch {
    return false;
  }
  if (!stat.isCharacterDevice()) return false;
  try {
    const devNull = statSync('/dev/null');
    if (devNull.isCharacterDevice() && devNull.rdev === stat.rdev) return false;
  } catch {}
  return isatty(fd);
}
