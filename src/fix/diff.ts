/** Unified diffs (3 lines of context) with secret values masked. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

/** Myers' O((N+M)D) shortest edit script between two line arrays. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x] }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) ops.push({ kind: ' ', line: a[--x] }), y--;
  return ops.reverse();
}

/** A unified diff of one file; '' when the texts are equal. `before` null means a new file. */
export function unifiedDiff(name: string, before: string | null, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const header = `--- ${before === null ? '/dev/null' : `a/${name}`}\n+++ b/${name}\n`;
  let out = '';
  let i = 0;
  // positions (1-based) in a and b of ops[i]
  const posA: number[] = [];
  const posB: number[] = [];
  let pa = 1;
  let pb = 1;
  for (const op of ops) {
    posA.push(pa);
    posB.push(pb);
    if (op.kind !== '+') pa++;
    if (op.kind !== '-') pb++;
  }
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // extend the hunk while changes are closer than 2 * context lines
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next].kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    const slice = ops.slice(start, end);
    const countA = slice.filter((o) => o.kind !== '+').length;
    const countB = slice.filter((o) => o.kind !== '-').length;
    const startA = countA ? posA[start] : posA[start] - 1;
    const startB = countB ? posB[start] : posB[start] - 1;
    out += `@@ -${startA},${countA} +${startB},${countB} @@\n`;
    for (const o of slice) out += `${o.kind}${o.line}\n`;
    i = end;
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
  const ops = diffLines(splitLines(before), splitLines(after));
  const forward = [0];
  const backward = [0];
  let a = 0;
  let b = 0;
  for (let i = 0; i < ops.length; ) {
    if (ops[i].kind === ' ') {
      forward.push(++b);
      backward.push(++a);
      i++;
      continue;
    }
    // a run of changes: the k-th removed line became the k-th added one
    let dels = 0;
    let ins = 0;
    for (; i < ops.length && ops[i].kind !== ' '; i++) {
      if (ops[i].kind === '-') dels++;
      else ins++;
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
