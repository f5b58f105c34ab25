/** Which discovered compose files form one project, as Compose itself picks a directory's files. */
import { basename, dirname, join, resolve } from 'node:path';
import { isFile, nodeHost, type FileHost } from './host.js';

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** A default compose file's name (compose.yaml, docker-compose.yml, their overrides). */
export function isDefaultComposeName(file: string): boolean {
  const name = basename(file);
  return DEFAULT_FILES.includes(name) || OVERRIDE_FILES.includes(name);
}

/** The default compose file of a directory and its override, as Compose picks them. */
export function defaultComposeFiles(dir: string, host: FileHost = nodeHost): string[] {
  const base = DEFAULT_FILES.find((f) => isFile(host, join(dir, f)));
  if (!base) return [];
  const override = OVERRIDE_FILES.find((f) => isFile(host, join(dir, f)));
  return override ? [join(dir, base), join(dir, override)] : [join(dir, base)];
}

/**
 * Splits discovered files into projects, in the order they were found: a directory's default file
 * and its override form one project (base first); every other file is a project of its own; `-`
 * (standard input) is one too. Each directory is looked at once.
 */
export function groupIntoProjects(files: string[], cwd: string, host: FileHost = nodeHost): string[][] {
  const byDir = new Map<string, { defaults: Set<string>; members: string[] | undefined }>();
  const dirOf = (f: string) => {
    const dir = dirname(resolve(cwd, f));
    let d = byDir.get(dir);
    if (!d) byDir.set(dir, (d = { defaults: new Set(defaultComposeFiles(dir, host)), members: undefined }));
    return d;
  };
  const isDefault = (f: string) => f !== '-' && dirOf(f).defaults.has(resolve(cwd, f));
  // the default files of each directory, in the order given
  const defaultsGiven = new Map<string, string[]>();
  for (const f of files) {
    if (!isDefault(f)) continue;
    const dir = dirname(resolve(cwd, f));
    defaultsGiven.set(dir, [...(defaultsGiven.get(dir) ?? []), f]);
  }
  const units: string[][] = [];
  for (const f of files) {
    if (!isDefault(f)) {
      units.push([f]);
      continue;
    }
    const d = dirOf(f);
    if (d.members) continue;
    d.members = [...defaultsGiven.get(dirname(resolve(cwd, f)))!].sort((a, b) => rank(a) - rank(b));
    units.push(d.members);
  }
  return units;
}

/** Base files before override files. */
function rank(file: string): number {
  return /\.override\.ya?ml$/i.test(file) ? 1 : 0;
}

/** What finding covered projects needs of a loaded project: its compose files and every file it read. */
export interface ProjectFiles {
  files: readonly string[];
  sources: readonly string[];
  /** The compose files it read whole (given, found, included); without it, every source counts as whole. */
  wholeFiles?: readonly string[];
}

/**
 * For each project, the index of another project that reads every compose file of it (an extends
 * base or an included file that the directory search also found on its own), or -1: a covered
 * project is checked, and fixed, with the project that uses it. A directory's default compose file
 * is covered only by a project that reads it whole: one that `extends` a service of it (a
 * .devcontainer/compose.yaml) leaves its other services and its includes unread. Of two projects of the same files
 * the later one is covered by the earlier. An entry left undefined (a project that did not load)
 * neither covers nor is covered. Candidates are looked up through an index of sources, not by
 * comparing every pair.
 */
export function coveringProjects(projects: readonly (ProjectFiles | undefined)[]): number[] {
  const sources = projects.map((p) => (p ? new Set(p.sources) : undefined));
  const readers = new Map<string, number[]>();
  sources.forEach((set, j) => {
    for (const f of set ?? []) {
      const list = readers.get(f);
      if (list) list.push(j);
      else readers.set(f, [j]);
    }
  });
  const whole = projects.map((p) => (p?.wholeFiles ? new Set(p.wholeFiles) : undefined));
  const reads = (j: number, f: string) => sources[j]!.has(f) && (!isDefaultComposeName(f) || (whole[j] ?? sources[j]!).has(f));
  const covers = (j: number, i: number) => projects[i]!.files.every((f) => reads(j, f));
  return projects.map((p, i) => {
    if (!p) return -1;
    const candidates = p.files.length ? (readers.get(p.files[0]) ?? []) : projects.map((_, j) => j).filter((j) => projects[j]);
    return candidates.find((j) => j !== i && covers(j, i) && (!covers(i, j) || j < i)) ?? -1;
  });
}
