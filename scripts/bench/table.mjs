// The one markdown table `npm run bench` prints and bench/RESULTS.md keeps.
import { fmtMs, fmtNum, linearity, medianMs, peakRssMb, ratio, runNotes, targetMet } from './rows.mjs';

const HEADER = ['section', 'what', 'runs', 'time (median)', 'peak RSS', 'ratio', 'target', 'met', 'notes'];

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;

function timeCell(row, limits) {
  const ms = medianMs(row);
  if (!Number.isNaN(ms)) return fmtMs(ms);
  if (row.stopped === 'timeout') return `> ${fmtMs(row.timeoutMs ?? limits.timeoutMs)}`;
  return '—';
}

function rssCell(row, limits) {
  if (row.stopped === 'rss') return `> ${limits.maxRssMb} MiB`;
  const mb = peakRssMb(row);
  if (Number.isNaN(mb) || mb === 0) return '—';
  return `${row.stopped === 'timeout' && Number.isNaN(medianMs(row)) ? '≥ ' : ''}${mb.toFixed(0)} MiB`;
}

function targetCell(t) {
  if (!t) return '';
  const parts = [];
  if (t.ratio !== undefined) parts.push(`≤ ${t.ratio}×${t.aim !== undefined ? ` (aim ${t.aim.toFixed(1)}×)` : ''}`);
  if (t.rssMb !== undefined) parts.push(`< ${t.rssMb} MiB`);
  return parts.join(', ');
}

function rowLine(row, limits) {
  if (row.skipped) return line([row.section, row.label, 0, '—', '—', '', '', '', row.note]);
  const r = ratio(row);
  return line([
    row.section,
    row.label,
    row.samples.length,
    timeCell(row, limits),
    rssCell(row, limits),
    Number.isNaN(r) ? '' : `${fmtNum(r)}× ${row.baseline.name}`,
    targetCell(row.target),
    targetMet(row),
    runNotes(row, limits),
  ]);
}

/**
 * rows in order; series: [{ name, points }] whose verdict row follows the series' last point;
 * limits: { timeoutMs, maxRssMb, startupMs }.
 */
export function renderTable(rows, series, limits) {
  const verdictAfter = new Map(series.map((s) => [s.points[s.points.length - 1].row, s]));
  const out = [line(HEADER), line(HEADER.map(() => '---'))];
  for (const row of rows) {
    out.push(rowLine(row, limits));
    const s = verdictAfter.get(row);
    if (s) {
      const v = linearity(s.points, limits.startupMs, limits.timeoutMs);
      out.push(line(['scaling', `**linearity: ${s.name}**`, '', '', '', v.text, 'linear (k ≤ 1.2)', v.met, '']));
    }
  }
  return `${out.join('\n')}\n`;
}
