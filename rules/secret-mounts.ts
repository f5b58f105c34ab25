/**
 * The Compose `secrets:` of a model as the hygiene, access and audit code reads them: the
 * top-level declarations (their source) and every mount of a service or of its build.
 */
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { FileHost } from '../src/load/host.js';
import type { ComposeModel, ServiceModel } from '../src/model/model.js';
import type { Origin } from '../src/model/origin.js';
import { get, type TreeNode, type TreeScalar } from '../src/model/tree.js';

/** A top-level `secrets.<name>` and where its value comes from. */
export interface DeclaredSecret {
  name: string;
  keyOrigin: Origin;
  node: TreeNode;
  /** `file:` (as written, interpolated). */
  file?: TreeScalar;
  /** `environment:` (the variable's name). */
  environment?: TreeScalar;
  external: boolean;
  /** `name:` (the name in the engine, for external secrets). */
  externalName?: TreeScalar;
}

/** One secret mounted by a service (`services.x.secrets`) or given to its build (`build.secrets`). */
export interface SecretMount {
  service: string;
  source: string;
  /** Absolute path in the container. */
  target: string;
  /** The node naming the source: where findings about the mount point. */
  node: TreeScalar;
  build: boolean;
  /** Long syntax only. */
  mode?: TreeScalar;
  uid?: string;
  gid?: string;
}

function scalar(node: TreeNode | undefined): TreeScalar | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node : undefined;
}

export function isTrue(node: TreeNode | undefined): boolean {
  return node?.kind === 'scalar' && (node.value === true || node.value === 'true');
}

/** The top-level secrets, in the order written. */
export function declaredSecrets(model: ComposeModel): Map<string, DeclaredSecret> {
  const out = new Map<string, DeclaredSecret>();
  const top = get(model.root, 'secrets');
  if (top?.kind !== 'map') return out;
  for (const e of top.entries) {
    const external = get(e.value, 'external');
    // the legacy `external: {name: x}` form
    const legacyName = external?.kind === 'map' ? scalar(get(external, 'name')) : undefined;
    out.set(e.key, {
      name: e.key,
      keyOrigin: e.keyOrigin,
      node: e.value,
      file: scalar(get(e.value, 'file')),
      environment: scalar(get(e.value, 'environment')),
      external: isTrue(external) || external?.kind === 'map',
      externalName: scalar(get(e.value, 'name')) ?? legacyName,
    });
  }
  return out;
}

/**
 * Whether a mount is named by a variable the environment does not set (`source: ${WHICH_SECRET}`): it names no secret
 * yet, the deployment's environment decides which.
 */
export function isNamedByUnsetVariable(mount: SecretMount): boolean {
  return mount.node.interpolation?.vars.some((v) => v.resolution === 'unset') ?? false;
}

/** The secrets a service mounts at run time and those its build uses. */
export function serviceMounts(service: ServiceModel): SecretMount[] {
  return [...mountList(service.name, get(service.node, 'secrets'), false), ...mountList(service.name, get(get(service.node, 'build'), 'secrets'), true)];
}

function mountList(service: string, node: TreeNode | undefined, build: boolean): SecretMount[] {
  if (node?.kind !== 'seq') return [];
  const out: SecretMount[] = [];
  for (const item of node.items) {
    const short = scalar(item);
    if (short) {
      out.push({ service, source: String(short.value), target: `/run/secrets/${short.value}`, node: short, build });
      continue;
    }
    const source = scalar(get(item, 'source'));
    if (!source) continue;
    const target = scalar(get(item, 'target'));
    const t = target ? String(target.value) : String(source.value);
    const uid = scalar(get(item, 'uid'));
    const gid = scalar(get(item, 'gid'));
    out.push({
      service,
      source: String(source.value),
      target: t.startsWith('/') ? t : `/run/secrets/${t}`,
      node: source,
      build,
      mode: scalar(get(item, 'mode')),
      uid: uid ? String(uid.value) : undefined,
      gid: gid ? String(gid.value) : undefined,
    });
  }
  return out;
}

/**
 * A mount's `mode` as permission bits. Compose reads YAML 1.1 integers: `0440` is octal, and so is
 * a quoted "0440". The parser here reads `0440` as the decimal 440, so the text as written decides
 * when it is known; without it, a number whose three or four digits are all octal is taken as
 * written in octal (modes are written that way), any other as its decimal value (`292` = 0444).
 */
export function modeBits(mode: TreeScalar, written?: string): number | undefined {
  const text = (typeof mode.value === 'string' ? mode.value : (written ?? String(mode.value))).trim();
  if (/^0o[0-7]+$/i.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0[0-7]*$/.test(text)) return Number.parseInt(text, 8);
  if (!/^[1-9]\d*$/.test(text)) return undefined;
  const exact = typeof mode.value === 'string' || written !== undefined;
  return !exact && /^[0-7]{3,4}$/.test(text) ? Number.parseInt(text, 8) : Number(text);
}

/** Who besides the owner can read a file with these permission bits, or undefined when nobody. */
export function readableBy(bits: number): string | undefined {
  const group = (bits & 0o040) !== 0;
  const others = (bits & 0o004) !== 0;
  return group && others ? 'group and others' : group ? 'its group' : others ? 'others' : undefined;
}

/** `0644` */
export function octal(bits: number): string {
  return `0${bits.toString(8).padStart(3, '0')}`;
}

/**
 * The absolute path of a file named in an origin (origins name files relative to the directory
 * lint ran in, which the rules are not told): found from where the project's first compose file
 * is, which is in the project directory.
 */
export function absoluteFile(model: ComposeModel, projectDirectory: string, display: string): string {
  if (isAbsolute(display)) return display;
  const first = model.root.origin.file;
  if (!isAbsolute(first)) {
    const abs = join(projectDirectory, first.split(/[\\/]/).pop() ?? first);
    const suffix = `/${normalize(first)}`;
    if (abs.endsWith(suffix)) return resolve(abs.slice(0, abs.length - suffix.length) || '/', display);
  }
  return resolve(display);
}

/** The text of a scalar as written in its file, when the host can read it. */
export function writtenScalar(host: FileHost, file: string, node: TreeScalar): string | undefined {
  try {
    return host.readText(file).slice(node.origin.range[0], node.origin.range[1]);
  } catch {
    return undefined;
  }
}

/** The env files a service reads (`env_file`), as absolute paths, with the node naming each. */
export function envFiles(service: ServiceModel, model: ComposeModel, projectDirectory: string): { path: string; node: TreeScalar }[] {
  const node = get(service.node, 'env_file');
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const base = dirname(absoluteFile(model, projectDirectory, service.nameOrigin.file));
  const out: { path: string; node: TreeScalar }[] = [];
  for (const item of items) {
    const p = item.kind === 'map' ? scalar(get(item, 'path')) : scalar(item);
    if (p) out.push({ path: resolve(base, String(p.value)), node: p });
  }
  return out;
}
