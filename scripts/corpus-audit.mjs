// The corpus audit: seeded random samples to judge by hand.
//
//   npm run build && node scripts/corpus-audit.mjs [--seed N] [--findings 150] [--unflagged 100] [--show-lines]
//
// - precision sample: `--findings` findings of `lint ../shared/corpus`, one per file:line;
// - recall sample: `--unflagged` lines of the corpus's compose and env files whose key looks
//   secret-like (pass, secret, token, key, cred, auth, pwd…) and holds a value, on which lint
//   reported nothing, in the files lint reads (the compose files its directory search finds and
//   the .env files next to them).
// Prints both as markdown tables (file:line, key, rule or "—", and an empty verdict column to fill
// in). The line itself, which may hold the value, is printed only with --show-lines, for the
// person judging, to the terminal: never keep it in a committed file.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from './lib/random.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const corpus = resolve(root, '../shared/corpus');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261202' },
    findings: { type: 'string', default: '150' },
    unflagged: { type: 'string', default: '100' },
    'show-lines': { type: 'boolean', default: false },
  },
});

/** n distinct items of a list, in a seeded random order. */
function sample(list, n, rand) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

function lintCorpus() {
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', corpus], { maxBuffer: 1 << 28, encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // exit 1/2: findings or input errors; the JSON is complete
  }
  return JSON.parse(out);
}

/** The files lint read: the compose files it found, and the .env files next to them. */
function lintedFiles(result) {
  const files = new Set(result.files.map((f) => resolve(root, f)));
  for (const f of result.files) {
    const dir = dirname(resolve(root, f));
    for (const name of readdirSync(dir)) if (/^\.env/.test(name) && statSync(join(dir, name)).isFile()) files.add(join(dir, name));
  }
  return [...files].sort();
}

/** `KEY: value`, `KEY=value`, `- KEY=value`, `"key": "value"`: the key and whether a value follows. */
const ENTRY = /^\s*(?:-\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=|:\s)\s*(.*)$/;
const SECRET_LIKE =
  /pass|secret|token|(?:api|private|priv|master|encryption|enc|signing|sign|access|app|auth|license|session)[_.-]?key|cred|pwd|pw$|salt|cookie|dsn|(?:^|[_.-])auth$/i;

function unflaggedLines(files, flagged) {
  const out = [];
  for (const file of files) {
    const rel = relative(root, file);
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      const m = ENTRY.exec(line);
      if (!m || !SECRET_LIKE.test(m[1])) return;
      const value = m[2].trim().replace(/^["']|["']$/g, '');
      if (!value || value === '|' || value === '>' || value.startsWith('#')) return;
      if (flagged.has(`${rel}:${i + 1}`)) return;
      out.push({ where: `${rel}:${i + 1}`, key: m[1], line });
    });
  }
  return out;
}

const rand = seededRandom(Number(values.seed));
const result = lintCorpus();
const byLine = new Map();
for (const f of result.findings) {
  const where = `${f.file}:${f.line}`;
  if (!byLine.has(where)) byLine.set(where, f);
}
const findings = sample([...byLine.values()], Number(values.findings), rand);
const unflagged = sample(unflaggedLines(lintedFiles(result), new Set(byLine.keys())), Number(values.unflagged), rand);

const lineOf = (where) => {
  const at = where.lastIndexOf(':');
  return readFileSync(resolve(root, where.slice(0, at)), 'utf8').split(/\r?\n/)[Number(where.slice(at + 1)) - 1];
};
const show = (where) => (values['show-lines'] ? ` <!-- ${lineOf(where).trim().slice(0, 200)} -->` : '');
const short = (where) => where.replace(/^\.\.\/shared\/corpus\//, '');

console.log(`## Precision sample: ${findings.length} of ${byLine.size} flagged lines (seed ${values.seed})\n`);
console.log('| # | file:line | key | rule | verdict | reason |\n| --- | --- | --- | --- | --- | --- |');
findings.forEach((f, i) => {
  const key = f.path[f.path.length - 1];
  console.log(`| ${i + 1} | ${short(`${f.file}:${f.line}`)} | ${key} | ${f.ruleId} |  |  |${show(`${f.file}:${f.line}`)}`);
});
console.log(`\n## Recall sample: ${unflagged.length} unflagged secret-looking lines (seed ${values.seed})\n`);
console.log('| # | file:line | key | verdict | reason |\n| --- | --- | --- | --- | --- |');
unflagged.forEach((u, i) => {
  console.log(`| ${i + 1} | ${short(u.where)} | ${u.key} |  |  |${show(u.where)}`);
});
