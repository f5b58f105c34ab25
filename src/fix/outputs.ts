/** The files fix writes besides the rewritten ones: their directories, the provisioning script's path, the --patch file. */
import { closeSync, existsSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FixError } from './errors.js';
import { isProvisionScript } from './provision.js';
import { SECRET_DIR_MODE } from './store.js';
import type { FileOps } from './transaction.js';

/** Directories to create: each secrets directory (0700) and its missing ancestors (0755) first, then the other new files' (0755). */
export function missingDirs(dirs: string[], ops: FileOps, others: string[] = []): { path: string; mode: number }[] {
  const out: { path: string; mode: number }[] = [];
  const secretDirs = new Set(dirs);
  for (const dir of [...dirs, ...others]) {
    const chain: string[] = [];
    for (let d = dir; ops.mode(d) === undefined && dirname(d) !== d; d = dirname(d)) chain.unshift(d);
    for (const d of chain) if (!out.some((o) => o.path === d)) out.push({ path: d, mode: secretDirs.has(d) ? SECRET_DIR_MODE : 0o755 });
  }
  return out;
}

/**
 * The --provision-script path: its directory must exist (fix creates no directory for it, but for the
 * secrets directory it creates anyway), and an
 * existing file is replaced only when fix wrote it (or with --force).
 */
export function checkScriptPath(abs: string, display: string, ops: FileOps, force: boolean, secretDirs: Set<string>): void {
  if (ops.mode(dirname(abs)) === undefined && !secretDirs.has(dirname(abs))) {
    throw new FixError(
      `--provision-script ${display}: the directory ${relativeDisplay(display)} does not exist (fix creates no directory for the script); nothing was written`,
    );
  }
  if (ops.mode(abs) === undefined || force) return;
  let text: string | undefined;
  try {
    text = ops.read(abs);
  } catch {
    text = undefined;
  }
  if (text === undefined || !isProvisionScript(text)) {
    throw new FixError(`--provision-script ${display} exists and was not written by fix; choose another path, or replace it with --force; nothing was written`);
  }
}

function relativeDisplay(display: string): string {
  return dirname(display) === '.' ? '.' : dirname(display);
}

/** The unmasked diff of --patch: a new file, 0600 (it holds secret values), replaced only with --force; no directory is created for it. */
export function writePatch(abs: string, display: string, text: string, force: boolean): void {
  if (!existsSync(dirname(abs))) throw new FixError(`--patch ${display}: the directory ${relativeDisplay(display)} does not exist; nothing was written`);
  if (existsSync(abs)) {
    if (!force) throw new FixError(`--patch ${display} exists; choose another path, or replace it with --force; nothing was written`);
    unlinkSync(abs);
  }
  try {
    const fd = openSync(abs, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new FixError(`--patch ${display} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}); nothing was written`);
  }
}
