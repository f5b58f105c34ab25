/** Where a value came from: a file and a half-open character range in it, with 1-based positions. */
export interface Origin {
  file: string;
  /** [start, end) character offsets into the file text. */
  range: [number, number];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Maps character offsets of one text to 1-based line/column positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  origin(file: string, start: number, end: number): Origin {
    const a = this.position(start);
    const b = this.position(end);
    return { file, range: [start, end], line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

export function originKey(o: Origin): string {
  return `${o.file}\u0000${o.range[0]}\u0000${o.range[1]}`;
}

/** A sub-range of an origin, for a match inside a single-line scalar; falls back to the whole origin. */
export function subOrigin(o: Origin, start: number, end: number, sourceOffset: number | undefined): Origin {
  if (sourceOffset === undefined || o.line !== o.endLine) return o;
  const s = o.range[0] + sourceOffset + start;
  const e = o.range[0] + sourceOffset + end;
  if (e > o.range[1]) return o;
  return {
    file: o.file,
    range: [s, e],
    line: o.line,
    column: o.column + sourceOffset + start,
    endLine: o.line,
    endColumn: o.column + sourceOffset + end,
  };
}

/** The origin of text[start, end) of a scalar: exact on one line (plain, simple quoted, or one line of a block scalar); the whole node otherwise. */
/**
 * The origin of a match that starts on block line `first` and ends on a later one; the node's
 * whole origin when it does not start on that line (a folded scalar's joined lines).
 */
function acrossLines(
  whole: Origin,
  lines: readonly { at: number; source: number; line: number; column: number; length: number }[],
  first: number,
  start: number,
  end: number,
): Origin {
  const a = lines[first];
  if (!a || start < a.at || start > a.at + a.length) return whole;
  let b = first;
  while (b + 1 < lines.length && lines[b + 1].at <= end) b++;
  const z = lines[b];
  if (b === first || end > z.at + z.length) return whole;
  return {
    file: whole.file,
    range: [a.source + (start - a.at), z.source + (end - z.at)],
    line: a.line,
    column: a.column + (start - a.at),
    endLine: z.line,
    endColumn: z.column + (end - z.at),
  };
}

export function originWithin(
  node: { origin: Origin; sourceOffset?: number; blockLines?: { at: number; source: number; line: number; column: number; length: number }[] },
  start: number,
  end: number,
): Origin {
  if (node.blockLines) {
    // the last line starting at or before `start` (lines are in order), if the match ends on it
    const lines = node.blockLines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].at <= start) lo = mid;
      else hi = mid - 1;
    }
    let line: (typeof lines)[number] | undefined;
    // lines of the same start (an empty one before its neighbour in a folded scalar): the first that holds the match
    for (let i = lo; i >= 0 && lines[i].at === lines[lo].at; i--) {
      if (start >= lines[i].at && end <= lines[i].at + lines[i].length) line = lines[i];
    }
    // a match over several lines (a private key's block): from where it starts to where it ends
    if (!line) return acrossLines(node.origin, lines, lo, start, end);
    const col = line.column + (start - line.at);
    return {
      file: node.origin.file,
      range: [line.source + (start - line.at), line.source + (end - line.at)],
      line: line.line,
      column: col,
      endLine: line.line,
      endColumn: col + (end - start),
    };
  }
  return subOrigin(node.origin, start, end, node.sourceOffset);
}
