import { type Alias, type Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, parseAllDocuments, Scalar, type Node as YamlNode } from 'yaml';
import { LineIndex, type Origin } from '../model/origin.js';
import type { BlockLine, ScalarValue, TreeEntry, TreeMap, TreeNode, TreeScalar } from '../model/tree.js';
import { findExcessiveNesting, LIMITS } from './limits.js';
import { yamlReason } from './messages.js';
import { composePlainValue } from './plain-scalar.js';

/** A problem that stops a file from being used, located at file:line:column. */
export class LoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** A file that is not YAML at all (a lexical or syntax error, a repeated key). */
export class InvalidYamlError extends LoadError {}

export interface ParsedFile {
  file: string;
  text: string;
  lines: LineIndex;
  /** One root per YAML document; null for an empty (or comment-only) document. */
  roots: (TreeMap | null)[];
  /**
   * Problems Compose would refuse but that leave the rest of the file readable (a merge key on a
   * scalar or a list of scalars): `config` fails on them, `lint` reports them and goes on.
   */
  problems: LoadError[];
}

/** Tags Compose gives meaning to; other custom tags are kept as written. */
const KNOWN_TAGS = new Set(['!reset', '!override']);

/**
 * Parses a compose file into tracked trees (see model/tree.ts). Aliases resolve to the anchor's
 * node object, `<<` merge keys are applied, and every node keeps its source position.
 * Throws LoadError for invalid YAML, a non-mapping document, or input over the limits.
 */
/**
 * `listRoots`: a document that is a list (a JSON array of settings objects, an Ansible playbook) gives each of its
 * mappings as a root, where a compose file's must be one mapping.
 */
export function parseComposeText(file: string, text: string, options: { listRoots?: boolean } = {}): ParsedFile {
  if (text.length > LIMITS.maxFileBytes) {
    throw new LoadError(file, `file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MiB; refusing to parse it`, 1, 1);
  }
  const deepLine = findExcessiveNesting(text);
  if (deepLine) {
    throw new LoadError(file, `collections nest deeper than ${LIMITS.maxDepth} levels; refusing to parse`, deepLine, 1);
  }
  const lines = new LineIndex(text);
  const docs = parseYaml(file, text);
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // an EmptyStream: the text holds no document at all
    return { file, text, lines, roots: [null], problems: [] };
  }
  const roots: (TreeMap | null)[] = [];
  const problems: LoadError[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const pos = lines.position(err.pos[0]);
      throw new InvalidYamlError(file, `invalid YAML: ${yamlReason(err)}`, pos.line, pos.column);
    }
    const converter = new Converter(file, text, lines, doc);
    roots.push(...converter.roots(options.listRoots === true));
    problems.push(...converter.problems);
  }
  if (roots.length === 0) roots.push(null);
  return { file, text, lines, roots, problems };
}

/**
 * yaml's duplicate-key check compares each key with every earlier key of its mapping, quadratic in
 * a mapping's size (10,000 services); so the text is parsed without it, a set tells whether any
 * mapping repeats a key, and only then is the text parsed again with the check, for yaml's own error.
 */
function parseYaml(file: string, text: string) {
  const options = { prettyErrors: false, strict: false, stringKeys: false } as const;
  try {
    const docs = parseAllDocuments(text, { ...options, uniqueKeys: false });
    if (Array.isArray(docs) && docs.some(hasDuplicateKey)) return parseAllDocuments(text, { ...options, uniqueKeys: true });
    return docs;
  } catch (err) {
    // the parser recurses per level: should the lexical estimate ever miss, its stack overflow is
    // still a located error, never an internal one
    if (err instanceof RangeError) throw new LoadError(file, `collections nest too deeply to parse (more than ${LIMITS.maxDepth} levels)`, 1, 1);
    throw err;
  }
}

/**
 * Whether a mapping of the document has two keys yaml's uniqueKeys check finds equal (scalars of
 * one value, NaN never). Every node yaml's visit() reaches is looked at, by a walk of our own:
 * visit() builds a frozen path array at every collection.
 */
function hasDuplicateKey(doc: Document.Parsed): boolean {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key) && !Number.isNaN(pair.key.value)) {
          if (keys.has(pair.key.value)) return true;
          keys.add(pair.key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return false;
}

/** `<<` as a plain key, or tagged `!!merge` (which the yaml package turns into a symbol). */
function isMergeKey(keyNode: YamlNode | null): boolean {
  if (!isScalar(keyNode)) return false;
  if (typeof keyNode.value === 'symbol') return true;
  if (keyNode.tag === 'tag:yaml.org,2002:merge') return true;
  return keyNode.value === '<<' && keyNode.type === Scalar.PLAIN;
}

class Converter {
  readonly problems: LoadError[] = [];
  private readonly converted = new Map<YamlNode, TreeNode>();
  private readonly sizes = new WeakMap<TreeNode, number>();
  private readonly heights = new WeakMap<TreeNode, number>();
  /** Each alias's anchor node, found in one walk of the document (built at the first alias). */
  private aliasTargets: Map<Alias, YamlNode | undefined> | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly doc: Document.Parsed,
  ) {}

  /** The document's root mapping; with listRoots, each mapping of a root list. */
  roots(listRoots: boolean): (TreeMap | null)[] {
    const contents = this.doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) return [null];
    const node = this.convert(contents as YamlNode);
    if (listRoots && node.kind === 'seq') return node.items.filter((item): item is TreeMap => item?.kind === 'map');
    if (node.kind !== 'map') {
      const what = node.kind === 'seq' ? 'a list' : 'a scalar value';
      throw new LoadError(this.file, `the top level of a compose file must be a mapping, not ${what}`, node.origin.line, node.origin.column);
    }
    return [node];
  }

  private origin(range: [number, number, number] | null | undefined): Origin {
    const start = range ? range[0] : 0;
    const end = range ? range[1] : 0;
    return this.lines.origin(this.file, start, end);
  }

  private fail(node: { range?: [number, number, number] | null }, message: string): never {
    const o = this.origin(node.range);
    throw new LoadError(this.file, message, o.line, o.column);
  }

  private sized<T extends TreeNode>(node: T, size: number): T {
    if (size > LIMITS.maxExpandedNodes) {
      throw new LoadError(
        this.file,
        `the document expands to more than ${LIMITS.maxExpandedNodes} nodes through aliases (an alias bomb?); refusing to load it`,
        node.origin.line,
        node.origin.column,
      );
    }
    this.sizes.set(node, size);
    return node;
  }

  /** Levels of collections in a converted node (aliases expanded): 0 for a scalar. */
  private height(node: TreeNode): number {
    if (node.kind === 'scalar') return 0;
    let h = this.heights.get(node);
    if (h === undefined) {
      h = 1;
      for (const child of node.kind === 'seq' ? node.items : node.entries.map((e) => e.value)) h = Math.max(h, 1 + this.height(child));
      this.heights.set(node, h);
    }
    return h;
  }

  private size(node: TreeNode): number {
    return this.sizes.get(node) ?? 1;
  }

  /** Nesting of the node being converted: the limit holds on the document itself, whatever the lexical estimate said. */
  private depth = 0;

  private convert(node: YamlNode): TreeNode {
    if (this.depth >= LIMITS.maxDepth) this.fail(node, `collections nest deeper than ${LIMITS.maxDepth} levels; refusing to load`);
    this.depth++;
    try {
      const out = this.convertNode(node);
      // an alias brings its anchor's whole depth along: the limit holds on the expanded tree
      if (this.depth - 1 + this.height(out) > LIMITS.maxDepth) this.fail(node, `collections nest deeper than ${LIMITS.maxDepth} levels; refusing to load`);
      return out;
    } finally {
      this.depth--;
    }
  }

  private convertNode(node: YamlNode): TreeNode {
    if (isAlias(node)) {
      const target = this.aliasTarget(node);
      // the alias's name is not quoted: a value starting with * (an unquoted password) reads as one
      if (!target) this.fail(node, 'unknown alias: no anchor (&name) of that name comes before it (quote a value that starts with *)');
      const done = this.converted.get(target as YamlNode);
      if (!done) this.fail(node, 'an alias refers to its own anchor (a value inside itself)');
      return done;
    }
    const tag = node.tag && KNOWN_TAGS.has(node.tag) ? node.tag : undefined;
    if (isScalar(node)) {
      const scalar = this.scalar(node, tag);
      this.converted.set(node, scalar);
      return this.sized(scalar, 1);
    }
    if (isSeq(node)) {
      const seq = { kind: 'seq' as const, items: [] as TreeNode[], origin: this.origin(node.range), ...(tag ? { tag } : {}) };
      this.converted.set(node, seq);
      let size = 1;
      for (const item of node.items) {
        const child = item === null ? this.nullAt(node.range) : this.convert(item as YamlNode);
        seq.items.push(child);
        size += this.size(child);
      }
      return this.sized(seq, size);
    }
    if (isMap(node)) {
      const map: TreeMap = { kind: 'map', entries: [], origin: this.origin(node.range), ...(tag ? { tag } : {}) };
      this.converted.set(node, map);
      const merged: TreeEntry[][] = [];
      let size = 1;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        if (isMergeKey(keyNode)) {
          merged.push(this.mergeSources(pair.value as YamlNode | null, keyNode as YamlNode));
          continue;
        }
        const key = this.keyText(keyNode);
        const keyOrigin = keyNode ? this.origin(keyNode.range) : map.origin;
        const value = pair.value === null || pair.value === undefined ? this.nullAfter(keyOrigin) : this.convert(pair.value as YamlNode);
        map.entries.push({ key, keyOrigin, value });
        size += this.size(value);
      }
      if (merged.length) {
        // Explicit keys win; among merged maps the first one listed wins (YAML merge key semantics).
        const seen = new Set(map.entries.map((e) => e.key));
        const inherited: TreeEntry[] = [];
        for (const group of merged) {
          for (const e of group) {
            if (seen.has(e.key)) continue;
            seen.add(e.key);
            inherited.push(e);
            size += this.size(e.value);
          }
        }
        map.entries.unshift(...inherited);
      }
      return this.sized(map, size);
    }
    this.fail(node as { range?: [number, number, number] }, 'unsupported YAML node');
  }

  /**
   * The node an alias refers to: the last node anchored with its name before it in document order
   * (what yaml's `Alias.resolve` finds, but that walks the whole document again for every alias).
   */
  private aliasTarget(alias: Alias): YamlNode | undefined {
    if (!this.aliasTargets) this.aliasTargets = aliasTargets(this.doc);
    return this.aliasTargets.get(alias);
  }

  private mergeSources(value: YamlNode | null, keyNode: YamlNode): TreeEntry[] {
    if (value === null) this.fail(keyNode, 'a merge key (<<) needs a mapping or a list of mappings');
    const sources = isSeq(value) ? (value.items as YamlNode[]) : [value];
    const out: TreeEntry[] = [];
    for (const src of sources) {
      const node = this.convert(src);
      if (node.kind !== 'map') {
        const o = this.origin(src.range);
        this.problems.push(
          new LoadError(
            this.file,
            `a merge key (<<) needs a mapping or a list of mappings, not ${node.kind === 'seq' ? 'a list' : 'a scalar'}`,
            o.line,
            o.column,
          ),
        );
        continue;
      }
      out.push(...node.entries);
    }
    return out;
  }

  private keyText(keyNode: YamlNode | null): string {
    if (keyNode === null) return '';
    if (isScalar(keyNode)) return keyNode.value === null ? '' : String(keyNode.value);
    this.fail(keyNode, 'a mapping key must be a scalar');
  }

  private scalar(node: Scalar, tag: string | undefined): TreeScalar {
    const origin = this.origin(node.range);
    let value = node.value as unknown;
    if (typeof value === 'bigint') value = value.toString();
    if (value instanceof Date) value = node.source ?? value.toISOString();
    if (value !== null && typeof value === 'object') value = String(value);
    // what compose-go's go-yaml makes of an unquoted number (`2024_0101`, `0b1010`, `0777`, `1e6`)
    if (node.type === Scalar.PLAIN && !node.tag && typeof node.source === 'string') value = composePlainValue(node.source, value as ScalarValue);
    const out: TreeScalar = { kind: 'scalar', value: value as TreeScalar['value'], origin };
    if (tag) out.tag = tag;
    const offset = sourceOffset(node, this.text, origin);
    if (offset !== undefined) out.sourceOffset = offset;
    if ((node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) && typeof node.value === 'string') {
      const lines = blockLines(this.text, origin, node.value, this.lines);
      if (lines) out.blockLines = lines;
    }
    return out;
  }

  private nullAfter(o: Origin): TreeScalar {
    return { kind: 'scalar', value: null, origin: { ...o, range: [o.range[1], o.range[1]], line: o.endLine, column: o.endColumn } };
  }

  private nullAt(range: [number, number, number] | null | undefined): TreeScalar {
    return { kind: 'scalar', value: null, origin: this.origin(range) };
  }
}

/** Every alias of the document with the node it refers to, in one walk in document order (yaml's visit() order, without its path arrays). */
export function aliasTargets(doc: Document.Parsed): Map<Alias, YamlNode | undefined> {
  const lastAnchored = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode | undefined>();
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (isAlias(node)) targets.set(node, lastAnchored.get(node.source));
    else if (isNode(node) && node.anchor) lastAnchored.set(node.anchor, node as YamlNode);
    if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return targets;
}

/** Offset of the scalar's value inside its source range when the text maps 1:1 (plain, or quoted without escapes, on one line). */
function sourceOffset(node: Scalar, text: string, origin: Origin): number | undefined {
  if (origin.line !== origin.endLine) return undefined;
  const raw = text.slice(origin.range[0], origin.range[1]);
  const value = typeof node.value === 'string' ? node.value : raw;
  if (node.type === Scalar.PLAIN) return raw === value ? 0 : undefined;
  if (node.type === Scalar.QUOTE_SINGLE) return raw === `'${value}'` ? 1 : undefined;
  if (node.type === Scalar.QUOTE_DOUBLE) return raw === `"${value}"` ? 1 : undefined;
  return undefined;
}

/**
 * Maps the content lines of a block scalar to the file. Each line of the value (literal) or each
 * folded line (folded: line breaks became single spaces) keeps its length, so a value offset maps
 * to a line and column; a line that does not read back the same is a sign the mapping is off, and
 * then there is none.
 */
function blockLines(text: string, origin: Origin, value: string, lines: LineIndex): BlockLine[] | undefined {
  const source = text.slice(origin.range[0], origin.range[1]);
  const headerEnd = source.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const raw = source.slice(headerEnd + 1).split('\n');
  const indent = Math.min(...raw.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  if (!Number.isFinite(indent)) return undefined;
  const out: BlockLine[] = [];
  let at = 0;
  let offset = origin.range[0] + headerEnd + 1;
  for (const l of raw) {
    const content = l.slice(indent);
    if (content.length && value.slice(at, at + content.length) === content) {
      const pos = lines.position(offset + indent);
      out.push({ at, source: offset + indent, line: pos.line, column: pos.column, length: content.length });
      at += content.length + 1;
    } else if (!content.trim()) {
      // an empty line: one line break in the value
      at += value[at] === '\n' ? 1 : 0;
    } else {
      return out.length ? out : undefined;
    }
    offset += l.length + 1;
  }
  return out;
}
