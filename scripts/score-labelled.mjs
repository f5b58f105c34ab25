// Scores lint against a hand-labelled set of compose projects (see fixtures/labelled/README.md).
//   node scripts/score-labelled.mjs DIR [--details] [--json] [--git]
// Each project directory holds compose files and labels.json:
//   { "exposures": [{ "file", "line", "class": "hardcoded" | "via-env", "what" }],
//     "traps": [{ "file", "line", "what" }], "unsure": [{ "file", "line", "what" }] }
// A finding counts at its (file, line); its class is "hardcoded" when it carries `redacted` (the
// value is in the files) and "via-env" otherwise. Lines labelled unsure are not scored; any other
// finding on a line that is not an exposure is a false positive.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../..');
const cli = join(root, 'dist/cli.js');
/** Rules that report exposures of a secret (the others judge the use of `secrets:`). */
const EXPOSURE_RULES = new Set([
  'secret-in-mounted-file',
  'secret-in-project-file',
  'secret-in-environment',
  'secret-via-environment',
  'secret-in-build-args',
  'secret-in-env-file',
  'hardcoded-credential',
]);

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: node scripts/score-labelled.mjs DIR [--details] [--json] [--git]');
  process.exit(2);
}
if (!existsSync(join(dir, '.'))) {
  console.error(`score-labelled: ${dir}: no such directory`);
  process.exit(2);
}
const details = args.includes('--details');

/** Wilson score interval (95%) of k successes in n. */
function wilson(k, n) {
  if (!n) return [0, 1];
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

const key = (file, line) => `${file}:${line}`;

/** A copy of a project directory as a git repository with every file it does not ignore committed. */
function committedCopy(pdir) {
  const copy = join(mkdtempSync(join(tmpdir(), 'cs-score-')), basename(pdir));
  // the directory itself, not a link to it (a set of symlinked projects): git must never run in the labelled set
  cpSync(realpathSync(pdir), copy, { recursive: true, filter: (src) => basename(src) !== '.git' });
  const git = (...a) =>
    spawnSync('git', a, {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 's', GIT_AUTHOR_EMAIL: 's@x', GIT_COMMITTER_NAME: 's', GIT_COMMITTER_EMAIL: 's@x' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'labelled project');
  return copy;
}
const totals = { tp: 0, fp: 0, fn: 0, classRight: 0, traps: 0, trapsHit: 0, errors: 0 };
const byClass = { hardcoded: { tp: 0, fn: 0, fp: 0 }, 'via-env': { tp: 0, fn: 0, fp: 0 } };
const rows = [];
const projects = readdirSync(dir)
  .filter((d) => existsSync(join(dir, d, 'labels.json')))
  .sort();
for (const name of projects) {
  const pdir = resolve(dir, name);
  const labels = JSON.parse(readFileSync(join(pdir, 'labels.json'), 'utf8'));
  const exposures = new Map((labels.exposures ?? []).map((e) => [key(e.file, e.line), e]));
  const unsure = new Set((labels.unsure ?? []).map((e) => key(e.file, e.line)));
  const traps = new Map((labels.traps ?? []).map((e) => [key(e.file, e.line), e]));
  // --git: the project as the repository its files stand for, everything committed that its .gitignore does not ignore
  const cwd = args.includes('--git') ? committedCopy(pdir) : pdir;
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--no-color', '.'], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    console.error(`${name}: lint gave no JSON (exit ${r.status}): ${r.stderr.split('\n')[0]}`);
    totals.errors++;
    continue;
  }
  for (const e of out.errors ?? []) {
    totals.errors++;
    rows.push(`${name}: error ${e.file}:${e.line ?? ''} ${e.message}`);
  }
  const found = new Map();
  for (const f of out.findings) {
    // labels.json is the set's, not the project's: a file the project never holds
    if (!EXPOSURE_RULES.has(f.ruleId) || f.file === 'labels.json') continue;
    const k = key(f.file, f.line);
    const cls = f.redacted !== undefined ? 'hardcoded' : 'via-env';
    if (!found.has(k)) found.set(k, { cls, ruleId: f.ruleId, message: f.message });
  }
  const text = (file, line) => {
    try {
      return readFileSync(join(pdir, file), 'utf8').split('\n')[line - 1]?.trim().slice(0, 140) ?? '';
    } catch {
      return '';
    }
  };
  for (const [k, f] of found) {
    if (unsure.has(k)) continue;
    const e = exposures.get(k);
    if (e) {
      totals.tp++;
      byClass[e.class].tp++;
      if (e.class === f.cls) totals.classRight++;
      else rows.push(`${name}: CLASS ${k} labelled ${e.class}, found ${f.cls} (${e.what})`);
    } else {
      totals.fp++;
      byClass[f.cls].fp++;
      const t = traps.get(k);
      rows.push(`${name}: FP ${k} [${f.ruleId}] ${t ? `trap: ${t.what}` : 'unlabelled'} | ${text(...k.split(/:(?=\d+$)/))}`);
    }
  }
  for (const [k, e] of exposures) {
    if (found.has(k)) continue;
    totals.fn++;
    byClass[e.class].fn++;
    rows.push(`${name}: FN ${k} ${e.class} (${e.what}) | ${text(e.file, e.line)}`);
  }
  for (const k of traps.keys()) {
    totals.traps++;
    if (found.has(k)) totals.trapsHit++;
  }
}

const precision = totals.tp / (totals.tp + totals.fp || 1);
const recall = totals.tp / (totals.tp + totals.fn || 1);
const pct = (x) => x.toFixed(3);
const ci = ([a, b]) => `[${pct(a)}, ${pct(b)}]`;
const summary = {
  projects: projects.length,
  exposures: totals.tp + totals.fn,
  findings: totals.tp + totals.fp,
  tp: totals.tp,
  fp: totals.fp,
  fn: totals.fn,
  precision,
  recall,
  classAccuracy: totals.classRight / (totals.tp || 1),
  trapsHit: totals.trapsHit,
  traps: totals.traps,
  errors: totals.errors,
  byClass,
};
if (args.includes('--json')) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(`${dir}: ${projects.length} projects, ${summary.exposures} exposures, ${totals.traps} traps`);
  console.log(`precision ${pct(precision)} ${ci(wilson(totals.tp, totals.tp + totals.fp))}  (${totals.tp} of ${totals.tp + totals.fp} findings)`);
  console.log(`recall    ${pct(recall)} ${ci(wilson(totals.tp, totals.tp + totals.fn))}  (${totals.tp} of ${summary.exposures} exposures)`);
  console.log(
    `class right ${pct(summary.classAccuracy)} (${totals.classRight} of ${totals.tp}); traps hit ${totals.trapsHit} of ${totals.traps}; input errors ${totals.errors}`,
  );
  for (const [c, v] of Object.entries(byClass)) console.log(`  ${c}: tp ${v.tp}, fn ${v.fn}, fp ${v.fp}`);
}
if (details) for (const r of rows) console.log(r);
