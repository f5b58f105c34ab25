/**
 * Surgical edits of compose files and env files: every change replaces or inserts text at node
 * ranges found by `yaml`'s parser, so comments, blank lines, key order, quoting and anchors outside
 * the edited nodes stay byte-identical. Nothing is ever re-serialised.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** Edits that would overlap, or a structure the editor cannot change safely. */
export class EditError extends Error {}

interface Edit {
  start: number;
  end: number;
  text: string;
  order: number;
}

/** A list of non-overlapping replacements and insertions on one text, applied at once. */
export class TextEdits {
  private readonly edits: Edit[] = [];
  /** The replaced ranges (never overlapping, so sorted by start and by end alike) and the insertion points, sorted: the overlap check is two binary searches, not a pass over every edit. */
  private readonly ranges: Edit[] = [];
  private readonly points: number[] = [];

  constructor(readonly text: string) {}

  /**
   * Queues a replacement (an insertion when start === end). Throws when it overlaps an edit
   * queued before: a replacement overlapping another's range or holding an insertion point
   * strictly inside it, an insertion strictly inside a replaced range.
   */
  replace(start: number, end: number, text: string): void {
    // the first range that ends after start: the only one that can overlap (the next ones start at or after its end)
    const r = this.ranges[firstIndex(this.ranges.length, (i) => this.ranges[i].end > start)];
    const overlap =
      start === end
        ? r !== undefined && r.start < start
        : (r !== undefined && r.start < end) || (this.points[firstIndex(this.points.length, (i) => this.points[i] > start)] ?? end) < end;
    if (overlap) throw new EditError(`overlapping edits at offset ${start}`);
    const edit = { start, end, text, order: this.edits.length };
    this.edits.push(edit);
    if (start === end)
      this.points.splice(
        firstIndex(this.points.length, (i) => this.points[i] > start),
        0,
        start,
      );
    else
      this.ranges.splice(
        firstIndex(this.ranges.length, (i) => this.ranges[i].start >= end),
        0,
        edit,
      );
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  /** Whether an offset lies inside a range being replaced. */
  replaced(start: number, end: number): boolean {
    return this.edits.some((e) => e.end > e.start && e.start <= start && end <= e.end);
  }

  apply(): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || (a.end - a.start === 0 ? 0 : 1) - (b.end - b.start === 0 ? 0 : 1) || a.order - b.order);
    let out = '';
    let at = 0;
    for (const e of sorted) {
      out += this.text.slice(at, e.start) + e.text;
      at = e.end;
    }
    return out + this.text.slice(at);
  }
}

/** The first index in [0, n) where `after` holds (it holds from some index on), or n. */
function firstIndex(n: number, after: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface Located<T> {
  node: T;
  parent: YAMLMap | YAMLSeq;
  /** The pair whose value the parent collection is (`args:` for a build argument). */
  parentPair?: Pair;
  /** Keys (and sequence indexes) from the document root to the node, aliases not followed. */
  path: (string | number)[];
  doc: Document.Parsed;
}

/** A quoted or plain rendering of a scalar, in the style of the node it replaces. */
function styled(text: string, like: Scalar | undefined): string {
  if (like?.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(text);
  if (like?.type === Scalar.QUOTE_SINGLE) return `'${text.replace(/'/g, "''")}'`;
  return text;
}

function keyText(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null ? '' : String(node.value);
  return undefined;
}

/** An item queued for a sequence under a key of a mapping, written when the file is flushed. */
interface PendingSeq {
  map: YAMLMap;
  key: string;
  items: string[];
  /** Items the new sequence must repeat because the mapping inherited them through `<<`. */
  inherited: string[];
}

interface PendingRemoval {
  parent: YAMLMap | YAMLSeq;
  parentPair: Pair | undefined;
  entries: { pair?: Pair; item?: Node }[];
}

interface PendingMap {
  map: YAMLMap;
  key: string;
  entries: { name: string; pairs: [string, string][] }[];
  /** The entries' names (a definition is added once: looked up, not searched for, among thousands). */
  names: Set<string>;
}

/** A queued addition by the mapping and key it goes under, for addSeqItem and addMapEntry to find theirs at once. */
function pendingAt<T>(index: Map<YAMLMap, Map<string, T>>, map: YAMLMap, key: string): T | undefined {
  return index.get(map)?.get(key);
}

function setPending<T>(index: Map<YAMLMap, Map<string, T>>, map: YAMLMap, key: string, value: T): T {
  let byKey = index.get(map);
  if (!byKey) index.set(map, (byKey = new Map()));
  byKey.set(key, value);
  return value;
}

/** One compose file open for editing. */
export class YamlFile {
  readonly docs: Document.Parsed[];
  readonly edits: TextEdits;
  readonly eol: string;
  /** Indentation unit of the file (2 when nothing tells). */
  readonly unit: number;
  /** Column of a block sequence's dash relative to its key (0 or the unit). */
  readonly seqOffset: number;
  private readonly pairs = new Map<number, Located<Pair>>();
  private readonly items = new Map<number, Located<Node>>();
  private readonly aliases: { source: string; range: [number, number] }[] = [];
  private readonly pendingSeqs: PendingSeq[] = [];
  private readonly pendingMaps: PendingMap[] = [];
  /** pendingSeqs and pendingMaps by mapping and key (one service each: a search was quadratic in services). */
  private readonly seqIndex = new Map<YAMLMap, Map<string, PendingSeq>>();
  private readonly mapIndex = new Map<YAMLMap, Map<string, PendingMap>>();
  private readonly pendingRemovals: PendingRemoval[] = [];
  private servicePairs: Map<string | undefined, Pair> | undefined;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    this.docs = parseAllDocuments(text, { strict: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(this.docs)) this.docs = [];
    for (const d of this.docs) if (d.errors.length) throw new EditError(`${name} does not parse: ${d.errors[0].message.split('\n')[0]}`);
    this.edits = new TextEdits(text);
    this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
    for (const doc of this.docs) if (doc.contents) this.index(doc.contents as Node, [], doc, undefined);
    this.unit = this.detectUnit();
    this.seqOffset = this.detectSeqOffset();
  }

  private index(node: Node, path: (string | number)[], doc: Document.Parsed, parentPair: Pair | undefined): void {
    if (isAlias(node)) {
      this.aliases.push({ source: node.source, range: [node.range![0], node.range![1]] });
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (isScalar(pair.key) && pair.key.range) this.pairs.set(pair.key.range[0], { node: pair, parent: node, parentPair, path: [...path, key ?? ''], doc });
        if (pair.value) this.index(pair.value as Node, [...path, key ?? ''], doc, pair);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (!item) return;
        const n = item as Node;
        if (n.range) this.items.set(n.range[0], { node: n, parent: node, parentPair, path: [...path, i], doc });
        this.index(n, [...path, i], doc, undefined);
      });
    }
  }

  private detectUnit(): number {
    const services = this.rootPair('services');
    const map = services?.value;
    if (isMap(map) && !map.flow && map.range && services!.key && isScalar(services!.key)) {
      const d = this.blockColumn(map.range[0]) - this.blockColumn((services!.key as Scalar).range![0]);
      if (d > 0 && d <= 8) return d;
    }
    return 2;
  }

  private detectSeqOffset(): number {
    for (const loc of this.pairs.values()) {
      const v = loc.node.value;
      if (isSeq(v) && !v.flow && v.range && isScalar(loc.node.key)) {
        return Math.max(0, this.column(v.range[0]) - this.blockColumn((loc.node.key as Scalar).range![0]));
      }
    }
    return this.unit;
  }

  // ----- text positions

  lineStart(pos: number): number {
    return this.text.lastIndexOf('\n', pos - 1) + 1;
  }

  column(pos: number): number {
    return pos - this.lineStart(pos);
  }

  /** The indentation of a block mapping whose first key starts at `pos`: a tag or anchor before the key (`!!merge <<:`) belongs to it. */
  blockColumn(pos: number): number {
    return this.text.slice(this.lineStart(pos), pos).replace(/(?:[!&]\S*[ \t]+)+$/, '').length;
  }

  /** 1-based line of an offset. */
  line(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) n++;
    return n;
  }

  /** The start of the line after the one holding `pos` (pos itself when it starts a line). */
  private nextLine(pos: number): number {
    if (pos > 0 && this.text[pos - 1] === '\n') return pos;
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** Past the trailing comment lines indented deeper than `col` (they belong to the content above). */
  private skipDeeperComments(pos: number, col: number): number {
    let at = pos;
    let scan = pos;
    while (scan < this.text.length) {
      const nl = this.text.indexOf('\n', scan);
      const end = nl < 0 ? this.text.length : nl + 1;
      const line = this.text.slice(scan, end);
      if (/^\s*$/.test(line)) {
        scan = end;
        continue;
      }
      const m = /^([ \t]*)#/.exec(line);
      if (m && m[1].length > col) {
        at = end;
        scan = end;
        continue;
      }
      break;
    }
    return at;
  }

  /** Text to insert at `pos`, on lines of its own. */
  private insertLines(pos: number, lines: string[]): void {
    let text = lines.join(this.eol) + this.eol;
    if (pos === this.text.length && this.text.length && !this.text.endsWith('\n')) text = this.eol + text;
    this.edits.insert(pos, text);
  }

  // ----- lookups

  pairAtKey(offset: number): Located<Pair> | undefined {
    return this.pairs.get(offset);
  }

  itemAt(offset: number): Located<Node> | undefined {
    return this.items.get(offset);
  }

  /** The document holding the top-level key (the first document when none does). */
  private rootDoc(key?: string): Document.Parsed | undefined {
    if (key) for (const d of this.docs) if (isMap(d.contents) && d.contents.items.some((p) => keyText(p.key) === key)) return d;
    return this.docs.find((d) => isMap(d.contents)) ?? this.docs[0];
  }

  rootMap(key?: string): YAMLMap | undefined {
    const d = this.rootDoc(key);
    return d && isMap(d.contents) ? (d.contents as YAMLMap) : undefined;
  }

  private rootPair(key: string): Pair | undefined {
    const map = this.rootMap(key);
    return map?.items.find((p) => keyText(p.key) === key);
  }

  /** `services.<name>` of this file as a mapping, following an alias (`web: *base`). */
  serviceMap(name: string): YAMLMap | undefined {
    if (!this.servicePairs) {
      // the first pair of each name (as a search from the top finds it), indexed once: the text is edited, never the documents
      this.servicePairs = new Map();
      const services = this.resolve(this.rootPair('services')?.value as Node | undefined);
      if (isMap(services)) for (const p of services.items) if (!this.servicePairs.has(keyText(p.key))) this.servicePairs.set(keyText(p.key), p);
    }
    const pair = this.servicePairs.get(name);
    const node = this.resolve(pair?.value as Node | undefined);
    return isMap(node) ? node : undefined;
  }

  resolve(node: Node | null | undefined): Node | undefined {
    if (!node) return undefined;
    if (isAlias(node)) {
      for (const d of this.docs) {
        const r = node.resolve(d);
        if (r) return r as Node;
      }
      return undefined;
    }
    return node;
  }

  /** Keys a mapping inherits through `<<` merge keys (following aliases), with their value nodes. */
  mergedPairs(map: YAMLMap): Pair[] {
    return this.mergeSources(map).flatMap((s) => s.items.filter((q) => keyText(q.key) !== '<<'));
  }

  /** The mappings a mapping merges through `<<`, directly or through the mappings it merges. */
  mergeSources(map: YAMLMap, seen = new Set<YAMLMap>()): YAMLMap[] {
    const out: YAMLMap[] = [];
    for (const p of map.items) {
      if (keyText(p.key) !== '<<') continue;
      const v = this.resolve(p.value as Node);
      const sources = isSeq(v) ? v.items.map((i) => this.resolve(i as Node)) : [v];
      for (const s of sources) {
        if (!isMap(s) || seen.has(s)) continue;
        seen.add(s);
        out.push(s, ...this.mergeSources(s, seen));
      }
    }
    return out;
  }

  /** The mapping that holds a pair (its parent), found through the pair's key position. */
  mapHolding(pair: Pair): YAMLMap | undefined {
    const key = pair.key as Node | null;
    const loc = key?.range ? this.pairs.get(key.range[0]) : undefined;
    return loc && isMap(loc.parent) ? loc.parent : undefined;
  }

  pairOf(map: YAMLMap, key: string): Pair | undefined {
    for (let i = map.items.length - 1; i >= 0; i--) if (keyText(map.items[i].key) === key) return map.items[i];
    return undefined;
  }

  /** The source text of a node, as written. */
  source(node: Node): string {
    return this.text.slice(node.range![0], node.range![1]);
  }

  /** A sequence item as a one-line flow text (block mappings of long-syntax secrets become `{…}`). */
  flowItem(node: Node): string {
    const n = this.resolve(node);
    if (isMap(n) && !n.flow) {
      return `{${n.items.map((p) => `${this.source(p.key as Node)}: ${p.value ? this.source(p.value as Node) : ''}`).join(', ')}}`;
    }
    return n ? this.source(n) : '';
  }

  /** Anchors defined inside [start, end) that an alias outside the edited ranges still uses. */
  danglingAnchors(start: number, end: number, node: Node | undefined): string[] {
    const anchors = new Set<string>();
    const collect = (n: Node | null | undefined) => {
      if (!n || isAlias(n)) return;
      if (n.anchor && n.range && n.range[0] >= start && n.range[0] < end) anchors.add(n.anchor);
      if (isMap(n)) for (const p of n.items) collect(p.value as Node);
      if (isSeq(n)) for (const i of n.items) collect(i as Node);
    };
    collect(node);
    return [...anchors].filter((a) =>
      this.aliases.some((al) => al.source === a && !(al.range[0] >= start && al.range[1] <= end) && !this.edits.replaced(al.range[0], al.range[1])),
    );
  }

  // ----- edits of one entry

  /**
   * Rewrites one `KEY: value` pair (or `- KEY=value` item) of an environment to `newKey` with
   * `newValue`, keeping the key's and value's quoting style and the trailing comment.
   */
  rewriteEntry(at: { pair?: Pair; item?: Scalar }, newKey: string, newValue: string): void {
    if (at.pair) {
      const key = at.pair.key as Scalar;
      const value = at.pair.value as Node | null;
      const start = key.range![0];
      const valueLike = isScalar(value) ? value : undefined;
      if (value?.range && !(isScalar(value) && value.value === null && value.range[0] === value.range[1])) {
        // key and value apart: what lies between them (a comment, `? `/`: ` of an explicit key, a tag) stays
        this.edits.replace(start, key.range![1], styled(newKey, key));
        this.edits.replace(value.range[0], value.range[1], styled(newValue, valueLike) + this.tail(value.range[0], value.range[1]));
        return;
      }
      const end = this.text.indexOf(':', key.range![1]) + 1;
      this.edits.replace(start, end, `${styled(newKey, key)}: ${styled(newValue, valueLike)}${this.tail(start, end)}`);
      return;
    }
    const item = at.item!;
    const [start, end] = [item.range![0], item.range![1]];
    this.edits.replace(start, end, styled(`${newKey}=${newValue}`, item) + this.tail(start, end));
  }

  /** The line breaks a replaced range ends with (a block scalar's), which the replacement must keep. */
  private tail(start: number, end: number): string {
    const m = /(?:\r?\n[ \t]*)+$/.exec(this.text.slice(start, end));
    return m ? m[0] : '';
  }

  /**
   * Removes one entry of a mapping or sequence (a build argument). Block entries lose their whole
   * lines; flow entries their text and one comma. An entry that is the last one left turns its
   * collection into `{}` / `[]`.
   */
  removeEntry(at: { pair?: Pair; item?: Node }, parent: YAMLMap | YAMLSeq, parentPair: Pair | undefined): void {
    let r = this.pendingRemovals.find((p) => p.parent === parent);
    if (!r) this.pendingRemovals.push((r = { parent, parentPair, entries: [] }));
    r.entries.push(at);
  }

  private writeRemovals({ parent, parentPair, entries }: PendingRemoval): void {
    if (entries.length >= parent.items.length && parentPair) {
      // the collection becomes empty: `args: {}`, keeping an anchor
      const keyEnd = this.text.indexOf(':', (parentPair.key as Scalar).range![1]) + 1;
      const end = parent.range![1];
      const anchor = parent.anchor ? ` &${parent.anchor}` : '';
      this.edits.replace(keyEnd, end, `${anchor} ${isMap(parent) ? '{}' : '[]'}${this.tail(keyEnd, end)}`);
      return;
    }
    for (const at of entries) this.removeOne(at, parent);
  }

  private removeOne(at: { pair?: Pair; item?: Node }, parent: YAMLMap | YAMLSeq): void {
    const first = at.pair ? (at.pair.key as Scalar).range![0] : at.item!.range![0];
    const valueNode = at.pair ? (at.pair.value as Node | null) : at.item!;
    const last = valueNode?.range ? valueNode.range[1] : (at.pair!.key as Scalar).range![1];
    if (parent.flow) {
      const after = /^\s*,\s*/.exec(this.text.slice(last));
      if (after) {
        this.edits.replace(first, last + after[0].length, '');
        return;
      }
      const before = /,\s*$/.exec(this.text.slice(0, first));
      this.edits.replace(before ? first - before[0].length : first, last, '');
      return;
    }
    const lineStart = this.lineStart(first);
    const prefix = this.text.slice(lineStart, first);
    if (!/^[ \t]*(?:-[ \t]+)?$/.test(prefix)) throw new EditError(`cannot remove the entry at line ${this.line(first)}: it shares its line with other content`);
    this.edits.replace(lineStart, this.nextLine(last), '');
  }

  // ----- queued additions, written by flush()

  /** Adds an item to the sequence at `key` of a mapping (creating it), once. `inherited` repeats items merged in by `<<`. */
  addSeqItem(map: YAMLMap, key: string, item: string, inherited: string[] = []): void {
    let p = pendingAt(this.seqIndex, map, key);
    if (!p) this.pendingSeqs.push((p = setPending(this.seqIndex, map, key, { map, key, items: [], inherited })));
    if (!p.items.includes(item)) p.items.push(item);
  }

  /** Adds a named mapping entry (a top-level secret) under `key` of a mapping, creating the key when needed. */
  addMapEntry(map: YAMLMap, key: string, name: string, pairs: [string, string][]): void {
    let p = pendingAt(this.mapIndex, map, key);
    if (!p) this.pendingMaps.push((p = setPending(this.mapIndex, map, key, { map, key, entries: [], names: new Set<string>() })));
    if (p.names.has(name)) return;
    p.names.add(name);
    p.entries.push({ name, pairs });
  }

  private versionMinor = 0;

  /**
   * Asks for file format 3.<minor> at least: a `version: '3.x'` below it is raised on flush (docker
   * stack takes secrets from 3.1 and their `name:` from 3.5, and each 3.x format accepts what the
   * earlier ones do). Other versions, and a file without one, are left alone: Compose ignores the key.
   */
  requireVersion(minor: number): void {
    this.versionMinor = Math.max(this.versionMinor, minor);
  }

  private writeVersion(): void {
    const v = this.rootPair('version')?.value;
    if (!isScalar(v) || !v.range) return;
    const m = /^3(?:\.(\d+))?$/.exec(String(v.value));
    if (!m || Number(m[1] ?? 0) >= this.versionMinor) return;
    const quote = /^["']/.test(this.text.slice(v.range[0], v.range[1])) ? this.text[v.range[0]] : "'";
    this.edits.replace(v.range[0], v.range[1], `${quote}3.${this.versionMinor}${quote}`);
  }

  /** Applies the queued additions and every edit; returns the new text. */
  flush(): string {
    if (this.versionMinor) this.writeVersion();
    for (const r of this.pendingRemovals) this.writeRemovals(r);
    for (const s of this.pendingSeqs) this.writeSeq(s);
    for (const m of this.pendingMaps) this.writeMap(m);
    return this.edits.apply();
  }

  private writeSeq({ map, key, items, inherited }: PendingSeq): void {
    const pair = this.pairOf(map, key);
    if (!pair) {
      const all = [...inherited, ...items];
      if (map.flow) this.insertIntoFlow(map, `${key}: [${all.join(', ')}]`);
      else this.addBlockPair(map, [`${key}:`, ...all.map((i) => `${' '.repeat(this.seqOffset)}- ${i}`)]);
      return;
    }
    const value = pair.value as Node | null;
    if (isSeq(value)) {
      if (value.flow) {
        for (const i of items) this.insertIntoFlow(value, i);
        return;
      }
      const lastItem = value.items[value.items.length - 1] as Node;
      const col = this.column(value.range![0]);
      const pos = this.skipDeeperComments(this.nextLine(lastItem.range![1]), col);
      this.insertLines(
        pos,
        items.map((i) => `${' '.repeat(col)}- ${i}`),
      );
      return;
    }
    const keyNode = pair.key as Scalar;
    if (isScalar(value) && value.value === null && value.range && value.range[0] === value.range[1]) {
      // `secrets:` with nothing after it
      const col = this.blockColumn(keyNode.range![0]);
      this.insertLines(
        this.nextLine(keyNode.range![1]),
        [...inherited, ...items].map((i) => `${' '.repeat(col + this.seqOffset)}- ${i}`),
      );
      return;
    }
    if ((isScalar(value) && value.value === null) || isAlias(value)) {
      // `secrets: ~` or `secrets: *shared`: an explicit list that repeats what the alias held
      const held = isAlias(value) ? this.resolve(value) : undefined;
      const existing = isSeq(held) ? held.items.map((i) => this.flowItem(i as Node)) : [];
      this.edits.replace(value!.range![0], value!.range![1], `[${[...existing, ...inherited, ...items].join(', ')}]`);
      return;
    }
    throw new EditError(`${key} at line ${this.line(keyNode.range![0])} is not a list`);
  }

  private writeMap({ map, key, entries }: PendingMap): void {
    const pair = this.pairOf(map, key);
    const flowEntry = (e: PendingMap['entries'][number]) => `${e.name}: {${e.pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
    const u = ' '.repeat(this.unit);
    /** The entries as block lines, each name at `col`. */
    const blockLines = (col: number) =>
      entries.flatMap((e) => [`${' '.repeat(col)}${e.name}:`, ...e.pairs.map(([k, v]) => `${' '.repeat(col)}${u}${k}: ${v}`)]);
    if (!pair) {
      if (map.flow) this.insertIntoFlow(map, `${key}: {${entries.map(flowEntry).join(', ')}}`);
      else this.addBlockPair(map, [`${key}:`, ...blockLines(this.unit)], map === this.rootMap() && this.blankLinesBetweenTopKeys());
      return;
    }
    const value = pair.value as Node | null;
    if (isMap(value)) {
      if (value.flow) {
        for (const e of entries) this.insertIntoFlow(value, flowEntry(e));
        return;
      }
      this.insertLines(this.afterLastEntry(value), blockLines(this.blockColumn(value.range![0])));
      return;
    }
    const keyNode = pair.key as Scalar;
    if (isScalar(value) && value.value === null && value.range && value.range[0] === value.range[1]) {
      this.insertLines(this.nextLine(keyNode.range![1]), blockLines(this.blockColumn(keyNode.range![0]) + this.unit));
      return;
    }
    throw new EditError(`${key} at line ${this.line(keyNode.range![0])} is not a mapping`);
  }

  /** Where a new entry of a block mapping goes: after its last entry's line and the comments indented below it. */
  private afterLastEntry(map: YAMLMap): number {
    const last = map.items[map.items.length - 1];
    const value = last.value as Node | null;
    const end = value?.range ? value.range[1] : (last.key as Node).range![1];
    return this.skipDeeperComments(this.nextLine(end), this.blockColumn(map.range![0]));
  }

  private addBlockPair(map: YAMLMap, lines: string[], blankBefore = false): void {
    if (!map.items.length) throw new EditError(`cannot add ${lines[0]} to an empty mapping`);
    const col = this.blockColumn(map.range![0]);
    const pos = this.afterLastEntry(map);
    const indented = lines.map((l) => ' '.repeat(col) + l);
    if (blankBefore) indented.unshift('');
    this.insertLines(pos, indented);
  }

  /** Inserts an entry before the closing bracket of a flow collection. */
  private insertIntoFlow(node: YAMLMap | YAMLSeq, entry: string): void {
    let close = node.range![1] - 1;
    while (close > node.range![0] && /\s/.test(this.text[close])) close--;
    const bracket = isMap(node) ? '}' : ']';
    if (this.text[close] !== bracket) throw new EditError(`unexpected flow collection at line ${this.line(node.range![0])}`);
    let prev = close - 1;
    while (prev > node.range![0] && /\s/.test(this.text[prev])) prev--;
    const c = this.text[prev];
    const text = c === '{' || c === '[' ? entry : c === ',' ? ` ${entry}` : `, ${entry}`;
    this.edits.insert(prev + 1, text);
  }

  /** Whether the file separates its top-level keys with blank lines. */
  private blankLinesBetweenTopKeys(): boolean {
    const root = this.rootMap();
    if (!root || root.items.length < 2) return false;
    let blank = 0;
    for (const p of root.items.slice(1)) {
      const start = this.lineStart((p.key as Node).range![0]);
      const before = this.text.slice(0, start).replace(/(?:[ \t]*#[^\n]*\n)+$/, '');
      if (/\n[ \t]*\r?\n$/.test(before)) blank++;
    }
    return blank * 2 >= root.items.length - 1;
  }
}

/** Edits of a dotenv file (env_file): one `KEY=value` line rewritten in place. */
export class DotenvFileEdits {
  readonly edits: TextEdits;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    this.edits = new TextEdits(text);
  }

  /** `KEY=value` (quoted or not) or a bare `KEY` becomes `newKey=newValue`; `export ` and a trailing comment stay. */
  rewrite(keyRange: [number, number], valueRange: [number, number] | undefined, newKey: string, newValue: string): void {
    let end = keyRange[1];
    if (valueRange) {
      end = valueRange[1];
      const open = this.text[valueRange[0] - 1];
      if ((open === '"' || open === "'") && this.text[end] === open) end++;
    }
    this.edits.replace(keyRange[0], end, `${newKey}=${newValue}`);
  }

  flush(): string {
    return this.edits.apply();
  }
}
