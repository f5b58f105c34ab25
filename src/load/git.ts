/**
 * Whether git keeps a file in version control: tracked (`git ls-files`), untracked but not
 * ignored (`git check-ignore`), or ignored. Cheap on lint's hot path: the repository of a file is
 * found by looking for `.git` upwards (no process), `git ls-files -z` runs once per repository and
 * `git check-ignore --stdin -z` once per batch of untracked files. What they said is kept by a
 * GitIndex, which one run owns (lint makes one per run and hands it to every project's check), so
 * a later run sees the repository as it is then. No git binary: every file is 'no-git', and
 * callers say so once per index.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, sep } from 'node:path';
import { GitignoreJudge } from './gitignore.js';

export type GitStatus = 'tracked' | 'not-ignored' | 'ignored' | 'no-repository' | 'no-git';

interface Repository {
  tracked: Set<string>;
  ignored: Map<string, boolean>;
}

/** What git said during one run: repositories, their roots, and the notes already given. */
export class GitIndex {
  readonly repositories = new Map<string, Repository | undefined>();
  /** Directory → its repository's root (or null outside any). */
  readonly roots = new Map<string, string | null>();
  gitMissing = false;
  /** Outside a repository: the .gitignore files of the project, read once a run. */
  readonly gitignores = new GitignoreJudge();
  private readonly said = new Set<string>();

  /**
   * `top`: the run's working directory. Outside a repository the .gitignore files from there down count for a project
   * inside it (a project in `config/` of the directory linted is judged by the top `.gitignore` too); never a home
   * directory's or the file system root's, which belong to no project.
   */
  constructor(readonly top?: string) {}

  /** True the first time a note is asked for: for things said once per run. */
  firstTime(note: string): boolean {
    if (this.said.has(note)) return false;
    this.said.add(note);
    return true;
  }

  /**
   * The git status of each absolute path (see gitStatuses). Given the project's directory, a path that no repository
   * holds is 'ignored' when the project's .gitignore files ignore it, as git would once the directory is one.
   */
  statuses(paths: readonly string[], projectDirectory?: string): Map<string, GitStatus> {
    return statusesIn(this, paths, projectDirectory);
  }
}

function repositoryRoot(dir: string, c: GitIndex): string | null {
  const seen: string[] = [];
  let d = dir;
  let found: string | null = null;
  for (;;) {
    const known = c.roots.get(d);
    if (known !== undefined) {
      found = known;
      break;
    }
    seen.push(d);
    try {
      statSync(join(d, '.git'));
      found = d;
      break;
    } catch {
      // not here
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const s of seen) c.roots.set(s, found);
  return found;
}

function git(root: string, args: string[], input?: string): { ok: boolean; stdout: string; missing: boolean } {
  const r = spawnSync('git', ['-C', root, ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'] });
  if (r.error) return { ok: false, stdout: '', missing: (r.error as NodeJS.ErrnoException).code === 'ENOENT' };
  // check-ignore exits 1 when nothing is ignored
  return { ok: r.status === 0 || r.status === 1, stdout: r.stdout ?? '', missing: false };
}

function repository(root: string, c: GitIndex): Repository | undefined {
  if (c.repositories.has(root)) return c.repositories.get(root);
  let repo: Repository | undefined;
  if (!c.gitMissing) {
    const r = git(root, ['ls-files', '-z']);
    if (r.missing) c.gitMissing = true;
    else if (r.ok) repo = { tracked: new Set(r.stdout.split('\0').filter(Boolean)), ignored: new Map() };
  }
  c.repositories.set(root, repo);
  return repo;
}

/** Where a project's .gitignore files start: the run's directory when the project is inside it and it is no home or root. */
function gitignoreTop(top: string | undefined, projectDirectory: string): string {
  if (top === undefined || top === parse(top).root || top === homedir()) return projectDirectory;
  const rel = relative(top, projectDirectory);
  return rel.startsWith('..') || isAbsolute(rel) ? projectDirectory : top;
}

/** The git status of each absolute path, asking git afresh (one-off callers: audit, rotate). */
export function gitStatuses(paths: readonly string[]): Map<string, GitStatus> {
  return new GitIndex().statuses(paths);
}

/** The git status of each absolute path (files that exist; others are reported as git sees them all the same). */
function statusesIn(c: GitIndex, paths: readonly string[], projectDirectory?: string): Map<string, GitStatus> {
  const out = new Map<string, GitStatus>();
  const ask = new Map<string, { repo: Repository; rel: string[] }>();
  for (const path of paths) {
    const root = repositoryRoot(dirname(path), c);
    if (root === null) {
      out.set(path, projectDirectory !== undefined && c.gitignores.ignored(path, gitignoreTop(c.top, projectDirectory)) ? 'ignored' : 'no-repository');
      continue;
    }
    const repo = repository(root, c);
    if (!repo) {
      out.set(path, c.gitMissing ? 'no-git' : 'no-repository');
      continue;
    }
    const rel = relative(root, path).split(sep).join('/');
    if (repo.tracked.has(rel)) out.set(path, 'tracked');
    else if (!repo.ignored.has(rel)) {
      const batch = ask.get(root) ?? { repo, rel: [] };
      batch.rel.push(rel);
      ask.set(root, batch);
    }
  }
  for (const [root, { repo, rel }] of ask) {
    const r = git(root, ['check-ignore', '--stdin', '-z'], `${rel.join('\0')}\0`);
    const ignored = new Set(r.ok ? r.stdout.split('\0').filter(Boolean) : []);
    for (const p of rel) repo.ignored.set(p, ignored.has(p));
  }
  for (const path of paths) {
    if (out.has(path)) continue;
    const root = repositoryRoot(dirname(path), c)!;
    const rel = relative(root, path).split(sep).join('/');
    out.set(path, c.repositories.get(root)?.ignored.get(rel) ? 'ignored' : 'not-ignored');
  }
  return out;
}
