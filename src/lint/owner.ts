/**
 * The project a file given on its own belongs to, when the file is not a project by itself: an
 * env file (`.env`, an `env_file`), or an override file. pre-commit passes only the staged files,
 * so `lint .env` has to load the compose project that reads `.env` and report the findings
 * located in it.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { COMPOSE_FILE_NAME } from '../load/discover.js';
import { LoadError } from '../load/parse.js';
import { defaultComposeFiles, groupIntoProjects } from '../load/projects.js';
import { loadProject } from '../preprocess/project.js';

/** Compose files of one project, and the files (absolute) whose findings are reported: every file's when `focus` is absent. */
export interface LintUnit {
  files: string[];
  focus?: string[];
}

/** How many directories above a file are searched for the project that reads it. */
const MAX_LEVELS = 8;

/** An override file of Compose's defaults (compose.override.yaml…). */
export function isOverrideFile(file: string): boolean {
  return /^(?:docker-)?compose\.override\.ya?ml$/i.test(basename(file));
}

/** Named like an env file: `.env`, `.env.local`, `prod.env`, `env`. */
export function hasEnvFileName(file: string): boolean {
  return /^(?:\.?env(?:\..*)?|.*\.env)$/i.test(basename(file));
}

/** A file that is not YAML or JSON: an env file when a project reads it. */
export function isEnvFile(file: string): boolean {
  return file !== '-' && !/\.(?:ya?ml|json)$/i.test(file);
}

/**
 * The unit that lints a file given alone: an override file with its directory's base file, an
 * env file with the nearest project (in its directory or one above, up to the repository's root)
 * that reads it; undefined when there is none (the file is then linted as it is, or not at all).
 */
export function ownerUnit(file: string, cwd: string): LintUnit | undefined {
  const abs = resolve(cwd, file);
  if (isOverrideFile(file)) {
    const defaults = defaultComposeFiles(dirname(abs));
    return defaults.length > 1 && defaults[1] === abs ? { files: defaults, focus: [abs] } : undefined;
  }
  if (!isEnvFile(file)) return undefined;
  let dir = dirname(abs);
  for (let level = 0; level < MAX_LEVELS; level++) {
    for (const files of candidateProjects(dir, cwd)) {
      if (readsFile(files, abs, cwd)) return { files, focus: [abs] };
    }
    if (hasEntry(dir, '.git')) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The projects of a directory's compose files, as a directory walk groups them. */
function candidateProjects(dir: string, cwd: string): string[][] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => COMPOSE_FILE_NAME.test(n));
  } catch {
    return [];
  }
  return groupIntoProjects(
    names.sort().map((n) => join(dir, n)),
    cwd,
  );
}

/** Whether a project reads a file (its .env, an env_file, an included file); a project that does not load reads nothing. */
function readsFile(files: string[], abs: string, cwd: string): boolean {
  try {
    const project = loadProject({ files, mode: 'lint', cwd });
    return project.sources.some((s) => resolve(cwd, s) === abs);
  } catch (err) {
    if (err instanceof LoadError) return false;
    throw err;
  }
}

function hasEntry(dir: string, name: string): boolean {
  try {
    readdirSync(join(dir, name));
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOTDIR';
  }
}
