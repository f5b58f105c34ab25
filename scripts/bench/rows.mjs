// A row of the table: what is run, its samples, and how it is judged (a ratio to a baseline row
// against a target, or growth across a scaling series).
import { median } from './measure.mjs';

/**
 * section, label: where and what; job: see measure.runJob; okCodes: exit codes that mean the
 * run did what it should (anything else is noted); baseline: { row, name } for the ratio;
 * target: { ratio?, aim?, rssMb? }; timeoutMs: overrides the section's timeout; compareTo: a
 * second row to give a ratio to in the notes (a peer against our own run).
 */
export function makeRow(section, label, job, { okCodes = [0, 1], baseline, target, timeoutMs, note = '', compareTo } = {}) {
  return { section, label, job, okCodes, baseline, target, timeoutMs, note, compareTo, samples: [], stopped: '' };
}

/** A row that only carries a note (a skipped part of the bench). */
export function noteRow(section, label, note) {
  return { ...makeRow(section, label, null, { note }), skipped: true };
}

/** Median time of the completed runs, NaN when none completed. */
export function medianMs(row) {
  return median(row.samples.filter((s) => !s.timedOut && !s.overRss).map((s) => s.ms));
}

export function peakRssMb(row) {
  return row.samples.length ? Math.max(...row.samples.map((s) => s.rssKb)) / 1024 : Number.NaN;
}

export function ratio(row) {
  return row.baseline ? medianMs(row) / medianMs(row.baseline.row) : Number.NaN;
}

/** 'pass', 'FAIL (…)' or '' when the row has no target. */
export function targetMet(row) {
  const t = row.target;
  if (!t || row.skipped) return '';
  const failures = [];
  const r = ratio(row);
  if (t.ratio !== undefined) {
    if (Number.isNaN(r)) failures.push('no time');
    else if (r > t.ratio) failures.push('time');
  }
  if (t.rssMb !== undefined && !(peakRssMb(row) < t.rssMb)) failures.push('RSS');
  if (failures.length) return `FAIL (${failures.join(', ')})`;
  if (t.aim !== undefined && r > t.aim) return 'pass (aim missed)';
  return 'pass';
}

/** Notes on how the runs went: timeouts, the RSS cap, long runs, unexpected exit codes. */
export function runNotes(row, { timeoutMs, maxRssMb }) {
  const notes = row.note ? [row.note] : [];
  if (row.compareTo && !Number.isNaN(medianMs(row))) notes.push(`${fmtNum(medianMs(row) / medianMs(row.compareTo))}× ours`);
  const timeout = row.timeoutMs ?? timeoutMs;
  if (row.stopped === 'timeout') notes.push(`stopped at the ${timeout / 1000} s timeout`);
  if (row.stopped === 'rss') notes.push(`stopped at the ${maxRssMb} MiB RSS cap`);
  if (row.stopped === 'long' && row.samples.length === 1) notes.push('one run (longer than the long-run limit)');
  const odd = new Set();
  for (const s of row.samples.filter((x) => !x.timedOut && !x.overRss)) {
    for (const c of s.codes) if (!row.okCodes.includes(c)) odd.add(c === -1 ? 'killed or not started' : `exit ${c}`);
  }
  if (odd.size) notes.push(`unexpected ${[...odd].join(', ')} (expected exit ${row.okCodes.join(' or ')})`);
  return notes.join('; ');
}

/**
 * Growth of one scaling series: points [{ size, label, row }] in increasing size. The exponent k of
 * the last step between two completed points compares the work time (median minus the start-up of
 * `compose-secrets --version`) to the size: time ∝ size^k, k = 1 linear, k = 2 quadratic; linear
 * means k ≤ 1.2. Work times under 50 ms are dominated by noise, so such a step is judged on whole
 * times (which can only understate growth). A size that timed out after a completed one bounds k
 * from below (the timeout is a lower bound of its time): past 1.2 that is superlinear too.
 */
export function linearity(points, startupMs, defaultTimeoutMs) {
  const done = points.filter((p) => !Number.isNaN(medianMs(p.row)));
  const first = done[0];
  const last = done[done.length - 1];
  const stoppedAfter = first && points.find((p) => p.size > last.size && (p.row.stopped === 'timeout' || p.row.stopped === 'rss'));
  const parts = [];
  if (done.length >= 2) {
    const timeRatio = medianMs(last.row) / medianMs(first.row);
    const rssRatio = peakRssMb(last.row) / peakRssMb(first.row);
    parts.push(`time ×${fmtNum(timeRatio)}, RSS ×${fmtNum(rssRatio)} for size ×${fmtNum(last.size / first.size)}`);
  }
  const before = done[done.length - 2];
  const k = before ? exponent(before.size, medianMs(before.row), last.size, medianMs(last.row), startupMs) : Number.NaN;
  if (!Number.isNaN(k)) parts.push(`k = ${k.toFixed(2)} on the last step`);
  const verdict = (met) => ({ text: parts.join('; '), met });
  if (stoppedAfter?.row.stopped === 'rss') {
    parts.push(`RSS cap at ${stoppedAfter.label}`);
    return verdict('FAIL (RSS cap)');
  }
  if (stoppedAfter) {
    const timeoutMs = stoppedAfter.row.timeoutMs ?? defaultTimeoutMs;
    const kMin = exponent(last.size, medianMs(last.row), stoppedAfter.size, timeoutMs, startupMs);
    parts.push(`timeout at ${stoppedAfter.label}: k > ${kMin.toFixed(2)} from ${last.label}`);
    if (kMin > 1.2 || k > 1.2) return verdict('FAIL (superlinear)');
    return verdict(Number.isNaN(k) ? 'unknown' : `pass up to ${last.label} only`);
  }
  if (Number.isNaN(k)) return { text: 'not enough completed sizes', met: 'n/a' };
  return verdict(k <= 1.2 ? 'pass' : 'FAIL (superlinear)');
}

/** k in time ∝ size^k between two points, on the time above start-up when that is measurable. */
function exponent(sizeA, msA, sizeB, msB, startupMs) {
  const workA = msA - startupMs;
  const [ta, tb] = workA >= 50 ? [workA, Math.max(msB - startupMs, 1)] : [msA, msB];
  return Math.log(tb / ta) / Math.log(sizeB / sizeA);
}

export function fmtMs(ms) {
  if (Number.isNaN(ms)) return '—';
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function fmtNum(x) {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
