import { collectExposures, type Exposure } from '../detect/exposures.js';
import type { ComposeModel, KeyValueEntry } from '../model/model.js';
import type { TreeNode, TreeScalar } from '../model/tree.js';
import type { Environment } from '../preprocess/interpolate-tree.js';

/**
 * Where a project's secrets are, by node: what `config` masks. Only the nodes the detectors found
 * a secret in, and every value interpolated from a variable that holds one, are masked; the same
 * text elsewhere (a database named after its password, an image tag) stays as it is.
 */
export interface SecretNodes {
  /** The secret texts inside each scalar of the tree (a node shared through an alias is one node). */
  nodes: Map<TreeScalar, Set<string>>;
  /** The secret texts of each environment, build arg, label or env_file entry. */
  entries: Map<KeyValueEntry, Set<string>>;
}

export function findSecretNodes(project: { model: ComposeModel; environment: Environment }): SecretNodes {
  const found: SecretNodes = { nodes: new Map(), entries: new Map() };
  /** Variables that hold a secret: whatever value a template got from one is masked there. */
  const variables = new Set<string>();
  for (const e of collectExposures(project.model)) {
    const v = e.verdict;
    if (v.class === 'via-env') for (const name of v.variables) variables.add(name);
    else if (v.variable) variables.add(v.variable);
    else markExposure(found, project.model.root, e, v.value);
    if (e.entry?.passthrough?.value) add(found.entries, e.entry, e.entry.passthrough.value);
  }
  if (variables.size) markInterpolated(found, project.model, variables);
  return found;
}

/** A secret written in the file: in the exposure's entry, or in the scalars at its path that hold it. */
function markExposure(found: SecretNodes, root: TreeNode, e: Exposure, value: string): void {
  if (e.entry) {
    add(found.entries, e.entry, value);
    if (e.entry.node?.kind === 'scalar') add(found.nodes, e.entry.node, value);
    return;
  }
  const scalars = scalarsUnder(nodeAt(root, e.path));
  const holding = scalars.filter((s) => s.value !== null && String(s.value).includes(value));
  // not found as printed (a value the model rewrote): the whole node is masked, never less
  for (const s of holding.length ? holding : scalars) add(found.nodes, s, holding.length ? value : String(s.value));
}

/** Every scalar and entry whose value was interpolated from a variable holding a secret: the value it got there. */
function markInterpolated(found: SecretNodes, model: ComposeModel, variables: Set<string>): void {
  const secretsOf = (scalar: TreeScalar | undefined): string[] =>
    (scalar?.interpolation?.vars ?? []).filter((use) => variables.has(use.name) && use.value).map((use) => use.value!);
  for (const s of scalarsUnder(model.root)) for (const v of secretsOf(s)) add(found.nodes, s, v);
  for (const service of model.services) {
    for (const entry of [...service.environment, ...service.envFile, ...service.buildArgs, ...service.labels]) {
      for (const v of secretsOf(entry.value)) add(found.entries, entry, v);
      if (entry.value === undefined && entry.passthrough?.value && variables.has(entry.key)) add(found.entries, entry, entry.passthrough.value);
    }
  }
}

/** The node at a path, or the deepest one the path reaches (an entry of a list of KEY=VALUE). */
function nodeAt(root: TreeNode, path: readonly (string | number)[]): TreeNode {
  let node = root;
  for (const step of path) {
    let next: TreeNode | undefined;
    if (node.kind === 'map' && typeof step === 'string') {
      for (let i = node.entries.length - 1; i >= 0 && !next; i--) if (node.entries[i].key === step) next = node.entries[i].value;
    } else if (node.kind === 'seq' && typeof step === 'number') next = node.items[step];
    if (!next) break;
    node = next;
  }
  return node;
}

/** Every scalar of a tree, each once (aliases share nodes). */
function scalarsUnder(root: TreeNode): TreeScalar[] {
  const out: TreeScalar[] = [];
  const seen = new Set<TreeNode>();
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'scalar') out.push(node);
    else if (node.kind === 'seq') for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    else for (let i = node.entries.length - 1; i >= 0; i--) stack.push(node.entries[i].value);
  }
  return out;
}

function add<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

const MASK = '********';

/** The text with each of the secrets masked wherever it stands in it (longest first). */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join(MASK);
  return out;
}
