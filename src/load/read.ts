import { readFile } from 'node:fs/promises';
import { LoadError } from './parse.js';
import { LIMITS } from './limits.js';

/** Reads a file (or standard input for `-`) as UTF-8 text, with a one-line reason on failure. */
export async function readText(file: string, stdin: () => Promise<string> = readStdin): Promise<string> {
  if (file === '-') return stdin();
  try {
    const buf = await readFile(file);
    if (buf.length > LIMITS.maxFileBytes) {
      throw new LoadError(file, `file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MiB; refusing to read it`);
    }
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof LoadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new LoadError(file, `cannot read file: ${reason}`);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}
