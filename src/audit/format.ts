/**
 * The audit's formats: `table` (plain text that fits 80 columns), `markdown` (pastes into a pull
 * request), `json` (the AuditReport as is) and `csv` (one flat table, RFC 4180). Every name
 * printed is escaped for control characters; no value is ever part of a report.
 */
import type { GitStatus } from '../load/git.js';
import { escapeControl } from '../report/escape.js';
import type { AuditMount, AuditProject, AuditReport, AuditSecret } from './collect.js';

export const AUDIT_FORMATS = ['table', 'markdown', 'json', 'csv'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function formatAudit(report: AuditReport, format: AuditFormat): string {
  switch (format) {
    case 'table':
      return report.projects.map((p) => projectTable(p, report.policy)).join('\n');
    case 'markdown':
      return report.projects.map((p) => projectMarkdown(p, report.policy)).join('\n');
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return csv(report);
  }
}

const GIT: Record<GitStatus, string> = {
  tracked: 'tracked',
  'not-ignored': 'not ignored',
  ignored: 'ignored',
  'no-repository': 'no repo',
  'no-git': 'git missing',
};

function gitText(s: AuditSecret): string {
  return s.git ? GIT[s.git] : '-';
}

function sourceText(s: AuditSecret): string {
  return s.source.name === null ? s.source.kind : `${s.source.kind} ${s.source.name}`;
}

function owner(m: AuditMount): string {
  return m.uid === null && m.gid === null ? '-' : `${m.uid ?? '-'}:${m.gid ?? '-'}`;
}

function roleText(m: AuditMount): string {
  return m.denied ? 'DENIED' : (m.role ?? '-');
}

interface Section {
  title: string;
  headers: string[];
  /** Columns cut on the left when too wide (a file:line keeps its end). */
  cutLeft?: number[];
  rows: string[][];
  empty: string;
}

function sections(p: AuditProject, policy: boolean): Section[] {
  const mounts = p.secrets.flatMap((s) => s.mounts.map((m) => ({ s, m })));
  return [
    {
      title: 'Compose secrets',
      headers: ['SECRET', 'SOURCE', 'GIT'],
      rows: p.secrets.map((s) => [s.name, sourceText(s), gitText(s)]),
      empty: 'no Compose secrets',
    },
    {
      title: 'Mounts',
      headers: ['SERVICE', 'SECRET', 'TARGET', 'USE', 'OWNER', 'MODE', ...(policy ? ['ROLE'] : [])],
      cutLeft: [2],
      rows: mounts.map(({ s, m }) => [m.service, s.name, m.target, m.build ? 'build' : 'run', owner(m), m.mode ?? '-', ...(policy ? [roleText(m)] : [])]),
      empty: 'no service mounts a secret',
    },
    {
      title: 'Still exposed (environment or hardcoded)',
      headers: ['SERVICE', 'NAME', 'RULE', 'WHERE'],
      cutLeft: [3],
      rows: p.exposed.map((e) => [e.service ?? '-', e.name, e.ruleId, `${e.file}:${e.line}:${e.column}`]),
      empty: 'nothing',
    },
  ];
}

function title(p: AuditProject): string {
  return `project ${p.name} (${p.files.join(', ')})`;
}

// ---- table -------------------------------------------------------------------------------

const WIDTH = 80;
const GAP = '  ';

function projectTable(p: AuditProject, policy: boolean): string {
  const out = [cutRight(escapeControl(title(p)), WIDTH), ''];
  for (const s of sections(p, policy)) {
    out.push(cutRight(`${s.title}:`, WIDTH));
    if (!s.rows.length) out.push(s.empty);
    else out.push(...renderTable(s.headers, s.rows, s.cutLeft));
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** Columns padded to their widest cell; when the table is wider than the page, the widest columns are cut (with …) until it fits. */
export function renderTable(headers: string[], rows: string[][], cutLeft: number[] = [], width = WIDTH): string[] {
  const all = [headers, ...rows].map((r) => r.map((c) => escapeControl(c)));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 4) break;
    widths[widest]--;
  }
  return all.map((r) =>
    r
      .map((c, i) => {
        const cell = cutLeft.includes(i) ? cutLeftEnd(c, widths[i]) : cutRight(c, widths[i]);
        return i === r.length - 1 ? cell : cell.padEnd(widths[i]);
      })
      .join(GAP)
      .trimEnd(),
  );
}

function cutRight(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

function cutLeftEnd(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `…${chars.slice(chars.length - width + 1).join('')}`;
}

// ---- markdown ----------------------------------------------------------------------------

function projectMarkdown(p: AuditProject, policy: boolean): string {
  const out = [`## Secrets audit: project ${md(p.name)} (${p.files.map(md).join(', ')})`, ''];
  for (const s of sections(p, policy)) {
    out.push(`### ${s.title}`, '');
    if (!s.rows.length) {
      out.push(`_${s.empty}_`, '');
      continue;
    }
    out.push(`| ${s.headers.map((h) => h[0] + h.slice(1).toLowerCase()).join(' | ')} |`, `| ${s.headers.map(() => '---').join(' | ')} |`);
    for (const r of s.rows) out.push(`| ${r.map(md).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** A cell: `code` (names and paths read as written), with control characters escaped and nothing that breaks out of the table. */
function md(text: string): string {
  const t = escapeControl(text);
  if (t === '-') return t;
  if (!t.includes('`')) return `\`${t.replace(/\|/g, '\\|')}\``;
  return t
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([`*_<>[\]])/g, '\\$1');
}

// ---- csv ---------------------------------------------------------------------------------

const CSV_HEADERS = [
  'project',
  'kind',
  'secret',
  'source',
  'source_name',
  'git',
  'service',
  'target',
  'use',
  'uid',
  'gid',
  'mode',
  'role',
  'denied',
  'name',
  'rule',
  'severity',
  'file',
  'line',
  'column',
] as const;

type CsvRow = Partial<Record<(typeof CSV_HEADERS)[number], string | number | null>>;

function csv(report: AuditReport): string {
  const rows: CsvRow[] = [];
  for (const p of report.projects) {
    for (const s of p.secrets) {
      const secret: CsvRow = { project: p.name, secret: s.name, source: s.source.kind, source_name: s.source.name, git: s.git };
      if (!s.mounts.length) rows.push({ ...secret, kind: 'secret' });
      for (const m of s.mounts) {
        rows.push({
          ...secret,
          kind: 'mount',
          service: m.service,
          target: m.target,
          use: m.build ? 'build' : 'run',
          uid: m.uid,
          gid: m.gid,
          mode: m.mode,
          role: m.role,
          denied: report.policy ? String(m.denied) : null,
        });
      }
    }
    for (const e of p.exposed) {
      rows.push({
        project: p.name,
        kind: 'exposed',
        service: e.service,
        name: e.name,
        rule: e.ruleId,
        severity: e.severity,
        file: e.file,
        line: e.line,
        column: e.column,
      });
    }
  }
  const lines = [CSV_HEADERS.join(','), ...rows.map((r) => CSV_HEADERS.map((h) => csvCell(r[h] ?? null)).join(','))];
  return lines.join('\r\n') + '\r\n';
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = escapeControl(String(v));
  // a cell a spreadsheet would run as a formula is quoted with a leading apostrophe
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}
