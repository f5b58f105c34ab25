/**
 * Before fix writes anything: every compose project that reads a file fix changes — the ones it
 * fixed, and any other project in the directories of those files (a sibling sharing an env_file,
 * a .env, an extends base or an include) — must give every container what it gave before
 * (equivalence.ts). Otherwise fix stops, saying where, and writes nothing.
 */
import { dirname, resolve } from 'node:path';
import { discover } from '../load/discover.js';
import { nodeHost } from '../load/host.js';
import { LoadError } from '../load/parse.js';
import { groupIntoProjects } from '../load/projects.js';
import { compareProject, type Difference, type ExternalSource } from './equivalence.js';
import { FixError } from './errors.js';
import type { SecretStore } from './store.js';
import type { Workspace } from './workspace.js';

export interface VerifyInput {
  cwd: string;
  ws: Workspace;
  store: SecretStore;
  /** The projects fix worked on (their compose files, as displayed). */
  projects: string[][];
  envFiles?: string[];
  projectDirectory?: string;
  ignore?: string[];
  /** External secrets by Swarm name: what the provisioning script (or an earlier run) gives them. */
  externals: Map<string, ExternalSource>;
}

const unitKey = (files: string[]) => [...files].sort().join('\u0000');

/** The other projects (not in `known`) whose files include one of `changed`. */
async function siblingProjects(input: VerifyInput, changed: Set<string>, known: Set<string>): Promise<string[][]> {
  const dirs = [...new Set([...changed].map((f) => dirname(f)))];
  const found = await discover(dirs, input.ignore, input.cwd);
  const out: string[][] = [];
  for (const unit of groupIntoProjects(found.files, input.cwd)) {
    if (known.has(unitKey(unit)) || unit.includes('-')) continue;
    try {
      const p = input.ws.load({ files: unit });
      if (p.sources.some((s) => changed.has(resolve(input.cwd, s)))) out.push(unit);
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
    }
  }
  return out;
}

function describe(d: Difference): string {
  const what = d.service ? `service ${d.service}${d.key ? `: ${d.key}` : ''} ${d.reason}` : d.reason;
  return `${d.file}${d.line ? `:${d.line}` : ''}: ${what}`;
}

/** Throws FixError when a container would receive something else after the run. */
export async function verifyEquivalence(input: VerifyInput): Promise<void> {
  const changed = new Set(input.ws.changed().map((c) => c.abs));
  if (!changed.size) return;
  const known = new Set(input.projects.map(unitKey));
  const siblings = await siblingProjects(input, changed, known);
  const differences: Difference[] = [];
  const check = (files: string[], own: boolean) =>
    compareProject({
      files,
      envFiles: own ? input.envFiles : undefined,
      projectDirectory: own ? input.projectDirectory : undefined,
      cwd: input.cwd,
      before: nodeHost,
      after: input.ws,
      fileContent: (abs) => input.store.valueAt(abs),
      external: (name) => input.externals.get(name),
    });
  for (const unit of input.projects) differences.push(...check(unit, true));
  for (const unit of siblings) differences.push(...check(unit, false));
  if (!differences.length) return;
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : '';
  throw new FixError(`the rewrite would change what a container receives: ${describe(differences[0])}${more}; nothing was written`);
}
