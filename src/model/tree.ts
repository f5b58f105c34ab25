import type { Origin } from './origin.js';
import { emptyDictionary } from '../dictionary.js';

/**
 * The tracked tree: the JSON shape of a compose file where every node remembers its origin.
 * Aliases resolve to the very same node object as their anchor, so a value shared through an
 * alias has one origin (the anchor's definition) wherever it is used.
 */
export type TreeNode = TreeMap | TreeSeq | TreeScalar;

export type ScalarValue = string | number | boolean | null;

/** How one variable of an interpolated template was resolved. */
export interface VarUse {
  name: string;
  /** 'set': a value from an env source; 'default': the template's own default; 'unset': no value. */
  resolution: 'set' | 'default' | 'unset';
  /** Where the value was defined when it comes from a file (.env, env_file); absent for the process environment. */
  origin?: Origin;
  /** The variable's own line in .env when `origin` is the one of another variable it expands. */
  written?: Origin;
  /** Which source gave the value. */
  source?: 'dotenv' | 'process' | 'default';
  /** The value the variable resolved to (kept in memory only, like every value of the model). */
  value?: string;
}

export interface Interpolation {
  /** The raw template as written in the file, e.g. `${DB_PASSWORD:-postgres}`. */
  template: string;
  vars: VarUse[];
}

export interface TreeScalar {
  kind: 'scalar';
  value: ScalarValue;
  origin: Origin;
  /**
   * Offset of the text's first character relative to origin.range[0] when the text as written
   * (the template, for an interpolated value) maps 1:1 to its source (plain or simple quoted
   * scalars on one line); undefined otherwise.
   */
  sourceOffset?: number;
  tag?: string;
  /** Present when the value went through interpolation. */
  interpolation?: Interpolation;
  /**
   * For block scalars (`|`, `>`): where each content line of the text as written starts, in the
   * text and in the file, so a match inside the value can be located on its own line.
   */
  blockLines?: BlockLine[];
}

export interface BlockLine {
  /** Offset in the scalar's text. */
  at: number;
  /** Offset in the file, and 1-based line/column there. */
  source: number;
  line: number;
  column: number;
  length: number;
}

export interface TreeEntry {
  key: string;
  keyOrigin: Origin;
  value: TreeNode;
}

export interface TreeMap {
  kind: 'map';
  entries: TreeEntry[];
  origin: Origin;
  tag?: string;
}

export interface TreeSeq {
  kind: 'seq';
  items: TreeNode[];
  origin: Origin;
  tag?: string;
}

export function get(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (node.entries[i].key === key) return node.entries[i].value;
  }
  return undefined;
}

export function getEntry(node: TreeNode | undefined, key: string): TreeEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (node.entries[i].key === key) return node.entries[i];
  }
  return undefined;
}

export function isMap(n: TreeNode | undefined): n is TreeMap {
  return n?.kind === 'map';
}
export function isSeq(n: TreeNode | undefined): n is TreeSeq {
  return n?.kind === 'seq';
}
export function isScalar(n: TreeNode | undefined): n is TreeScalar {
  return n?.kind === 'scalar';
}

/** The scalar's text as written in its file: the template when it was interpolated. */
export function writtenText(n: TreeScalar): string {
  return n.interpolation?.template ?? (n.value === null ? '' : String(n.value));
}

/** Plain JSON value of a tracked node (shared nodes are copied). */
export function toPlain(node: TreeNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out = emptyDictionary<unknown>();
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}

/** A whole file's text as one scalar, each line located (a file a service mounts, read by the detector as a config's content). */
export function wholeFileScalar(file: string, text: string): TreeScalar {
  const blockLines: BlockLine[] = [];
  let at = 0;
  let line = 1;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    blockLines.push({ at, source: at, line, column: 1, length: end - at });
    if (nl < 0) break;
    at = nl + 1;
    line++;
  }
  const last = blockLines[blockLines.length - 1];
  const origin: Origin = { file, range: [0, text.length], line: 1, column: 1, endLine: last.line, endColumn: last.length + 1 };
  return { kind: 'scalar', value: text, origin, blockLines };
}
