import path from 'node:path';
import { LIMITS } from '../load/limits.js';
import { isSafeKey, pathName, quoteService } from '../load/messages.js';
import { LoadError } from '../load/parse.js';
import type { Origin } from '../model/origin.js';
import { getEntry, type TreeEntry, type TreeMap, type TreeNode, type TreeScalar } from '../model/tree.js';
import { collectResetTags, deletePaths, enforceUnicity, mergeValue, OVERRIDE_TAG, RESET_TAG, splitVolumeSpec } from './merge.js';

/**
 * `extends`, resolved the way compose-go's loader does (loader/extends.go, override.ExtendService,
 * paths.ResolveRelativePaths):
 *  - the base service (same file, or `file:` relative to the extending file's directory) is
 *    resolved first, recursively; a service that comes back to one already on the chain is a cycle;
 *  - a copy of it loses the paths the extending service marks with `!reset` / `!override`, then
 *    the extending service is merged onto it with the same rules as a merge of files;
 *  - a service taken from another file has its relative paths (build context, additional
 *    contexts, env_file, bind-mount sources, develop.watch paths) rebased onto the directory of
 *    the extending file;
 *  - the `extends` key is removed.
 * The extending service's own `!reset` / `!override` nodes stay in the result: compose-go applies
 * them again when the file is merged onto earlier ones (mergeRoots), and applyResetTags removes
 * them for a project of one file.
 */

export interface ExtendsHost {
  /** The root (already parsed and interpolated) of another compose file, by absolute path; throws LoadError if missing. Cached by the caller. */
  loadFile(absPath: string): TreeMap;
}

export interface ExtendsOptions {
  /**
   * Directory the relative paths of `root` (and its `extends.file`) are relative to; defaults to
   * the file's own directory. compose-go uses the project directory for every file of the
   * project, which differs for an override file kept in another directory.
   */
  workingDir?: string;
}

/** Resolves every service's `extends` (same file and other files, recursively). Cycles are an error naming the chain, at the `extends` node's file:line. Relative paths of services taken from another file (build.context, env_file, volumes bind sources, …) are rebased as compose-go does. The `extends` key is removed from the result. */
export function resolveExtends(root: TreeMap, file: string, host: ExtendsHost, options: ExtendsOptions = {}): TreeMap {
  const services = getEntry(root, 'services');
  if (services?.value.kind !== 'map') return root;
  if (!services.value.entries.some((e) => e.value.kind === 'map' && getEntry(e.value, 'extends'))) return root;
  const resolver = new Resolver(host, root, path.resolve(file), path.resolve(options.workingDir ?? path.dirname(file)));
  const ctx = resolver.rootCtx;
  const entries = services.value.entries.map((e): TreeEntry => {
    const value = resolver.service(ctx, e.key, [{ ctx, name: e.key }]);
    return value === e.value ? e : { ...e, value };
  });
  const newServices: TreeMap = { ...services.value, entries };
  return { ...root, entries: root.entries.map((e) => (e === services ? { ...e, value: newServices } : e)) };
}

interface FileCtx {
  file: string;
  /** Directory the file's relative paths resolve against. */
  dir: string;
  services: TreeMap | undefined;
  /** Services with their extends resolved (relative paths still relative to `dir`). */
  resolved: Map<string, TreeNode>;
}

interface Link {
  ctx: FileCtx;
  name: string;
}

class Resolver {
  readonly rootCtx: FileCtx;
  private readonly files = new Map<string, FileCtx>();

  constructor(
    private readonly host: ExtendsHost,
    root: TreeMap,
    file: string,
    dir: string,
  ) {
    this.rootCtx = { file, dir, services: servicesOf(root), resolved: new Map() };
    this.files.set(file, this.rootCtx);
  }

  service(ctx: FileCtx, name: string, chain: Link[]): TreeNode {
    const done = ctx.resolved.get(name);
    if (done) return done;
    const svc = getEntry(ctx.services, name)?.value;
    if (!svc) throw new Error(`internal: service ${name} missing`);
    const ext = svc.kind === 'map' ? getEntry(svc, 'extends') : undefined;
    if (svc.kind !== 'map' || !ext) {
      ctx.resolved.set(name, svc);
      return svc;
    }
    const { ref, refNode, fileRef, fileNode } = readExtends(ctx, name, ext);

    let refCtx = ctx;
    if (fileRef !== undefined) refCtx = this.load(ctx, name, fileRef, fileNode!);
    if (!getEntry(refCtx.services, ref)) {
      const where = fileRef !== undefined ? ` in ${pathName(fileRef)}` : '';
      throw located(ctx, refNode.origin, `service ${quoteService(ref)} not found${where} (extends of service ${quoteService(name)})`);
    }
    const link: Link = { ctx: refCtx, name: ref };
    if (chain.some((l) => l.ctx === link.ctx && l.name === link.name)) {
      throw located(ctx, ext.keyOrigin, `extends cycle: ${describeChain([...chain, link], this.rootCtx)}`);
    }
    // each link is a nested call: a limit keeps a hostile chain from exhausting the stack
    if (chain.length >= LIMITS.maxDepth) {
      throw located(ctx, ext.keyOrigin, `extends chain longer than ${LIMITS.maxDepth} services; refusing to follow it`);
    }
    const base = this.service(refCtx, ref, [...chain, link]);

    let merged: TreeNode;
    if (base.kind === 'scalar' && base.value === null) {
      merged = withoutExtends(svc);
    } else {
      let source = collectResetTags(base).node;
      if (refCtx.dir !== ctx.dir) source = rebaseService(source, path.relative(ctx.dir, refCtx.dir));
      const own = withoutExtends(svc);
      const { node: stripped, paths } = collectResetTags(own);
      source = deletePaths(source, paths);
      merged = mergeValue(source, stripped, ['services', name]);
      merged = reinsertTags(merged, own, paths);
      if (merged.kind === 'map') merged = enforceUnicity(merged, ['services', name]);
    }
    ctx.resolved.set(name, merged);
    return merged;
  }

  private load(from: FileCtx, name: string, fileRef: string, fileNode: TreeScalar): FileCtx {
    const abs = path.resolve(from.dir, fileRef);
    const known = this.files.get(abs);
    if (known) return known;
    let root: TreeMap;
    try {
      root = this.host.loadFile(abs);
    } catch (err) {
      // A problem inside the other file keeps its own position; a file that cannot be read is reported at `file:`.
      if (err instanceof LoadError && err.line !== undefined) throw err;
      const reason = err instanceof LoadError ? err.message : 'cannot read file';
      throw located(from, fileNode.origin, `cannot extend service ${quoteService(name)}: file ${pathName(fileRef)}: ${reason}`);
    }
    const ctx: FileCtx = { file: abs, dir: path.dirname(abs), services: servicesOf(root), resolved: new Map() };
    this.files.set(abs, ctx);
    return ctx;
  }
}

function readExtends(ctx: FileCtx, name: string, ext: TreeEntry): { ref: string; refNode: TreeNode; fileRef?: string; fileNode?: TreeScalar } {
  const v = ext.value;
  if (v.kind === 'scalar' && typeof v.value === 'string' && v.value !== '') return { ref: v.value, refNode: v };
  if (v.kind === 'map') {
    const service = getEntry(v, 'service');
    if (service?.value.kind !== 'scalar' || typeof service.value.value !== 'string' || service.value.value === '') {
      throw located(ctx, (service?.value ?? v).origin, `extends of service ${quoteService(name)} needs the name of a service to extend ("service:")`);
    }
    const file = getEntry(v, 'file');
    if (!file || (file.value.kind === 'scalar' && file.value.value === null)) return { ref: service.value.value, refNode: service.value };
    if (file.value.kind !== 'scalar' || typeof file.value.value !== 'string' || file.value.value === '') {
      throw located(ctx, file.value.origin, `extends.file of service ${quoteService(name)} must be a file path`);
    }
    return { ref: service.value.value, refNode: service.value, fileRef: file.value.value, fileNode: file.value };
  }
  throw located(ctx, v.origin, `extends of service ${quoteService(name)} must be a service name or a mapping with "service" (and "file")`);
}

function describeChain(chain: Link[], root: FileCtx): string {
  const oneFile = chain.every((l) => l.ctx === chain[0].ctx);
  const named = (n: string) => (isSafeKey(n) ? n : '…');
  if (oneFile) return chain.map((l) => named(l.name)).join(' -> ');
  return chain.map((l) => `${named(l.name)} (${pathName(displayPath(root.dir, l.ctx.file))})`).join(' -> ');
}

function displayPath(from: string, file: string): string {
  const rel = path.relative(from, file).split(path.sep).join('/');
  return rel.startsWith('.') || path.isAbsolute(rel) ? rel : `./${rel}`;
}

function located(_ctx: FileCtx, origin: Origin, message: string): LoadError {
  // the origin names the file as the user sees it
  return new LoadError(origin.file, message, origin.line, origin.column);
}

function servicesOf(root: TreeMap): TreeMap | undefined {
  const s = getEntry(root, 'services')?.value;
  return s?.kind === 'map' ? s : undefined;
}

function withoutExtends(svc: TreeNode): TreeNode {
  if (svc.kind !== 'map') return svc;
  return { ...svc, entries: svc.entries.filter((e) => e.key !== 'extends') };
}

/** Puts the extending service's `!reset` / `!override` nodes back at their paths, for a later merge with earlier files. */
function reinsertTags(merged: TreeNode, own: TreeNode, paths: string[][]): TreeNode {
  let out = merged;
  for (const p of paths) {
    const tagged = nodeAt(own, p);
    if (tagged && (tagged.tag === RESET_TAG || tagged.tag === OVERRIDE_TAG)) out = setAt(out, p, 0, tagged, own);
  }
  return out;
}

function nodeAt(node: TreeNode, p: readonly string[]): TreeNode | undefined {
  let cur: TreeNode | undefined = node;
  for (const key of p) cur = getEntry(cur, key)?.value;
  return cur;
}

function setAt(node: TreeNode, p: readonly string[], depth: number, value: TreeNode, own: TreeNode): TreeNode {
  if (node.kind !== 'map') return node;
  const key = p[depth];
  const i = node.entries.map((e) => e.key).lastIndexOf(key);
  const entries = node.entries.slice();
  if (depth === p.length - 1) {
    const keyOrigin = getEntry(nodeAt(own, p.slice(0, depth)), key)?.keyOrigin ?? value.origin;
    if (i >= 0) entries[i] = { key, keyOrigin, value };
    else entries.push({ key, keyOrigin, value });
    return { ...node, entries };
  }
  if (i < 0) return node;
  const child = setAt(entries[i].value, p, depth + 1, value, own);
  if (child === entries[i].value) return node;
  entries[i] = { ...entries[i], value: child };
  return { ...node, entries };
}

// ---------------------------------------------------------------------------------------------
// Relative paths of a service taken from another file

const REMOTE_PREFIXES = ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@'];

function isRemoteContext(v: string): boolean {
  return v.includes('://') || v.startsWith('service:') || REMOTE_PREFIXES.some((p) => v.startsWith(p));
}

/** Absolute for compose-go: a POSIX or Windows absolute path, or a `~` path (expanded to the home directory). */
function isAbsoluteLike(p: string): boolean {
  return p.startsWith('/') || p.startsWith('~') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** `p` (relative to the other file's directory) made relative to the extending file's directory, which is at `rel` from it. */
export function rebasePath(p: string, rel: string): string {
  if (p === '' || rel === '' || isAbsoluteLike(p)) return p;
  const joined = path.posix.join(rel.split(path.sep).join('/'), p);
  return joined.startsWith('.') || joined.startsWith('/') ? joined : `./${joined}`;
}

function rebasedScalar(n: TreeScalar, value: string): TreeScalar {
  if (value === n.value) return n;
  const { sourceOffset: _offset, ...rest } = n;
  return { ...rest, value };
}

function mapEntries(n: TreeMap, fn: (e: TreeEntry) => TreeNode): TreeMap {
  let changed = false;
  const entries = n.entries.map((e) => {
    const v = fn(e);
    if (v === e.value) return e;
    changed = true;
    return { ...e, value: v };
  });
  return changed ? { ...n, entries } : n;
}

function mapItems(n: TreeNode, fn: (item: TreeNode) => TreeNode): TreeNode {
  if (n.kind !== 'seq') return n;
  const items = n.items.map(fn);
  return items.every((x, i) => x === n.items[i]) ? n : { ...n, items };
}

function onString(n: TreeNode, fn: (s: string) => string): TreeNode {
  return n.kind === 'scalar' && typeof n.value === 'string' ? rebasedScalar(n, fn(n.value)) : n;
}

/** The paths compose-go's ResolveRelativePaths rewrites in a service, rebased by `rel` (in their form as written). */
export function rebaseService(svc: TreeNode, rel: string): TreeNode {
  if (svc.kind !== 'map' || rel === '') return svc;
  const plain = (s: string) => rebasePath(s, rel);
  const context = (s: string) => (isRemoteContext(s) ? s : rebasePath(s, rel));
  return mapEntries(svc, (e) => {
    switch (e.key) {
      case 'build':
        if (e.value.kind === 'scalar') return onString(e.value, context);
        if (e.value.kind !== 'map') return e.value;
        return mapEntries(e.value, (b) => {
          if (b.key === 'context') return onString(b.value, context);
          if (b.key !== 'additional_contexts') return b.value;
          if (b.value.kind === 'map') return mapEntries(b.value, (c) => onString(c.value, context));
          return mapItems(b.value, (item) =>
            onString(item, (s) => {
              const eq = s.indexOf('=');
              return eq < 0 ? s : `${s.slice(0, eq + 1)}${context(s.slice(eq + 1))}`;
            }),
          );
        });
      case 'env_file':
        if (e.value.kind === 'scalar') return onString(e.value, plain);
        return mapItems(e.value, (item) =>
          item.kind === 'map' ? mapEntries(item, (f) => (f.key === 'path' ? onString(f.value, plain) : f.value)) : onString(item, plain),
        );
      case 'volumes':
        return mapItems(e.value, (item) => rebaseVolume(item, rel));
      case 'develop': {
        if (e.value.kind !== 'map') return e.value;
        return mapEntries(e.value, (d) =>
          d.key === 'watch'
            ? mapItems(d.value, (w) => (w.kind === 'map' ? mapEntries(w, (f) => (f.key === 'path' ? onString(f.value, plain) : f.value)) : w))
            : d.value,
        );
      }
      default:
        return e.value;
    }
  });
}

/** A bind mount's source, rebased: long syntax with `type: bind`, or short syntax whose source is a path (starts with `.`). */
function rebaseVolume(item: TreeNode, rel: string): TreeNode {
  if (item.kind === 'map') {
    const type = getEntry(item, 'type')?.value;
    if (type?.kind !== 'scalar' || type.value !== 'bind') return item;
    return mapEntries(item, (f) => (f.key === 'source' ? onString(f.value, (s) => rebasePath(s, rel)) : f.value));
  }
  return onString(item, (spec) => {
    const parts = splitVolumeSpec(spec);
    if (!parts || parts.length < 2 || !parts[0].startsWith('.')) return spec;
    return rebasePath(parts[0], rel) + spec.slice(parts[0].length);
  });
}
