import { type Dirent, readdir, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isComposeText } from './content.js';

/**
 * File names Compose itself, and common practice, give to compose files (compose*.y{a,}ml,
 * docker-compose*.y{a,}ml, *.compose.y{a,}ml) and to Swarm stack files (stack.y{a,}ml,
 * docker-stack.y{a,}ml, *.stack.y{a,}ml: what `docker stack deploy -c` reads, and fix's default target).
 */
/** A Swarm stack file's name: `docker stack deploy -c` reads it, with no `.env` (`docker stack config` interpolates from the shell alone). */
export const STACK_FILE_NAME = /^(?:(?:docker-)?stack|[^/]*\.stack)\.ya?ml$/i;
export const COMPOSE_FILE_NAME = /^(?:(?:docker-)?compose[^/]*|[^/]*\.compose|(?:docker-)?stack|[^/]*\.stack)\.ya?ml$/i;
/** Directories never searched. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface Discovery {
  files: string[];
  /** Paths given that matched nothing (a directory without compose files, a missing path). */
  empty: { path: string; reason: string }[];
  /** Directories that could not be searched (unreadable: a database's data directory is often mode 700 for another user); the rest of the walk goes on. */
  skipped: { path: string; reason: string }[];
  /**
   * Files of other names taken on their lines alone (`trustShape`), not parsed: one that turns out
   * not to be YAML is no compose file, and the caller drops it.
   */
  byShape: Set<string>;
}

export interface DiscoverOptions {
  /** Also take YAML files of other names whose top level has a `services:` mapping of services (default: true). */
  byContent?: boolean;
  /**
   * Take such a file when its lines plainly have that shape, without parsing it (the caller parses
   * it anyway, and must drop it if that fails: see Discovery.byShape). Lint's choice: a third of a
   * large tree's compose files can be of other names (app templates), each parsed twice otherwise.
   */
  trustShape?: boolean;
}

/** Expands files and directories into compose files; `-` stands for standard input and is kept. */
export async function discover(paths: string[], ignore: string[] = [], cwd = process.cwd(), options: DiscoverOptions = {}): Promise<Discovery> {
  const files: string[] = [];
  const empty: Discovery['empty'] = [];
  const skipped: Discovery['skipped'] = [];
  const byShape = new Set<string>();
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
      // synchronous: one call per path given, and a lint of files named on the command line (a
      // hook's) then never starts the file system's thread pool (~2 ms of a cold start)
      kind = statSync(resolve(cwd, p)).isDirectory() ? 'dir' : 'file';
    } catch {
      kind = 'missing';
    }
    if (kind === 'file') add(p);
    else if (kind === 'missing')
      add(p); // reported by the reader as unreadable, with its reason
    else {
      const base = p.replace(/\/+$/, '');
      const found = await findComposeFiles(
        resolve(cwd, p),
        (rel, reason) => skipped.push({ path: base === '.' ? rel : `${base}/${rel}`, reason }),
        options.byContent !== false,
        (rel) => byShape.add(base === '.' ? rel : `${base}/${rel}`),
        options.trustShape === true,
      );
      if (!found.length)
        empty.push({
          path: p,
          reason: 'no compose files found (looked for compose*.yaml, docker-compose*.yml, *.compose.yaml, stack.yml, docker-stack.yml, *.stack.yml)',
        });
      for (const f of found) add(base === '.' ? f : `${base}/${f}`);
    }
  }
  if (!ignore.length) return { files, empty, skipped, byShape };
  const ignored = await ignoreMatcher(ignore, cwd);
  return { files: files.filter((f) => f === '-' || !ignored(f)), empty, skipped, byShape };
}

/**
 * Compose files below a directory, as sorted paths relative to it (`/`-separated). Symbolic links
 * are not followed; node_modules and .git are skipped; a directory that cannot be read is
 * reported through `onSkip` and the walk goes on. Iterative: depth costs no stack.
 */
async function findComposeFiles(
  root: string,
  onSkip: (rel: string, reason: string) => void,
  byContent: boolean,
  onShape: (rel: string) => void,
  trustShape: boolean,
): Promise<string[]> {
  const found: string[] = [];
  const others: string[] = [];
  // one level at a time, each level's directories read at once (the file system's thread pool queues them)
  let level: string[] = [''];
  while (level.length) {
    const listings = await Promise.all(level.map((rel) => list(rel ? join(root, rel) : root)));
    const next: string[] = [];
    listings.forEach((entries, i) => {
      const rel = level[i];
      if (!Array.isArray(entries)) {
        onSkip(rel || '.', entries);
        return;
      }
      for (const entry of entries) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) next.push(path);
        } else if (entry.isFile() && COMPOSE_FILE_NAME.test(entry.name)) found.push(path);
        else if (byContent && entry.isFile() && /\.ya?ml$/i.test(entry.name) && !path.startsWith('.github/') && !path.includes('/.github/')) others.push(path);
      }
    });
    level = next;
  }
  for (let i = 0; i < others.length; i += 64) {
    const batch = others.slice(i, i + 64);
    const verdicts = await Promise.all(batch.map((rel) => isComposeText(join(root, rel), trustShape)));
    batch.forEach((rel, j) => {
      if (verdicts[j]) found.push(rel);
      if (verdicts[j] === 'shape') onShape(rel);
    });
  }
  return found.sort();
}

/** A directory's entries, or why it could not be read. */
async function list(dir: string): Promise<Dirent[] | string> {
  try {
    return await new Promise<Dirent[]>((done, fail) => readdir(dir, { withFileTypes: true }, (err, entries) => (err ? fail(err) : done(entries))));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'directory not searched: permission denied' : `directory not searched (${code ?? 'I/O error'})`;
  }
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
