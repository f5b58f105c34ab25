/**
 * What a project's .gitignore files say of a file that no git repository holds (a copy of a repository, an unpacked
 * archive, a snapshot): a top directory taken as the repository it stands for, the file judged as `git check-ignore`
 * would judge it once `git init` made it one. Only the .gitignore files from that top down count (git.ts picks it: the
 * run's directory when the project is inside it, else the project's; never a home directory or the root).
 *
 * Patterns as gitignore(5) gives them: blank lines and `#` comments skipped, `!` negates, a trailing `/` matches
 * directories only, a slash at the start or in the middle anchors the pattern to its file's directory (otherwise it
 * matches at any depth), `*` stays within a path segment, `**` crosses them. The last matching pattern decides, a
 * deeper .gitignore after a shallower one, and nothing inside an ignored directory is re-included.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

interface Pattern {
  negate: boolean;
  directoryOnly: boolean;
  matches: (relativePath: string) => boolean;
}

/** The patterns of one .gitignore's text, in order. */
export function parseGitignore(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    // trailing spaces are dropped unless escaped with a backslash
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    else if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    if (!line) continue;
    const anchored = line.includes('/');
    const glob = anchored ? line.replace(/^\//, '') : `**/${line}`;
    out.push({ negate, directoryOnly, matches: picomatch(glob, { dot: true }) });
  }
  return out;
}

/** Judges files by the .gitignore files of their project; each .gitignore is read once. */
export class GitignoreJudge {
  private readonly files = new Map<string, Pattern[]>();

  constructor(private readonly read: (path: string) => string | undefined = readText) {}

  /** Whether the .gitignore files of `top` and the directories below it down to the file ignore it. */
  ignored(path: string, top: string): boolean {
    const rel = relative(top, path);
    if (!rel || rel.startsWith('..') || rel.startsWith(sep)) return false;
    const parts = rel.split(sep);
    // each directory on the way, then the file: an ignored directory ignores everything in it
    for (let depth = 1; depth <= parts.length; depth++) {
      const isDirectory = depth < parts.length;
      if (this.decides(top, parts.slice(0, depth), isDirectory)) return true;
    }
    return false;
  }

  /** Whether the patterns of the .gitignore files above `parts` (a path under top) ignore it. */
  private decides(top: string, parts: string[], isDirectory: boolean): boolean {
    let ignored = false;
    for (let level = 0; level < parts.length; level++) {
      const base = join(top, ...parts.slice(0, level));
      const relativePath = parts.slice(level).join('/');
      for (const p of this.patterns(base)) {
        if ((p.directoryOnly && !isDirectory) || !p.matches(relativePath)) continue;
        ignored = !p.negate;
      }
    }
    return ignored;
  }

  private patterns(directory: string): Pattern[] {
    let known = this.files.get(directory);
    if (!known) {
      const text = this.read(join(directory, '.gitignore'));
      known = text === undefined ? [] : parseGitignore(text);
      this.files.set(directory, known);
    }
    return known;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
