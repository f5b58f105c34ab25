/**
 * Positions across file versions: the lines fix reports (stamped with the version they were read
 * in, shown in one version at the end) and the ranges of secret values (masked in diffs).
 */
import { resolve } from 'node:path';
import { collectExposures } from '../detect/exposures.js';
import type { FileSuffixTable } from '../detect/file-suffix-images.js';
import type { Project } from '../preprocess/project.js';
import type { Workspace } from './workspace.js';

/** Lines taken from a model are lines of the file version it was loaded from; they are all shown in one version at the end. */
export class Positions {
  private readonly stamps = new Map<{ file: string; line: number }, { abs: string; v: number }>();

  constructor(
    private readonly ws: Workspace,
    private readonly cwd: string,
  ) {}

  stamp<T extends { file: string; line: number }>(record: T, like?: { file: string; line: number }): T {
    if (this.stamps.has(record)) return record;
    const from = like && this.stamps.get(like);
    if (from && like!.file === record.file && like!.line === record.line) this.stamps.set(record, from);
    else {
      const abs = resolve(this.cwd, record.file);
      this.stamps.set(record, { abs, v: this.ws.version(abs) });
    }
    return record;
  }

  /** Rewrites every stamped line into the file as read (`final` false) or as written. */
  settle(final: boolean): void {
    for (const [record, { abs, v }] of this.stamps) if (record.line > 0) record.line = this.ws.mapLine(abs, record.line, v, final);
  }
}

/** Where secret values are, per file and file version, to mask them in diffs. */
export type Ranges = Map<string, Map<number, [number, number][]>>;

/** The ranges of each list as `start:end`, so that a range is recorded once without a search of the list (one a service: quadratic). */
const recorded = new WeakMap<[number, number][], Set<string>>();

export function recordRanges(project: Project, shared: { ranges: Ranges; ws: Workspace; table: FileSuffixTable }, abs: (d: string) => string): void {
  const { ranges, ws } = shared;
  for (const e of collectExposures(project.model, shared.table)) {
    if (e.verdict.class !== 'hardcoded') continue;
    const spans: [string, [number, number]][] = [[e.verdict.origin.file, e.verdict.origin.range]];
    const v = e.entry?.value;
    if (v && e.fix) spans.push([v.origin.file, v.origin.range]);
    for (const [file, range] of spans) {
      const a = abs(file);
      let byVersion = ranges.get(a);
      if (!byVersion) ranges.set(a, (byVersion = new Map()));
      const version = ws.version(a);
      const list = byVersion.get(version) ?? [];
      let seen = recorded.get(list);
      if (!seen) recorded.set(list, (seen = new Set(list.map((r) => `${r[0]}:${r[1]}`))));
      const key = `${range[0]}:${range[1]}`;
      if (!seen.has(key)) {
        seen.add(key);
        list.push([range[0], range[1]]);
      }
      byVersion.set(version, list);
    }
  }
}
