// What a reader of the numbers needs to know about the run: machine, Node.js, commit, load.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

function git(root, args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

export function machineFacts(root) {
  const list = cpus();
  const commit = git(root, ['rev-parse', '--short', 'HEAD']);
  const dirty = git(root, ['status', '--porcelain', '--', 'src', 'rules', 'scripts', 'package.json']) ? ' (with uncommitted changes)' : '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: `${process.version} (${process.platform} ${process.arch})`,
    cpu: `${list[0]?.model?.trim() ?? 'unknown CPU'}, ${list.length} logical CPUs (${availableParallelism()} available)`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    commit: commit ? `${commit}${dirty}` : 'unknown',
    loadStart: loadAverage(),
  };
}
