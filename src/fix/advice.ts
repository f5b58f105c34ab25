/**
 * What fix tells the user to do by hand: advice on findings it does not rewrite, follow-ups of its
 * rewrites (programs that must read a file, values left in .env, defaults), Dockerfile lines for
 * build secrets, and the summary of the secrets.
 */
import { dirname, resolve } from 'node:path';
import type { Finding } from '../engine/types.js';
import { serviceNamed } from '../model/model.js';
import { get } from '../model/tree.js';
import type { Project } from '../preprocess/project.js';
import type { FixResult, FixSecret } from './options.js';
import type { FollowUp, Rewrite, SecretDef, SecretRegistry } from './plan.js';
import type { Positions } from './positions.js';
import type { Workspace } from './workspace.js';

/** What to do about a finding fix does not rewrite. */
export function advice(f: Finding): string {
  const context = f.data?.context;
  const passed = f.redacted === undefined; // passed through a variable, not written in the file
  if (context === 'command') {
    return passed
      ? 'not rewritten: interpolating it into the command puts it on the command line; mount it as a secret and have the command read the file, e.g. sh -c \'exec prog --password "$$(cat /run/secrets/NAME)"\''
      : 'not rewritten: mount the credential as a secret and have the command read the file, e.g. sh -c \'exec prog --password "$$(cat /run/secrets/NAME)"\'';
  }
  if (context === 'labels') return 'not rewritten: labels are readable by anyone who can inspect the container; take the credential out of the label';
  if (f.data?.optional === 'empty-default') {
    return 'not rewritten: the variable has an empty default (the setting is optional), which no secret source keeps; make it required (${VAR:?…}) where the deployment sets it, then run fix again';
  }
  if (context === 'environment' || context === 'env-file' || context === 'build-args') {
    return 'not rewritten: the value mixes text and variables, which no secret source can express; have the program read the secret part from a secret file';
  }
  return passed
    ? 'not rewritten: fix moves environment variables, env files and build arguments only; give the program the value as a secret file'
    : 'not rewritten: move the credential out of the file (into a secret file, or a variable from the environment)';
}

/** Follow-ups of the rewrites themselves: programs that must learn to read a file, values left in .env, defaults. */
export function afterFix(rewrites: Rewrite[], registry: SecretRegistry, ws: Workspace, positions: Positions): FollowUp[] {
  const out: FollowUp[] = [];
  const dotenvSeen = new Set<string>();
  for (const rw of rewrites) {
    const def = registry.defs.get(rw.secret);
    const file = def?.storePath ? ws.display(def.storePath) : undefined;
    if (!rw.safe && rw.newKey) {
      out.push(
        positions.stamp(
          {
            file: rw.file,
            line: rw.line,
            message: `${rw.services.join(', ')}: the application must read ${rw.key} from the file named by ${rw.newKey} (${rw.reason})`,
          },
          rw,
        ),
      );
    }
    if (rw.source === 'default' && file) {
      out.push(
        positions.stamp(
          {
            file: rw.file,
            line: rw.line,
            message: `${rw.key} took the default of \${${rw.variable}}: the provisioning script creates the secret from ${rw.variable} when it is set, else from the default stored in ${file}; once the secret exists, setting ${rw.variable} no longer changes it (create the next version)`,
          },
          rw,
        ),
      );
    }
    if (rw.source === 'dotenv' && rw.dotenv && !dotenvSeen.has(`${rw.dotenv.file}:${rw.variable}`)) {
      dotenvSeen.add(`${rw.dotenv.file}:${rw.variable}`);
      out.push(
        positions.stamp(
          {
            file: rw.dotenv.file,
            line: rw.dotenv.line,
            message: `${rw.variable} is left in ${rw.dotenv.file} (other tools may read it); its value is now in ${file}: delete the line once nothing else uses it`,
          },
          rw.dotenv,
        ),
      );
    }
    if (rw.source === 'passthrough' && def?.kind === 'external' && def.created) {
      out.push(
        positions.stamp(
          {
            file: rw.file,
            line: rw.line,
            message: `${def.externalName} is created from $${(def.source as { variable: string }).variable} by the provisioning script: set it when you run the script`,
          },
          rw,
        ),
      );
    }
  }
  return uniqueBy(out, (f) => `${f.file}:${f.line}:${f.message}`);
}

/** The Dockerfile of each service whose build argument became a build secret, and the line it needs. */
export function dockerfileLines(rewrites: Rewrite[], project: Project, abs: (d: string) => string, ws: Workspace): FixResult['dockerfile'] {
  const out: FixResult['dockerfile'] = [];
  for (const rw of rewrites) {
    if (rw.context !== 'build-args') continue;
    for (const name of rw.services) {
      const s = serviceNamed(project.model, name);
      const build = s && get(s.node, 'build');
      let context = '.';
      let dockerfile = 'Dockerfile';
      let base = dirname(abs(rw.file));
      if (build?.kind === 'scalar' && build.value !== null) context = String(build.value);
      if (build?.kind === 'map') {
        const c = get(build, 'context');
        const d = get(build, 'dockerfile');
        if (c?.kind === 'scalar' && c.value !== null) {
          context = String(c.value);
          base = dirname(abs(c.origin.file));
        }
        if (d?.kind === 'scalar' && d.value !== null) dockerfile = String(d.value);
      }
      out.push({ service: name, dockerfile: ws.display(resolve(base, context, dockerfile)), secret: rw.secret, key: rw.key });
    }
  }
  return out;
}

export function summarizeSecrets(defs: SecretDef[], ws: Workspace): FixSecret[] {
  const out: FixSecret[] = [];
  for (const d of uniqueBy(defs, (d) => `${d.name}\u0000${d.storePath ?? ''}\u0000${d.externalName ?? ''}`)) {
    const s: FixSecret = { name: d.name, kind: d.kind, reused: !d.created, users: d.users };
    if (d.externalName) s.externalName = d.externalName;
    if (d.storePath) s.file = ws.display(d.storePath);
    if (d.source && 'variable' in d.source) s.variable = d.source.variable;
    out.push(s);
  }
  return out;
}

export function uniqueBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
