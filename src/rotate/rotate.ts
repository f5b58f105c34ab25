/**
 * Rotation of one Compose secret. Swarm secrets are immutable (there is no `docker secret
 * update`): `--target swarm` bumps the versioned name of the external secret in place
 * (`app_db_password_v3` → `_v4`) and prints the plan — create the new secret, move each service
 * to it, remove the old one. `--target compose` writes the new value in a file beside the old one
 * (0600), switches `file:` to it and keeps the old file until you remove it. Edits are surgical
 * (text replaced at node ranges, the rest byte-identical) and written all-or-nothing. The value is
 * never printed, never on a command line, never in the plan.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { declaredSecrets, modeBits, octal, serviceMounts, type DeclaredSecret, type SecretMount } from '../../rules/secret-mounts.js';
import { TextEdits } from '../fix/edit.js';
import { FixError } from '../fix/errors.js';
import { commit, nodeFileOps, TransactionError, type FileOps, type FileWrite } from '../fix/transaction.js';
import { gitStatuses } from '../load/git.js';
import { quoteKey } from '../load/messages.js';
import type { Origin } from '../model/origin.js';
import type { TreeScalar } from '../model/tree.js';
import { loadProject, type Project } from '../preprocess/project.js';
import { nextFileVersion, nextVersion } from './version.js';

export class RotateError extends Error {}

export type RotateTarget = 'swarm' | 'compose';

export interface RotateOptions {
  secret: string;
  files?: string[];
  projectDirectory?: string;
  envFiles?: string[];
  cwd: string;
  /** Default: swarm for an external secret, compose for a file source. */
  target?: RotateTarget;
  /** `--value-from`: a file, or '-' for standard input. */
  valueFrom?: string;
  /** The Swarm stack the project is deployed as (default: the project's name). */
  stack?: string;
  /** Reads the new value (from valueFrom, or generates it); called only when a value must be written. */
  value: () => Promise<string>;
  dryRun?: boolean;
  ops?: FileOps;
}

export interface RotateResult {
  target: RotateTarget;
  oldName: string;
  newName: string;
  /** Files changed or created, as displayed. */
  written: string[];
  /** The plan, in plain text (names and paths only). */
  plan: string;
}

/** A change to one compose file. */
interface FileChange {
  abs: string;
  display: string;
  text: string;
  edits: TextEdits;
}

export async function rotate(options: RotateOptions): Promise<RotateResult> {
  const project = loadProject({ files: options.files, projectDirectory: options.projectDirectory, envFiles: options.envFiles, mode: 'lint', cwd: options.cwd });
  const errors = project.notes.filter((n) => n.severity === 'error');
  if (errors.length) throw new RotateError(`${errors[0].file}${errors[0].line ? `:${errors[0].line}:${errors[0].column}` : ''}: ${errors[0].message}`);
  const secret = declaredSecrets(project.model).get(options.secret);
  if (!secret) throw new RotateError(`secret ${quoteKey(options.secret)} is not defined under the top-level secrets of ${project.files.join(', ')}`);
  const target = options.target ?? (secret.external ? 'swarm' : 'compose');
  const mounts = project.model.services.flatMap((s) => serviceMounts(s)).filter((m) => m.source === secret.name);
  const ops = options.ops ?? nodeFileOps;
  return target === 'swarm' ? rotateSwarm(project, secret, mounts, options, ops) : rotateCompose(project, secret, mounts, options, ops);
}

// ---- swarm ---------------------------------------------------------------------------------

async function rotateSwarm(project: Project, secret: DeclaredSecret, mounts: SecretMount[], options: RotateOptions, ops: FileOps): Promise<RotateResult> {
  if (!secret.external)
    throw new RotateError(
      `secret ${quoteKey(secret.name)} is not external: only an external secret lives in the Swarm (use --target compose for a file: source)`,
    );
  const oldName = secret.externalName ? scalarText(secret.externalName) : secret.name;
  const newName = nextVersion(oldName);
  const changes = new Map<string, FileChange>();
  if (secret.externalName) {
    const change = fileChange(changes, secret.externalName.origin, options.cwd, ops);
    replaceScalar(change, secret.externalName, newName);
  } else {
    insertName(secret, newName, options.cwd, changes, ops);
  }
  const writes: FileWrite[] = [...changes.values()].map((c) => ({ path: c.abs, display: c.display, expected: c.text, data: c.edits.apply(), mode: 0o644 }));
  // the value goes to Docker through a file or standard input, never a command line
  let source: string;
  let valueFile: string | undefined;
  if (options.valueFrom === '-') source = '-';
  else if (options.valueFrom) source = options.valueFrom;
  else {
    const abs = resolve(project.projectDirectory, 'secrets', newName);
    valueFile = display(options.cwd, abs);
    if (ops.read(abs) !== undefined) throw new RotateError(`${valueFile} already exists; nothing was written`);
    writes.unshift({ path: abs, display: valueFile, expected: null, data: await options.value(), mode: 0o600, secret: true });
    source = valueFile;
  }
  if (!options.dryRun) write(writes, valueFile ? [{ path: dirname(resolve(options.cwd, valueFile)), mode: 0o700 }] : [], ops);
  const stack = options.stack ?? project.name;
  const services = [...new Set(mounts.filter((m) => !m.build).map((m) => m.service))];
  const lines = [
    `rotate ${secret.name} (swarm): ${oldName} → ${newName}`,
    ...[...changes.values()].map((c) => `${options.dryRun ? 'would change' : 'changed'} ${c.display}: the secret's name: is now ${newName}`),
    ...(valueFile ? [`${options.dryRun ? 'would write' : 'wrote'} a new random value to ${valueFile} (mode 0600)`] : []),
    '',
    'Swarm secrets are immutable (there is no docker secret update). The plan:',
    '',
    '1. Create the new secret:',
    source === '-'
      ? `   docker secret create ${newName} -      # reads the value from standard input: pipe it in`
      : `   docker secret create ${newName} ${source}`,
    ...(valueFile ? [`   rm ${valueFile}      # once it is created: the Swarm keeps the value`] : []),
    '2. Move each service to it (Docker restarts its tasks), or redeploy the stack with the changed file:',
    ...services.map((service) => {
      const m = mounts.find((x) => x.service === service && !x.build)!;
      return `   docker service update --secret-rm ${oldName} --secret-add ${secretAdd(newName, m, modeText(m, options.cwd, ops))} ${stack}_${service}`;
    }),
    ...(services.length ? [] : ['   (no service mounts it)']),
    `   # or: docker stack deploy ${project.files.map((f) => `-c ${f}`).join(' ')} ${stack}`,
    `3. Once every service has moved to ${newName}, remove the old secret:`,
    `   docker secret rm ${oldName}`,
    '',
  ];
  return { target: 'swarm', oldName, newName, written: options.dryRun ? [] : writes.map((w) => w.display), plan: lines.join('\n') };
}

/** `source=new,target=db_password,uid=1000,gid=1000,mode=0400`: the mount as it was, with the new secret. */
function secretAdd(newName: string, m: SecretMount, mode: string | undefined): string {
  const rel = m.target.startsWith('/run/secrets/') && !m.target.slice(13).includes('/') ? m.target.slice(13) : m.target;
  const parts = [`source=${newName}`, `target=${rel}`];
  if (m.uid) parts.push(`uid=${m.uid}`);
  if (m.gid) parts.push(`gid=${m.gid}`);
  if (mode) parts.push(`mode=${mode}`);
  return parts.join(',');
}

/** A mount's mode in octal, read as Compose reads it (`0400` as written is octal). */
function modeText(m: SecretMount, cwd: string, ops: FileOps): string | undefined {
  if (!m.mode) return undefined;
  const text = ops.read(resolve(cwd, m.mode.origin.file));
  const bits = modeBits(m.mode, text?.slice(m.mode.origin.range[0], m.mode.origin.range[1]));
  return bits === undefined ? undefined : octal(bits);
}

/** Adds `name: <new>` below `external: true` (the key was the secret's name in the Swarm). */
function insertName(secret: DeclaredSecret, newName: string, cwd: string, changes: Map<string, FileChange>, ops: FileOps): void {
  const node = secret.node;
  const external = node.kind === 'map' ? node.entries.find((e) => e.key === 'external') : undefined;
  if (!external) throw new RotateError(`secret ${quoteKey(secret.name)}: cannot find its external: key to add a name: beside`);
  const change = fileChange(changes, external.keyOrigin, cwd, ops);
  const start = external.keyOrigin.range[0];
  const lineStart = change.text.lastIndexOf('\n', start - 1) + 1;
  if (change.text.slice(lineStart, start).trim() !== '')
    throw new RotateError(`secret ${quoteKey(secret.name)} is written as a flow mapping: write it as a block mapping to rotate it`);
  const eol = /\r\n/.test(change.text) ? '\r\n' : '\n';
  let lineEnd = change.text.indexOf('\n', external.value.origin.range[1]);
  if (lineEnd < 0) lineEnd = change.text.length;
  else if (change.text[lineEnd - 1] === '\r') lineEnd--;
  // a comment after `external: true` stays on its line
  change.edits.insert(lineEnd, `${eol}${' '.repeat(start - lineStart)}name: ${newName}`);
}

// ---- compose -------------------------------------------------------------------------------

async function rotateCompose(project: Project, secret: DeclaredSecret, mounts: SecretMount[], options: RotateOptions, ops: FileOps): Promise<RotateResult> {
  if (!secret.file)
    throw new RotateError(
      `secret ${quoteKey(secret.name)} has no file: source: --target compose rotates a file source (an external secret rotates with --target swarm)`,
    );
  const oldFile = scalarText(secret.file);
  const newFile = nextFileVersion(oldFile);
  const abs = resolve(project.projectDirectory, newFile);
  const shown = display(options.cwd, abs);
  if (ops.read(abs) !== undefined) throw new RotateError(`${shown} already exists; nothing was written`);
  const changes = new Map<string, FileChange>();
  replaceScalar(fileChange(changes, secret.file.origin, options.cwd, ops), secret.file, newFile);
  const writes: FileWrite[] = [
    { path: abs, display: shown, expected: null, data: await options.value(), mode: 0o600, secret: true },
    ...[...changes.values()].map((c) => ({ path: c.abs, display: c.display, expected: c.text, data: c.edits.apply(), mode: 0o644 })),
  ];
  if (!options.dryRun) write(writes, [{ path: dirname(abs), mode: 0o700 }], ops);
  const git = options.dryRun ? undefined : gitStatuses([abs]).get(abs);
  const services = [...new Set(mounts.filter((m) => !m.build).map((m) => m.service))];
  const builds = [...new Set(mounts.filter((m) => m.build).map((m) => m.service))];
  const oldShown = display(options.cwd, resolve(project.projectDirectory, oldFile));
  const lines = [
    `rotate ${secret.name} (compose): ${oldFile} → ${newFile}`,
    `${options.dryRun ? 'would write' : 'wrote'} the new value to ${shown} (mode 0600)`,
    ...[...changes.values()].map((c) => `${options.dryRun ? 'would change' : 'changed'} ${c.display}: the secret's file: is now ${newFile}`),
    ...(git === 'tracked' || git === 'not-ignored' ? [`warning: git does not ignore ${shown}: add it to .gitignore before committing`] : []),
    '',
    'The plan:',
    '',
    services.length
      ? `1. Recreate the services that mount it: docker compose ${project.files.map((f) => `-f ${f}`).join(' ')} up -d ${services.join(' ')}`
      : '1. No service mounts it: nothing to recreate.',
    ...(builds.length ? [`   and rebuild those that build with it: docker compose build ${builds.join(' ')}`] : []),
    `2. Once they run with the new value, remove the old file: rm ${oldShown}`,
    '',
  ];
  return { target: 'compose', oldName: oldFile, newName: newFile, written: options.dryRun ? [] : writes.map((w) => w.display), plan: lines.join('\n') };
}

/** Every file or none (fix's transaction: temporary files, fsync, rename, modes kept, rolled back on failure). */
function write(writes: FileWrite[], dirs: { path: string; mode: number }[], ops: FileOps): void {
  try {
    commit(writes, dirs, ops);
  } catch (err) {
    if (err instanceof TransactionError || err instanceof FixError) throw new RotateError(err.message.replace('run fix again', 'run rotate again'));
    throw err;
  }
}

// ---- editing -------------------------------------------------------------------------------

function display(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel && !isAbsolute(rel) ? rel : abs;
}

function fileChange(changes: Map<string, FileChange>, origin: Origin, cwd: string, ops: FileOps): FileChange {
  const abs = resolve(cwd, origin.file);
  let change = changes.get(abs);
  if (!change) {
    const text = ops.read(abs);
    if (text === undefined) throw new RotateError(`${origin.file} cannot be read`);
    change = { abs, display: origin.file, text, edits: new TextEdits(text) };
    changes.set(abs, change);
  }
  return change;
}

/** The scalar's text as written, refusing one that interpolation produced (the file holds a template, not the name). */
function scalarText(node: TreeScalar): string {
  if (node.interpolation)
    throw new RotateError(
      `${node.origin.file}:${node.origin.line}:${node.origin.column}: the value comes from a variable; rotate edits only names written in the file`,
    );
  return String(node.value);
}

/** Replaces a scalar's text, keeping its quotes. */
function replaceScalar(change: FileChange, node: TreeScalar, text: string): void {
  scalarText(node);
  const [start, end] = node.origin.range;
  const written = change.text.slice(start, end);
  const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
  change.edits.replace(start, end, `${quote}${text}${quote}`);
}
