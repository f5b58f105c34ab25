/**
 * Sequences unique by a key, as compose-go's EnforceUnicity: ports, volumes, secrets… by their
 * target, key/value lists by key. A later entry replaces an earlier one with the same key, at
 * the earlier one's position.
 */
import { get, type TreeMap, type TreeNode } from '../../model/tree.js';
import { goValue } from './nodes.js';
import { type MergePath, matches, type PathPattern, parsePattern } from './paths.js';
import { parseShortPort, volumeTarget } from './ports-volumes.js';

/** The key of a sequence item; items without one (undefined) are all kept. */
export type Indexer = (item: TreeNode) => string | undefined;

/** Path patterns of the sequences unique by a key, with the key's indexer(s), as compose-go's EnforceUnicity table. */
export const UNIQUE_KEYS: readonly (readonly [path: string, ...indexers: Indexer[]])[] = [
  ['networks.*.labels', keyValueIndexer],
  ['networks.*.ipam.options', keyValueIndexer],
  ['services.*.annotations', keyValueIndexer],
  ['services.*.build.args', keyValueIndexer],
  ['services.*.build.additional_contexts', keyValueIndexer],
  // compose-go's table says `platform`, not `platforms`: the field itself is never deduplicated
  ['services.*.build.platform', keyValueIndexer],
  ['services.*.build.tags', keyValueIndexer],
  ['services.*.build.labels', keyValueIndexer],
  ['services.*.cap_add', keyValueIndexer],
  ['services.*.cap_drop', keyValueIndexer],
  ['services.*.configs', mountIndexer('')],
  ['services.*.deploy.labels', keyValueIndexer],
  ['services.*.devices', deviceIndexer],
  ['services.*.dns', keyValueIndexer],
  ['services.*.dns_opt', keyValueIndexer],
  ['services.*.dns_search', keyValueIndexer],
  ['services.*.environment', keyValueIndexer],
  ['services.*.env_file', envFileIndexer],
  ['services.*.expose', exposeIndexer],
  ['services.*.labels', keyValueIndexer],
  ['services.*.links', keyValueIndexer],
  ['services.*.networks.*.aliases', keyValueIndexer],
  ['services.*.networks.*.link_local_ips', keyValueIndexer],
  // compose-go deduplicates ports once as written, then again after its canonical transformation
  ['services.*.ports', portIndexer, canonicalPortIndexer],
  ['services.*.profiles', keyValueIndexer],
  ['services.*.secrets', mountIndexer('/run/secrets')],
  ['services.*.sysctls', keyValueIndexer],
  ['services.*.tmpfs', keyValueIndexer],
  ['services.*.volumes', volumeIndexer],
];

const UNIQUE: readonly (readonly [PathPattern, Indexer[]])[] = UNIQUE_KEYS.map(([p, ...indexers]) => [parsePattern(p), indexers]);

/** Removes redefinitions from sequences that are unique by a key: the later entry replaces the earlier one, at its position. */
export function enforceUnicity(root: TreeMap, at: MergePath = []): TreeMap {
  return unique(root, [...at]) as TreeMap;
}

function unique(node: TreeNode, path: string[]): TreeNode {
  if (node.kind === 'map') {
    let changed = false;
    const entries = node.entries.map((e) => {
      const v = unique(e.value, [...path, e.key]);
      if (v === e.value) return e;
      changed = true;
      return { ...e, value: v };
    });
    return changed ? { ...node, entries } : node;
  }
  if (node.kind === 'seq') {
    for (const [pattern, indexers] of UNIQUE) {
      if (!matches(path, pattern)) continue;
      let items = node.items;
      for (const indexer of indexers) items = dedupe(items, indexer);
      return items === node.items ? node : { ...node, items };
    }
  }
  return node;
}

function dedupe(items: TreeNode[], indexer: Indexer): TreeNode[] {
  const out: TreeNode[] = [];
  const keys = new Map<string, number>();
  for (const item of items) {
    const key = indexer(item);
    const j = key === undefined ? undefined : keys.get(key);
    if (j !== undefined) out[j] = item;
    else {
      if (key !== undefined) keys.set(key, out.length);
      out.push(item);
    }
  }
  return out.length === items.length && out.every((n, i) => n === items[i]) ? items : out;
}

/** `KEY=VALUE` and bare `KEY` items by key; any scalar by its text before `=`. */
function keyValueIndexer(n: TreeNode): string | undefined {
  if (n.kind !== 'scalar') return undefined;
  const text = n.value === null ? '' : String(n.value);
  const eq = text.indexOf('=');
  return eq < 0 ? text : text.slice(0, eq);
}

/** expose: by the port as written. */
function exposeIndexer(n: TreeNode): string | undefined {
  return n.kind === 'scalar' && n.value !== null ? String(n.value) : undefined;
}

/** env_file: by path, written alone or as `{path: …}`. */
function envFileIndexer(n: TreeNode): string | undefined {
  if (n.kind === 'scalar') return n.value === null ? '' : String(n.value);
  if (n.kind === 'map') {
    const p = get(n, 'path');
    return p?.kind === 'scalar' ? String(p.value) : undefined;
  }
  return '';
}

/** volumes: by container path (`target`), short syntax or long. */
function volumeIndexer(n: TreeNode): string | undefined {
  if (n.kind === 'map') {
    const t = get(n, 'target');
    return t?.kind === 'scalar' && typeof t.value === 'string' ? t.value : undefined;
  }
  if (n.kind === 'scalar' && typeof n.value === 'string') return volumeTarget(n.value) ?? n.value;
  return '';
}

/** devices: by container path, `HOST:CONTAINER[:PERMISSIONS]` or `{target: …}`. */
function deviceIndexer(n: TreeNode): string | undefined {
  if (n.kind === 'map') {
    const t = get(n, 'target');
    return t?.kind === 'scalar' && typeof t.value === 'string' ? t.value : undefined;
  }
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    const parts = n.value.split(':');
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return '';
}

/** secrets and configs: by mount path, `target` or `<defaultPath>/<source>`. */
function mountIndexer(defaultPath: string): Indexer {
  return (n) => {
    if (n.kind === 'scalar') return `${defaultPath}/${goValue(n)}`;
    if (n.kind === 'map') {
      const t = get(n, 'target');
      if (t !== undefined) return t.kind === 'scalar' ? goValue(t) : undefined;
      const s = get(n, 'source');
      return `${defaultPath}/${s ? goValue(s) : '<nil>'}`;
    }
    return undefined;
  };
}

/** compose-go's portIndexer on the values as written (a mapping's fields formatted as Go's Sprintf does). */
function portIndexer(n: TreeNode): string | undefined {
  if (n.kind === 'scalar') {
    if (typeof n.value === 'number' && Number.isInteger(n.value)) return String(n.value);
    return typeof n.value === 'string' ? n.value : '';
  }
  if (n.kind === 'map') return portMapKey(n);
  return '';
}

function portMapKey(n: TreeMap): string | undefined {
  const target = get(n, 'target');
  if (target === undefined) return undefined;
  const host = get(n, 'host_ip');
  const published = get(n, 'published');
  const protocol = get(n, 'protocol');
  return `${host ? goS(host) : '0.0.0.0'}:${goS(published)}:${goD(target)}/${protocol ? goS(protocol) : 'tcp'}`;
}

/** The same key after compose-go's canonical transformation (short syntax parsed into long syntax). */
function canonicalPortIndexer(n: TreeNode): string | undefined {
  if (n.kind === 'map') return portMapKey(n);
  if (n.kind === 'scalar' && (typeof n.value === 'string' || typeof n.value === 'number')) {
    const parsed = parseShortPort(String(n.value));
    if (parsed?.length !== 1) return undefined;
    const p = parsed[0];
    return `${p.ip || '0.0.0.0'}:${p.published === '' ? '%!s(<nil>)' : p.published}:${p.target}/${p.protocol}`;
  }
  return undefined;
}

/** `%s` of a value as Go prints it. */
function goS(n: TreeNode | undefined): string {
  if (!n || (n.kind === 'scalar' && n.value === null)) return '%!s(<nil>)';
  if (n.kind !== 'scalar') return `%!s(${goValue(n)})`;
  if (typeof n.value === 'string') return n.value;
  if (typeof n.value === 'number') return Number.isInteger(n.value) ? `%!s(int=${n.value})` : `%!s(float64=${n.value})`;
  return `%!s(bool=${n.value})`;
}

/** `%d` of a value as Go prints it. */
function goD(n: TreeNode | undefined): string {
  if (!n || (n.kind === 'scalar' && n.value === null)) return '%!d(<nil>)';
  if (n.kind !== 'scalar') return `%!d(${goValue(n)})`;
  if (typeof n.value === 'number') return Number.isInteger(n.value) ? String(n.value) : `%!d(float64=${n.value})`;
  if (typeof n.value === 'string') return `%!d(string=${n.value})`;
  return `%!d(bool=${n.value})`;
}
