/**
 * The audit of a project's secrets: for each Compose secret its source and git status and every
 * service that mounts it (target, owner, mode, build-time use, the granting role), and every
 * secret still exposed through environment variables or hardcoded (the lint rules' findings).
 * Names, paths and positions only: never a value.
 */
import { relative, resolve } from 'node:path';
import { RULES } from '../../rules/index.js';
import { absoluteFile, declaredSecrets, modeBits, octal, serviceMounts, writtenScalar, type DeclaredSecret } from '../../rules/secret-mounts.js';
import { checkProject } from '../engine/check.js';
import { discover } from '../load/discover.js';
import { gitStatuses, type GitStatus } from '../load/git.js';
import { LoadError } from '../load/parse.js';
import { groupIntoProjects } from '../load/projects.js';
import { grantingRole, rolesOf, type Policy } from '../policy/policy.js';
import { loadProject, type Project } from '../preprocess/project.js';
import type { Settings } from '../settings.js';

/** The rules whose findings are secrets outside Compose secrets. */
export const EXPOSURE_RULES = ['secret-in-environment', 'secret-via-environment', 'secret-in-build-args', 'secret-in-env-file', 'hardcoded-credential'];

export interface AuditMount {
  service: string;
  target: string;
  uid: string | null;
  gid: string | null;
  /** Octal, as Compose reads it; null when not written (Compose's default is 0444). */
  mode: string | null;
  build: boolean;
  /** The policy role that grants it; null without a policy or when none does. */
  role: string | null;
  /** Whether the policy denies it (false without a policy). */
  denied: boolean;
}

export interface AuditSecret {
  name: string;
  source: { kind: 'file' | 'environment' | 'external' | 'undefined' | 'unknown'; name: string | null };
  /** Git status of a file source; null for other sources. */
  git: GitStatus | null;
  mounts: AuditMount[];
}

export interface AuditExposure {
  service: string | null;
  name: string;
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface AuditProject {
  name: string;
  files: string[];
  secrets: AuditSecret[];
  exposed: AuditExposure[];
}

export interface AuditReport {
  version: 1;
  policy: boolean;
  projects: AuditProject[];
}

export interface AuditOptions {
  paths: string[];
  files?: string[];
  envFiles?: string[];
  projectDirectory?: string;
  cwd: string;
  settings: Settings;
}

/** Audits every project the paths (or `-f` files) make up. Throws LoadError on a project that cannot be loaded. */
export async function audit(options: AuditOptions): Promise<AuditReport> {
  const { cwd, settings } = options;
  let units: string[][];
  if (options.files?.length) units = [options.files];
  else {
    const found = await discover(options.paths.length ? options.paths : ['.'], settings.ignore, cwd);
    if (!found.files.length) throw new LoadError(options.paths[0] ?? '.', 'no compose file found');
    units = groupIntoProjects(found.files, cwd);
  }
  const projects = units.map((files) => loadProject({ files, envFiles: options.envFiles, projectDirectory: options.projectDirectory, mode: 'lint', cwd }));
  return { version: 1, policy: Boolean(settings.policy), projects: projects.map((p) => auditProject(p, settings, cwd)) };
}

export function auditProject(project: Project, settings: Settings, cwd: string): AuditProject {
  const { model, projectDirectory, host } = project;
  const declared = declaredSecrets(model);
  const secrets = new Map<string, AuditSecret>();
  const fileOf = (s: DeclaredSecret) => resolve(projectDirectory, String(s.file!.value));
  const files = [...declared.values()].filter((s) => s.file && host.stat(fileOf(s))?.kind === 'file').map(fileOf);
  const git = files.length ? gitStatuses(files) : new Map<string, GitStatus>();
  for (const s of declared.values()) secrets.set(s.name, { name: s.name, source: sourceOf(s), git: s.file ? (git.get(fileOf(s)) ?? null) : null, mounts: [] });
  for (const service of model.services) {
    const roles = settings.policy ? rolesOf(settings.policy, service).roles : [];
    for (const m of serviceMounts(service)) {
      let secret = secrets.get(m.source);
      if (!secret) secrets.set(m.source, (secret = { name: m.source, source: { kind: 'undefined', name: null }, git: null, mounts: [] }));
      const bits = m.mode ? modeBits(m.mode, writtenScalar(host, absoluteFile(model, projectDirectory, m.mode.origin.file), m.mode)) : undefined;
      const role = settings.policy ? roleFor(settings.policy, roles, m.source) : null;
      secret.mounts.push({
        service: service.name,
        target: m.target,
        uid: m.uid ?? null,
        gid: m.gid ?? null,
        mode: bits === undefined ? null : octal(bits),
        build: m.build,
        role,
        denied: Boolean(settings.policy) && role === null,
      });
    }
  }
  const exposureRules = RULES.filter((r) => EXPOSURE_RULES.includes(r.meta.id) && settings.rules[r.meta.id] !== 'off');
  const exposed = checkProject(project, { rules: exposureRules, settings }).map((f) => ({
    service: f.service ?? null,
    name: String([...f.path].reverse().find((p) => typeof p === 'string') ?? ''),
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.origin.file,
    line: f.origin.line,
    column: f.origin.column,
    message: f.message,
  }));
  return { name: project.name, files: project.files.map((f) => relative(cwd, resolve(cwd, f)) || f), secrets: [...secrets.values()], exposed };
}

function roleFor(policy: Policy, roles: string[], secret: string): string | null {
  return grantingRole(policy, roles, secret) ?? null;
}

function sourceOf(s: DeclaredSecret): AuditSecret['source'] {
  if (s.file) return { kind: 'file', name: String(s.file.value) };
  if (s.environment) return { kind: 'environment', name: String(s.environment.value) };
  if (s.external) return { kind: 'external', name: s.externalName ? String(s.externalName.value) : s.name };
  return { kind: 'unknown', name: null };
}
