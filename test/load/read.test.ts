import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/load/parse.js';
import { readStdin, readUserFile, readUserFileSync } from '../../src/load/read.js';

const dir = mkdtempSync(join(tmpdir(), 'cs-read-'));

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof LoadError) return `${err.file}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

async function asyncFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LoadError) return `${err.file}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe('the bounded reader', () => {
  const fifo = join(dir, 'compose.yaml');
  execFileSync('mkfifo', [fifo]);
  const big = join(dir, 'big.yaml');
  writeFileSync(big, 'x'.repeat(1025));

  it('reads a regular file, BOM kept', async () => {
    const f = join(dir, 'ok.yaml');
    writeFileSync(f, '\uFEFFa: 1\n');
    expect(readUserFileSync(f)).toBe('\uFEFFa: 1\n');
    expect(await readUserFile(f)).toBe('\uFEFFa: 1\n');
  });

  it.each([
    ['/dev/zero', '/dev/zero: cannot read file: not a regular file (a device, FIFO or socket)'],
    [fifo, 'f: cannot read file: not a regular file (a device, FIFO or socket)'],
    [dir, 'f: cannot read file: is a directory'],
    [join(dir, 'missing.yaml'), 'f: no such file'],
    [big, 'f: file is larger than 1024 bytes; refusing to read it'],
  ])('refuses %s before reading it (sync and async)', async (path, expected) => {
    const display = path === '/dev/zero' ? path : 'f';
    expect(failure(() => readUserFileSync(path, { display, maxBytes: 1024 }))).toBe(expected);
    expect(await asyncFailure(readUserFile(path, { display, maxBytes: 1024 }))).toBe(expected);
  });

  it('stops reading standard input one chunk past the limit', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.alloc(100, 0x61);
      }
    }
    expect(await asyncFailure(readStdin(endless(), { maxBytes: 1000 }))).toBe('<stdin>: file is larger than 1000 bytes; refusing to read it');
    expect(pulled).toBe(11);
  });

  it('reads standard input within the limit, BOM removed', async () => {
    async function* two() {
      yield Buffer.from('\uFEFFa: ');
      yield Buffer.from('1\n');
    }
    expect(await readStdin(two())).toBe('a: 1\n');
  });
});
