/** Unified diffs (3 lines of context) with secret values masked, and line maps between versions. */
import { diffArrays, structuredPatch } from 'diff';

/** A text's lines; a last line without its newline carries the marker, so it differs from the same line with one. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

/** A unified diff of one file; '' when the texts are equal. `before` null means a new file. */
export function unifiedDiff(name: string, before: string | null, after: string, context = 3): string {
  if (before === after) return '';
  const header = `--- ${before === null ? '/dev/null' : `a/${name}`}\n+++ b/${name}\n`;
  let out = '';
  for (const hunk of structuredPatch('', '', before ?? '', after, undefined, undefined, { context }).hunks) {
    // an empty side starts one line before (the unified format's convention)
    const startA = hunk.oldLines ? hunk.oldStart : hunk.oldStart - 1;
    const startB = hunk.newLines ? hunk.newStart : hunk.newStart - 1;
    out += `@@ -${startA},${hunk.oldLines} +${startB},${hunk.newLines} @@\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return header + out;
}

export { maskText } from '../report/mask.js';

/**
 * Line correspondences between two versions of a text (1-based; index 0 unused): `forward[old]`
 * is the line of the new text where an old line is now (a deleted line: the line that took its
 * place), `backward[new]` the old line a new line comes from (an inserted line: the line above it).
 */
export function lineMaps(before: string, after: string): { forward: number[]; backward: number[] } {
  const changes = diffArrays(splitLines(before), splitLines(after));
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
