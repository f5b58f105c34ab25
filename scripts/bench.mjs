// npm run bench: cold start, corpus throughput (against the parse floor and peers) and scaling,
// as one markdown table with the targets of the performance issue next to each row. Timings live
// here, never in `npm test`; the bench always exits 0 (a slow row is a FAIL in the table, not a
// failed build). See bench/RESULTS.md for how to read the table, and --help for the options.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAverage, machineFacts } from './bench/machine.mjs';
import { cleanUp, measureRows, rssMethod } from './bench/measure.mjs';
import { writeResults, factsLines } from './bench/results.mjs';
import { fmtMs, makeRow, medianMs } from './bench/rows.mjs';
import { coldRows } from './bench/sections/cold.mjs';
import { scalingRows } from './bench/sections/scaling.mjs';
import { throughputRows } from './bench/sections/throughput.mjs';
import { renderTable } from './bench/table.mjs';

const SECTIONS = ['cold', 'throughput', 'scaling'];
const USAGE = `usage: npm run bench -- [options]
  --quick            few runs; no peers, no 10,000-service sizes
  --only <sections>  comma-separated: ${SECTIONS.join(', ')}
  --peers            run dclint and secretlint (default: only on a full run)
  --no-peers         never run the peers
  --write            write the table to bench/RESULTS.md
  --runs <n>         runs of each throughput and scaling row (default 3, quick 1)
  --cold-runs <n>    runs of each cold-start row (default 30, quick 10)
  --timeout <s>      per-run timeout of the generated scaling inputs (default 60)
  --max-rss-mb <n>   a run whose processes' RSS passes this is stopped (default 6144)
  --long <s>         a run longer than this is not repeated (default 30)
  --keep             keep the generated inputs in .tmp/bench/
  --series <text>    only the scaling series whose "command: series" name contains text
                     (e.g. --only scaling --series 'fix --dry-run: services, each')`;

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      peers: { type: 'boolean' },
      'no-peers': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'cold-runs': { type: 'string' },
      timeout: { type: 'string', default: '60' },
      'max-rss-mb': { type: 'string', default: '6144' },
      long: { type: 'string', default: '30' },
      keep: { type: 'boolean', default: false },
      series: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const sections = values.only ? values.only.split(',').map((s) => s.trim()) : SECTIONS;
  const unknown = sections.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
  const number = (name, value) => {
    const n = Number(value);
    if (!(n > 0)) throw new Error(`--${name} needs a positive number`);
    return n;
  };
  const full = !values.quick && !values.only;
  return {
    help: values.help,
    quick: values.quick,
    sections,
    peers: !values['no-peers'] && (values.peers ?? full),
    write: values.write,
    runs: number('runs', values.runs ?? (values.quick ? 1 : 3)),
    coldRuns: number('cold-runs', values['cold-runs'] ?? (values.quick ? 10 : 30)),
    timeoutMs: number('timeout', values.timeout) * 1000,
    maxRssMb: number('max-rss-mb', values['max-rss-mb']),
    longMs: number('long', values.long) * 1000,
    keep: values.keep,
    series: values.series,
    command: ['npm run bench', argv.length ? '--' : '', ...argv].filter(Boolean).join(' '),
  };
}

const log = (message) => process.stderr.write(`bench: ${message}\n`);
const progress = (row, sample) =>
  log(
    `${row.section} | ${row.label} | ${sample.timedOut ? 'timeout' : sample.overRss ? 'RSS cap' : fmtMs(sample.ms)} | ${(sample.rssKb / 1024).toFixed(0)} MiB`,
  );

async function main() {
  let settings;
  try {
    settings = options(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (settings.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const root = join(fileURLToPath(import.meta.url), '../..');
  const cli = join(root, 'dist/cli.js');
  if (!existsSync(cli)) {
    process.stderr.write('bench: dist/cli.js is missing; run `npm run build` first\n');
    return 2;
  }
  const work = process.env.BENCH_WORK_DIR ?? join(root, '.tmp/bench');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const corpus = process.env.BENCH_CORPUS ?? join(root, '../shared/corpus');
  const ctx = { root, cli: 'dist/cli.js', corpus, work, log };
  const facts = machineFacts(root);
  const limits = { timeoutMs: settings.timeoutMs, maxRssMb: settings.maxRssMb, startupMs: Number.NaN };
  const measure = (rows, extra) => measureRows(rows, { ...limits, rounds: settings.runs, longMs: settings.longMs, progress, ...extra });
  log(`load average ${facts.loadStart}; peak RSS by ${rssMethod}`);

  const rows = [];
  let series = [];
  try {
    if (settings.sections.includes('cold')) {
      const cold = coldRows(ctx);
      await measure(cold, { rounds: settings.coldRuns, warmup: true });
      rows.push(...cold);
    }
    if (settings.sections.includes('throughput')) {
      const throughput = throughputRows(ctx, { peers: settings.peers });
      await measure(throughput.filter((r) => !r.skipped));
      rows.push(...throughput);
    }
    if (settings.sections.includes('scaling')) {
      // start-up measured in the same rounds as the series, so it shares their load
      const startup = makeRow('scaling', 'start-up: compose-secrets --version (subtracted in the verdicts)', {
        argvs: [[process.execPath, ctx.cli, '--version']],
        cwd: root,
      });
      const scaling = scalingRows(ctx, { quick: settings.quick, series: settings.series });
      await measure([startup, ...scaling.rows.filter((r) => !r.skipped)]);
      limits.startupMs = medianMs(startup);
      rows.push(startup, ...scaling.rows);
      series = scaling.series;
    }
  } finally {
    if (!settings.keep) rmSync(work, { recursive: true, force: true });
  }

  facts.loadEnd = loadAverage();
  const table = renderTable(rows, series, limits);
  const run = { ...settings, rssMethod };
  process.stdout.write(`${factsLines(facts, run).join('\n')}\n\n${table}`);
  if (settings.write) {
    writeResults(root, facts, run, table);
    log('wrote bench/RESULTS.md');
  }
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
main()
  .then((code) => {
    process.exitCode = code;
  })
  .finally(cleanUp);
