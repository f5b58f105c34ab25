// Runs whole processes and measures them: wall time from spawn to exit, peak RSS, exit code.
// A job is one or more command lines run with a given concurrency (pre-commit splits its file list
// into partitions and runs them in parallel); its time is the wall time of all of them.
// Each process gets its own process group, so a timeout or the RSS cap kills exactly what the
// bench started, children included (npx, /usr/bin/time).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TIME_BIN = '/usr/bin/time';
const PRELOAD = fileURLToPath(new URL('rss-preload.mjs', import.meta.url));
const POLL_MS = 200;

const scratch = mkdtempSync(join(tmpdir(), 'compose-secrets-bench-rss-'));
let fileCounter = 0;
const live = new Set();

/** How peak RSS is read: GNU time's %M (exact, any child), else a preload in node children. */
export const rssMethod = gnuTimeWorks() ? `${TIME_BIN} -f %M` : 'process.resourceUsage().maxRSS (node --import preload)';

function gnuTimeWorks() {
  if (!existsSync(TIME_BIN)) return false;
  const out = join(scratch, 'probe');
  const r = spawnSync(TIME_BIN, ['-f', '%M', '-o', out, process.execPath, '-e', '0'], { stdio: 'ignore' });
  return r.status === 0 && existsSync(out) && /^\d+\s*$/m.test(readFileSync(out, 'utf8'));
}

/** Kills every process group still running (on exit, Ctrl-C) and removes the scratch directory. */
export function cleanUp() {
  for (const child of live) killGroup(child);
  rmSync(scratch, { recursive: true, force: true });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Runs a job once.
 * job: { argvs: string[][], concurrency?: number, cwd: string, env?: object }
 * returns { ms, rssKb, codes: number[], timedOut, overRss }
 */
export async function runJob(job, { timeoutMs, maxRssMb }) {
  const running = new Set();
  const state = { timedOut: false, overRss: false, polledKb: 0 };
  const stopAll = () => {
    for (const child of running) killGroup(child);
  };
  const timer = setTimeout(() => {
    state.timedOut = true;
    stopAll();
  }, timeoutMs);
  const watch = setInterval(() => {
    let total = 0;
    for (const child of running) total += treeRssKb(child.pid, state);
    if (total > maxRssMb * 1024) {
      state.overRss = true;
      stopAll();
    }
  }, POLL_MS);

  const queue = [...job.argvs];
  const results = [];
  const worker = async () => {
    while (queue.length && !state.timedOut && !state.overRss) {
      results.push(await runProcess(queue.shift(), job, running));
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, job.concurrency ?? 1) }, worker));
  const ms = performance.now() - start;
  clearTimeout(timer);
  clearInterval(watch);
  const measured = results.map((r) => r.rssKb).filter((kb) => kb > 0);
  const rssKb = measured.length === results.length && !state.timedOut && !state.overRss ? Math.max(...measured) : Math.max(state.polledKb, ...measured);
  return { ms, rssKb, codes: results.map((r) => r.code), timedOut: state.timedOut, overRss: state.overRss };
}

function runProcess(argv, job, running) {
  const rssFile = join(scratch, `rss-${++fileCounter}`);
  const env = { ...process.env, NO_COLOR: '1', ...job.env };
  let command = argv[0];
  let args = argv.slice(1);
  if (rssMethod.startsWith(TIME_BIN)) {
    command = TIME_BIN;
    args = ['-f', '%M', '-o', rssFile, ...argv];
  } else {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(PRELOAD).href}`.trim();
    env.BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: job.cwd, env, stdio: 'ignore', detached: true });
    running.add(child);
    live.add(child);
    const done = (code) => {
      running.delete(child);
      live.delete(child);
      resolve({ code, rssKb: readRssFile(rssFile) });
    };
    child.on('error', () => done(-1));
    child.on('exit', (code, signal) => done(code ?? (signal ? -1 : 0)));
  });
}

/** The largest number on its own line: GNU time writes one (after a status line); the preload one per node process. */
function readRssFile(file) {
  try {
    const values = readFileSync(file, 'utf8').match(/^\d+$/gm) ?? [];
    rmSync(file, { force: true });
    return values.length ? Math.max(...values.map(Number)) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and its descendants (Linux /proc); records the largest VmHWM seen. */
function treeRssKb(root, state) {
  const pids = [root];
  let total = 0;
  for (let i = 0; i < pids.length; i++) {
    const pid = pids[i];
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      state.polledKb = Math.max(state.polledKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // exited meanwhile, or no /proc: nothing to add
    }
  }
  return total;
}

/**
 * Measures rows in alternated rounds (the order reverses every other round so slow drift of the
 * machine's load does not favour one row). A row stops after a timeout, the RSS cap, or a run
 * longer than longMs (one run of a long job is enough, and keeps the whole bench bounded).
 */
export async function measureRows(rows, { rounds, warmup = false, timeoutMs, maxRssMb, longMs, progress }) {
  if (warmup) for (const row of rows) await runJob(row.job, { timeoutMs: row.timeoutMs ?? timeoutMs, maxRssMb });
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...rows].reverse() : rows;
    for (const row of order) {
      if (row.stopped) continue;
      const sample = await runJob(row.job, { timeoutMs: row.timeoutMs ?? timeoutMs, maxRssMb });
      row.samples.push(sample);
      if (sample.timedOut) row.stopped = 'timeout';
      else if (sample.overRss) row.stopped = 'rss';
      else if (sample.ms > longMs) row.stopped = 'long';
      progress?.(row, sample);
    }
  }
  return rows;
}

export function median(values) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
