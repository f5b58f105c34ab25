// What pre-commit passes to the hook of the README (entry `npx compose-secrets lint`,
// `files: (^|/)(docker-)?compose.*\.ya?ml$|\.compose\.ya?ml$`), and how it splits the file list:
// pre-commit's xargs partitions it by command-line length (at most 2^17 bytes on POSIX, less
// ARG_MAX headroom and the environment) and into at least as many partitions as it runs at once
// (one a CPU unless require_serial), and runs those partitions in parallel.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export const HOOK_FILES = /(^|\/)(docker-)?compose.*\.ya?ml$|\.compose\.ya?ml$/;

export const hookJobs = () => availableParallelism();

function argMax() {
  try {
    return Number(execFileSync('getconf', ['ARG_MAX'], { encoding: 'utf8' }).trim()) || 131072;
  } catch {
    return 131072;
  }
}

function environSize() {
  let size = 0;
  for (const [k, v] of Object.entries(process.env)) size += 8 + Buffer.byteLength(k) + Buffer.byteLength(v ?? '') + 2;
  return size;
}

const commandLength = (args) => Buffer.byteLength(args.join(' ')) + 1;

/** Splits args after cmd into command lines no longer than maxLength, at most maxArgs each. */
function partition(cmd, args, maxLength, maxArgs) {
  const out = [];
  let current = [];
  let length = commandLength(cmd);
  for (const arg of args) {
    const argLength = commandLength([arg]);
    if (current.length && (length + argLength > maxLength || current.length >= maxArgs)) {
      out.push([...cmd, ...current]);
      current = [];
      length = commandLength(cmd);
    }
    current.push(arg);
    length += argLength;
  }
  out.push([...cmd, ...current]);
  return out;
}

/** The command lines pre-commit would run for these files (pre-commit's xargs.partition). */
export function precommitPartitions(cmd, files, jobs = hookJobs()) {
  const maxLength = Math.max(Math.min(argMax() - 2048 - environSize(), 2 ** 17), 2 ** 12);
  return partition(cmd, files, maxLength, Math.max(4, Math.ceil(files.length / jobs)));
}

/** As few command lines as the system accepts: one when the whole list fits ARG_MAX. */
export function fewestInvocations(cmd, files) {
  return partition(cmd, files, argMax() - 2048 - environSize(), Number.POSITIVE_INFINITY);
}
