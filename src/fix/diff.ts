/**
 * Unified diffs (3 lines of context) with secret values masked, and line maps between versions.
 *
 * Both come from one list of line changes. jsdiff's Myers diff takes O((N+M)·D) time (D: the
 * changed lines), quadratic when a fix touches every service of a large file; so it runs exactly
 * only up to EXACT_EDITS changed lines, and past that the texts are cut at anchors (lines found once
 * in each text, the longest run of them in the same order, as patience diff does) and each piece
 * between two anchors is diffed on its own. Every diff a fix of an ordinary file makes stays
 * jsdiff's; a larger one is still a correct diff, in time linear in the texts for the shapes fix
 * produces (services have unique names).
 */
import { diffArrays } from 'diff';

/** Changed lines up to which the whole texts are diffed exactly (jsdiff's Myers diff). */
export const EXACT_EDITS = 500;
/** How deep pieces between anchors are cut again at their own anchors. */
const MAX_DEPTH = 4;

/** A run of equal, removed or added lines (jsdiff's change object of diffArrays). */
export interface LineChange {
  value: string[];
  count: number;
  added: boolean;
  removed: boolean;
}

/** A text's lines; a last line without its newline carries the marker, so it differs from the same line with one. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

/** Changes appended in order, adjacent runs of one kind merged. */
class Changes {
  readonly list: LineChange[] = [];

  push(lines: string[], added: boolean, removed: boolean): void {
    if (!lines.length) return;
    const last = this.list[this.list.length - 1];
    if (last && last.added === added && last.removed === removed) {
      for (const l of lines) last.value.push(l);
      last.count += lines.length;
    } else this.list.push({ value: lines.slice(), count: lines.length, added, removed });
  }
}

/** The changes from lines `a` to lines `b`: jsdiff's when at most `EXACT_EDITS` lines change, else cut at anchors. */
export function lineChanges(a: string[], b: string[], exactEdits = EXACT_EDITS): LineChange[] {
  const exact = diffArrays(a, b, { maxEditLength: exactEdits }) as LineChange[] | undefined;
  if (exact) return exact;
  const out = new Changes();
  anchored(a, b, 0, a.length, 0, b.length, out, exactEdits, 0);
  return out.list;
}

/** Diffs a[a0, a1) against b[b0, b1): the common start, then the pieces between anchors. */
function anchored(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, out: Changes, exactEdits: number, depth: number): void {
  for (; a0 < a1 && b0 < b1 && a[a0] === b[b0]; a0++, b0++) out.push([a[a0]], false, false);
  const anchors = depth < MAX_DEPTH ? uniqueCommonRun(a, b, a0, a1, b0, b1) : [];
  if (!anchors.length) {
    piece(a.slice(a0, a1), b.slice(b0, b1), out, exactEdits);
    return;
  }
  for (const [i, j] of anchors) {
    if (i > a0 || j > b0) {
      const x = a.slice(a0, i);
      const y = b.slice(b0, j);
      const small = diffArrays(x, y, { maxEditLength: exactEdits }) as LineChange[] | undefined;
      if (small) for (const c of small) out.push(c.value, c.added, c.removed);
      else anchored(a, b, a0, i, b0, j, out, exactEdits, depth + 1);
    }
    out.push([a[i]], false, false);
    a0 = i + 1;
    b0 = j + 1;
  }
  if (a0 < a1 || b0 < b1) anchored(a, b, a0, a1, b0, b1, out, exactEdits, depth + 1);
}

/** A piece without anchors: jsdiff's diff when small, else every line removed and added. */
function piece(x: string[], y: string[], out: Changes, exactEdits: number): void {
  const small = x.length && y.length ? (diffArrays(x, y, { maxEditLength: exactEdits }) as LineChange[] | undefined) : undefined;
  if (small) for (const c of small) out.push(c.value, c.added, c.removed);
  else {
    out.push(x, false, true);
    out.push(y, true, false);
  }
}

/**
 * The lines found once in a[a0, a1) and once in b[b0, b1), as pairs of positions: the longest
 * run of them in the same order in both (patience sorting, O(n log n)).
 */
function uniqueCommonRun(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const inA = new Map<string, number>();
  for (let i = a0; i < a1; i++) inA.set(a[i], inA.has(a[i]) ? -1 : i);
  const inB = new Map<string, number>();
  for (let j = b0; j < b1; j++) if (inA.has(b[j])) inB.set(b[j], inB.has(b[j]) ? -1 : j);
  const pairs: [number, number][] = [];
  for (let i = a0; i < a1; i++) {
    const j = inB.get(a[i]);
    if (j !== undefined && j >= 0 && inA.get(a[i]) === i) pairs.push([i, j]);
  }
  // longest increasing run of b positions (pairs are in a order)
  const tails: number[] = [];
  const prev = new Array<number>(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    prev[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const run: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) run.push(pairs[k]);
  return run.reverse();
}

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** The hunks of a list of changes: jsdiff's structuredPatch, on lines that carry the end-of-file marker. */
function hunks(changes: LineChange[], context: number): Hunk[] {
  const diff = [...changes, { value: [], count: 0, added: false, removed: false }];
  const out: Hunk[] = [];
  const contextLines = (lines: string[]) => lines.map((l) => ` ${l}`);
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let curRange: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < diff.length; i++) {
    const current = diff[i];
    const lines = current.value;
    if (current.added || current.removed) {
      if (!oldRangeStart) {
        const prev = diff[i - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (prev) {
          curRange = context > 0 ? contextLines(prev.value.slice(-context)) : [];
          oldRangeStart -= curRange.length;
          newRangeStart -= curRange.length;
        }
      }
      const sign = current.added ? '+' : '-';
      for (const line of lines) curRange.push(sign + line);
      if (current.added) newLine += lines.length;
      else oldLine += lines.length;
      continue;
    }
    if (oldRangeStart) {
      if (lines.length <= context * 2 && i < diff.length - 2) {
        for (const line of lines) curRange.push(` ${line}`);
      } else {
        const contextSize = Math.min(lines.length, context);
        for (let k = 0; k < contextSize; k++) curRange.push(` ${lines[k]}`);
        out.push({
          oldStart: oldRangeStart,
          oldLines: oldLine - oldRangeStart + contextSize,
          newStart: newRangeStart,
          newLines: newLine - newRangeStart + contextSize,
          lines: curRange,
        });
        oldRangeStart = 0;
        newRangeStart = 0;
        curRange = [];
      }
    }
    oldLine += lines.length;
    newLine += lines.length;
  }
  return out;
}

/** A unified diff of one file; '' when the texts are equal. `before` null means a new file. */
export function unifiedDiff(name: string, before: string | null, after: string, context = 3, exactEdits = EXACT_EDITS): string {
  if (before === after) return '';
  const header = `--- ${before === null ? '/dev/null' : `a/${name}`}\n+++ b/${name}\n`;
  const parts: string[] = [];
  for (const hunk of hunks(lineChanges(splitLines(before ?? ''), splitLines(after), exactEdits), context)) {
    // an empty side starts one line before (the unified format's convention)
    const startA = hunk.oldLines ? hunk.oldStart : hunk.oldStart - 1;
    const startB = hunk.newLines ? hunk.newStart : hunk.newStart - 1;
    parts.push(`@@ -${startA},${hunk.oldLines} +${startB},${hunk.newLines} @@\n`);
    for (const line of hunk.lines) parts.push(`${line}\n`);
  }
  return header + parts.join('');
}

export { maskText } from '../report/mask.js';

/**
 * Line correspondences between two versions of a text (1-based; index 0 unused): `forward[old]`
 * is the line of the new text where an old line is now (a deleted line: the line that took its
 * place), `backward[new]` the old line a new line comes from (an inserted line: the line above it).
 */
export function lineMaps(before: string, after: string, exactEdits = EXACT_EDITS): { forward: number[]; backward: number[] } {
  const changes = lineChanges(splitLines(before), splitLines(after), exactEdits);
  const forward = [0];
  const backward = [0];
  let a = 0;
  let b = 0;
  for (let i = 0; i < changes.length; ) {
    if (!changes[i].added && !changes[i].removed) {
      for (let k = 0; k < changes[i].count; k++) {
        forward.push(++b);
        backward.push(++a);
      }
      i++;
      continue;
    }
    // a run of changes: the k-th removed line became the k-th added one
    let dels = 0;
    let ins = 0;
    for (; i < changes.length && (changes[i].added || changes[i].removed); i++) {
      if (changes[i].removed) dels += changes[i].count;
      else ins += changes[i].count;
    }
    for (let k = 0; k < dels; k++) forward.push(k < ins ? b + k + 1 : b + ins + 1);
    for (let k = 0; k < ins; k++) backward.push(k < dels ? a + k + 1 : Math.max(a + dels, 1));
    a += dels;
    b += ins;
  }
  forward.push(b + 1);
  backward.push(a + 1);
  return { forward, backward };
}
