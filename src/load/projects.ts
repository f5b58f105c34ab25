/** Which discovered compose files form one project, as Compose itself picks a directory's files. */
import { dirname, join, resolve } from 'node:path';
import { isFile, nodeHost, type FileHost } from './host.js';

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

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
