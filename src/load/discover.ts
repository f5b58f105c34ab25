import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';

/** File names Compose itself, and common practice, give to compose files. */
export const COMPOSE_FILE_GLOBS = ['**/compose*.{yml,yaml}', '**/docker-compose*.{yml,yaml}', '**/*.compose.{yml,yaml}'];
const IGNORE = ['**/node_modules/**', '**/.git/**'];

export interface Discovery {
  files: string[];
  /** Paths given that matched nothing (a directory without compose files, a missing path). */
  empty: { path: string; reason: string }[];
}

/** Expands files and directories into compose files; `-` stands for standard input and is kept. */
export async function discover(paths: string[], ignore: string[] = [], cwd = process.cwd()): Promise<Discovery> {
  const files: string[] = [];
  const empty: Discovery['empty'] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      add(p);
      continue;
    }
    let kind: 'file' | 'dir' | 'missing' = 'missing';
    try {
      const s = await stat(resolve(cwd, p));
      kind = s.isDirectory() ? 'dir' : 'file';
    } catch {
      kind = 'missing';
    }
    if (kind === 'file') add(p);
    else if (kind === 'missing')
      add(p); // reported by the reader as unreadable, with its reason
    else {
      const fg = await fastGlob();
      const found = await fg(COMPOSE_FILE_GLOBS, {
        cwd: resolve(cwd, p),
        ignore: IGNORE,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        caseSensitiveMatch: false,
      });
      found.sort();
      if (!found.length) empty.push({ path: p, reason: 'no compose files found (looked for compose*.yaml, docker-compose*.yml, *.compose.yaml)' });
      const base = p.replace(/\/+$/, '');
      for (const f of found) add(base === '.' ? f : `${base}/${f}`);
    }
  }
  if (!ignore.length) return { files, empty };
  const ignored = await ignoreMatcher(ignore, cwd);
  return { files: files.filter((f) => f === '-' || !ignored(f)), empty };
}

/**
 * Whether a file is ignored by the settings' patterns, which are relative to the working
 * directory whatever paths were given. Each file found is matched (picomatch, fast-glob's own
 * matcher, loaded only when there are patterns): nothing is globbed, so the size of the working
 * directory does not matter.
 */
export async function ignoreMatcher(patterns: string[], cwd: string): Promise<(file: string) => boolean> {
  const mod = (await import('picomatch')) as unknown as { default?: typeof import('picomatch') };
  const picomatch = (mod.default ?? mod) as typeof import('picomatch');
  const posix = (p: string) =>
    p
      .split(sep)
      .join('/')
      .replace(/^(?:\.\/)+/, '');
  const isMatch = picomatch(patterns.map(posix), { dot: true });
  return (file) => isMatch(posix(relative(cwd, resolve(cwd, file))));
}

/** fast-glob, loaded only when a directory is searched: a hook that lints named files does not pay for it. */
async function fastGlob(): Promise<typeof import('fast-glob')> {
  const mod = (await import('fast-glob')) as unknown as { default?: typeof import('fast-glob') };
  return (mod.default ?? mod) as typeof import('fast-glob');
}
