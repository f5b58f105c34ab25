/**
 * The files of the repository that containers read besides the compose files and env files: a
 * service's bind-mounted files (`./config/app.ini:/etc/app/app.ini`, long syntax `type: bind`) and
 * the `file:` of the configs and secrets it uses. Only relative sources (an absolute path is the host's, not
 * the repository's) under the project or working directory, regular files, text, at most
 * MAX_MOUNTED_FILE_BYTES each. A mounted directory is walked when it is small enough to be
 * configuration (configDirectoryFiles) and holds no compose file (then it is the project's source).
 */
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileHost } from '../load/host.js';
import type { ComposeModel, MountedFile, Path, ServiceModel } from '../model/model.js';
import { get, wholeFileScalar, type TreeMap, type TreeNode, type TreeScalar } from '../model/tree.js';
import { COMPOSE_FILE_NAME } from '../load/discover.js';
import { parseComposeText } from '../load/parse.js';

/** A config file is small; a bigger one is data (a database dump, a GeoIP file), not read. */
export const MAX_MOUNTED_FILE_BYTES = 256 * 1024;

/** Files that are no configuration: archives, images, databases, certificates' public halves are still read. */
const BINARY_EXTENSIONS = new Set([
  '.gz',
  '.tgz',
  '.zip',
  '.xz',
  '.bz2',
  '.7z',
  '.tar',
  '.jar',
  '.war',
  '.so',
  '.dll',
  '.exe',
  '.bin',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.ico',
  '.svg',
  '.webp',
  '.pdf',
  '.woff',
  '.woff2',
  '.ttf',
  '.mmdb',
  '.db',
  '.sqlite',
  '.sqlite3',
  '.dump',
  '.mp3',
  '.mp4',
  '.wasm',
]);

interface Mount {
  source: TreeScalar;
  /** Declared a bind mount or a file (long syntax, a config): the source is a path even without `./`. */
  bind: boolean;
  path: Path;
  service: string;
  /** A top-level secret's `file:` (the service uses the secret). */
  secret?: string;
}

/**
 * The mounted files of a project, each once (the first declaration names it, every service that
 * mounts it is listed). `display` turns an absolute path into the name findings show.
 */
export function findMountedFiles(model: ComposeModel, host: FileHost, cwd: string, projectDirectory: string, display: (abs: string) => string): MountedFile[] {
  const byPath = new Map<string, MountedFile>();
  const roots = [projectDirectory, cwd];
  // resolved when first needed: most projects mount no file, and resolving walks every directory of a path
  let realRoots: string[] | undefined;
  const within = (path: string, real = false) =>
    (real ? (realRoots ??= roots.map((r) => host.realpath?.(r) ?? r)) : roots).some((root) => path === root || isInside(path, root));
  for (const service of model.services) {
    for (const mount of mountsOf(model, service)) {
      const written = String(mount.source.value);
      if (!isRelativeSource(written, mount.bind)) continue;
      // relative to the file that declares it (extends has rebased inherited paths onto the service's file)
      const abs = resolve(cwd, dirname(mount.source.origin.file), written);
      // a path out of the repository (`../../etc/…`) is the host's: only files under the project or the working directory
      if (!within(abs)) continue;
      const kind = host.stat(abs)?.kind;
      const files = kind === 'file' ? [abs] : kind === 'directory' ? directoryFiles(host, abs, model, cwd) : [];
      for (const path of files) {
        // nor through a symbolic link that leads out of them (`conf/passwd -> /etc/shadow`)
        if (!within(host.realpath?.(path) ?? path, true)) continue;
        const known = byPath.get(path);
        if (known) {
          if (!known.services.includes(mount.service)) known.services.push(mount.service);
          if (mount.secret !== undefined) known.secret ??= mount.secret;
          continue;
        }
        const text = readConfigText(host, path, MAX_MOUNTED_FILE_BYTES);
        if (text === undefined) continue;
        const file = display(path);
        byPath.set(path, {
          file,
          abs: path,
          node: wholeFileScalar(file, text),
          roots: structuredRoots(file, text),
          path: mount.path,
          services: [mount.service],
          ...(mount.secret !== undefined ? { secret: mount.secret } : {}),
          ...(kind === 'directory' ? { inDirectory: true as const } : {}),
        });
      }
    }
  }
  return [...byPath.values()];
}

/**
 * The files of a mounted directory read as configuration. The project's source (a directory that holds or is above
 * a compose file: `.:/var/www/html`) is not walked, but its `.env` is read: the application finds it there (Laravel,
 * Symfony, Rails' and Node's dotenv), every line of it, not only those compose uses.
 */
function directoryFiles(host: FileHost, dir: string, model: ComposeModel, cwd: string): string[] {
  if (!holdsComposeFiles(dir, model, cwd)) return configDirectoryFiles(host, dir);
  const dotenv = join(dir, '.env');
  return host.stat(dotenv)?.kind === 'file' ? [dotenv] : [];
}

/** A directory that holds (or is above) a compose file of the project is the project's source, not a config directory. */
function holdsComposeFiles(dir: string, model: ComposeModel, cwd: string): boolean {
  // a file is named as shown, relative to the working directory of the run
  return model.services.some((s) => {
    const file = resolve(cwd, s.nameOrigin.file);
    return isInside(file, dir) || dirname(file) === dir;
  });
}

/** A config directory is small: at most this many files, this deep; a bigger tree is an application's source or data. */
const MAX_DIRECTORY_FILES = 32;
// (a game server's data keeps its settings seven levels down: AMP's `instances/Palworld01/Palworld/Pal/Saved/Config/LinuxServer`)
const MAX_DIRECTORY_DEPTH = 8;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'vendor', '__pycache__', '.venv']);

/**
 * An example shipped beside the real file (Misskey's `.config/example.yml`, `app.sample.ini`): in a mounted directory it
 * is a template the application never reads. A file mounted by its own name is read whatever its name.
 */
const EXAMPLE_FILE = /(?:^|[._-])(?:example|examples|sample|samples)(?:[._-]|$)/i;

/** The files of a mounted directory, when it is small enough to be configuration (none otherwise); a directory met again through a link is not walked twice. */
function configDirectoryFiles(host: FileHost, root: string): string[] {
  if (!host.list) return [];
  const out: string[] = [];
  // a directory reached again through a link (`conf/self -> .`) is walked once
  const visited = new Set<string>([host.realpath?.(root) ?? root]);
  const walk = (dir: string, depth: number): boolean => {
    for (const name of host.list!(dir) ?? []) {
      if (SKIPPED_DIRECTORIES.has(name)) continue;
      const path = join(dir, name);
      const kind = host.stat(path)?.kind;
      if (kind === 'directory') {
        const real = host.realpath?.(path) ?? path;
        if (visited.has(real)) continue;
        visited.add(real);
        if (depth >= MAX_DIRECTORY_DEPTH || !walk(path, depth + 1)) return false;
      } else if (kind === 'file' && !EXAMPLE_FILE.test(name)) {
        out.push(path);
        if (out.length > MAX_DIRECTORY_FILES) return false;
      }
    }
    return true;
  };
  return walk(root, 1) ? out : [];
}

/** Whether `path` is strictly under `dir` (not `dir` itself). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * `./x`, `../x`, `x/y` (or any relative path after `type: bind`): a path in the repository, not a
 * named volume (`data`), an absolute host path or `~`.
 */
function isRelativeSource(source: string, bind: boolean): boolean {
  if (!source || isAbsolute(source) || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source) || source.includes('$')) return false;
  return bind || source.startsWith('.') || source.includes('/');
}

function mountsOf(model: ComposeModel, service: ServiceModel): Mount[] {
  const out: Mount[] = [];
  const volumes = get(service.node, 'volumes');
  if (volumes?.kind === 'seq') {
    volumes.items.forEach((item, i) => {
      const path: Path = ['services', service.name, 'volumes', i];
      const source = bindSource(item);
      if (source) out.push({ source, bind: item.kind === 'map', path, service: service.name });
    });
  }
  // the configs and secrets it uses that are files: a secret's file holds the secret alone
  for (const kind of ['configs', 'secrets'] as const) {
    const used = get(service.node, kind);
    const defined = get(model.root, kind);
    if (used?.kind !== 'seq' || defined?.kind !== 'map') continue;
    for (const item of used.items) {
      const name = item.kind === 'scalar' ? item.value : item.kind === 'map' ? scalarValue(get(item, 'source')) : undefined;
      if (typeof name !== 'string') continue;
      const file = get(get(defined, name), 'file');
      if (file?.kind === 'scalar' && typeof file.value === 'string')
        out.push({ source: file, bind: true, path: [kind, name, 'file'], service: service.name, ...(kind === 'secrets' ? { secret: name } : {}) });
    }
  }
  return out;
}

/** The source of a bind mount: `SRC:DST[:MODE]` (with the source's own origin when it is written plainly), or `type: bind` with `source:`. */
function bindSource(item: TreeNode): TreeScalar | undefined {
  if (item.kind === 'map') {
    const type = scalarValue(get(item, 'type'));
    const source = get(item, 'source');
    return type === 'bind' && source?.kind === 'scalar' && typeof source.value === 'string' ? source : undefined;
  }
  if (item.kind !== 'scalar' || typeof item.value !== 'string') return undefined;
  const colon = item.value.indexOf(':');
  if (colon <= 0) return undefined;
  return { ...item, value: item.value.slice(0, colon) };
}

function scalarValue(node: TreeNode | undefined): unknown {
  return node?.kind === 'scalar' ? node.value : undefined;
}

/** The text of a regular file of at most `maxBytes` that is not binary (nor a compose or stack file); undefined otherwise. */
/** git's own files: its ignore lists, attributes, submodules and placeholders. */
const GIT_OWN_FILE = /^\.git(?:ignore|attributes|modules|keep|config|-blame-ignore-revs)$/i;

/** A `.db` file that is text: Oxidized's device list (`host:model:user:password`). */
const TEXT_DB = /^router\.db$/i;

export function readConfigText(host: FileHost, abs: string, maxBytes: number): string | undefined {
  const name = basename(abs);
  // a compose or stack file in a mounted directory is linted as one, on its own (the names discovery looks for);
  // git's own files (.gitignore, .gitattributes) are not configuration, but its credential store is read (and .gitlab-ci.yml)
  if ((BINARY_EXTENSIONS.has(extname(abs).toLowerCase()) && !TEXT_DB.test(name)) || GIT_OWN_FILE.test(name) || COMPOSE_FILE_NAME.test(name)) return undefined;
  const stat = host.stat(abs);
  if (stat?.kind !== 'file' || stat.size > maxBytes) return undefined;
  let text: string;
  try {
    text = host.readText(abs);
  } catch {
    return undefined;
  }
  return text.includes('\u0000') || text.includes('\ufffd') ? undefined : text;
}

/** The documents of a YAML or JSON file (by its name), when it parses as mappings (a list's mappings each one: a JSON array of SMTP servers, a playbook's plays); none otherwise. */
export function structuredRoots(file: string, text: string): TreeMap[] | undefined {
  if (!/\.(?:ya?ml|json)$/i.test(file)) return undefined;
  try {
    return parseComposeText(file, text, { listRoots: true }).roots.filter((r): r is TreeMap => r !== null);
  } catch {
    // not YAML after all (a template, JSON with comments): the text is still read line by line
    return undefined;
  }
}
