/** The text `compose-secrets fix` prints: a summary, or a diff for --dry-run. Never a secret value. */
import { escapeControl as e } from '../report/escape.js';
import type { FixResult } from './fix.js';

interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
}

const plain: Colors = { bold: (s) => s, dim: (s) => s, yellow: (s) => s, red: (s) => s };

/**
 * Exit codes: 2 when a project could not be loaded; 1 when fixable findings were left (unsafe
 * fixes skipped, entries that could not be rewritten) or, with --dry-run, when there is anything
 * to change; 0 otherwise.
 */
export function formatFixResult(r: FixResult, options: { color?: Colors } = {}): { stdout: string; stderr: string; exitCode: number } {
  const c = options.color ?? plain;
  const lines: string[] = [];
  const section = (title: string) => {
    if (lines.length && lines[lines.length - 1] !== '') lines.push('');
    lines.push(c.bold(title));
  };
  // every name below comes from the user's files: escaped (report/escape.ts) before it is laid out
  const at = (file: string, line: number) => e(line ? `${file}:${line}` : file);
  const pending = r.files.length > 0 || r.secretFiles.some((f) => !f.present);

  if (r.dryRun && r.diff) lines.push(...r.diff.replace(/\n$/, '').split('\n'));
  if (!r.dryRun && r.errors.length) {
    // one transaction: nothing of the run was written (runFix)
    return {
      stdout: `Nothing was written: ${count(r.errors.length, 'error')} (below). fix writes every project of a run or none; fix the errors, or name only the projects to fix.\n`,
      stderr: errorLines(r),
      exitCode: 2,
    };
  }

  if (!r.dryRun) {
    if (!r.rewrites.length && !pending) lines.push('Nothing to fix.');
    else
      lines.push(
        `Fixed ${count(r.rewrites.length, 'entry', 'entries')} with ${count(r.secrets.length, 'secret')} (target ${r.target}); ${count(r.files.length, 'file')} changed.`,
      );
  }

  if (r.secrets.length && !r.dryRun) {
    section('Secrets:');
    for (const s of r.secrets) {
      const where =
        s.kind === 'external'
          ? `external ${e(s.externalName ?? '')}`
          : s.kind === 'file'
            ? `file ${e(s.file ?? '')}`
            : s.kind === 'environment'
              ? `environment ${e(s.variable ?? '')}`
              : 'existing';
      const value = s.kind === 'external' ? (s.file ? `, value in ${e(s.file)}` : s.variable ? `, value from $${e(s.variable)} when provisioning` : '') : '';
      lines.push(`  ${e(s.name)}: ${s.reused ? 'reused, ' : ''}${where}${value}`);
      // a line read by one service name in several projects (an env_file shared by variants of a project) is listed once
      const users = [...new Map(s.users.map((u) => [`${u.service}\u0000${u.key}\u0000${u.file}\u0000${u.line}\u0000${u.build}`, u])).values()];
      for (const u of users) lines.push(`    ${e(u.service)} ${e(u.key)}${u.build ? ' (build argument)' : ''}  ${at(u.file, u.line)}`);
      const distinct = new Set(s.users.map((u) => `${u.service}\u0000${u.key}`));
      if (distinct.size > 1) lines.push(`    one value shared by ${[...distinct].map((d) => e(d.replace('\u0000', ' '))).join(', ')}`);
    }
  }
  if (r.files.length && !r.dryRun) {
    section('Files changed:');
    for (const f of r.files) lines.push(`  ${e(f.file)}${f.created ? ' (new)' : ''}`);
  }
  const newSecretFiles = r.secretFiles.filter((f) => !f.present);
  if (r.secretFiles.length) {
    section(r.dryRun ? 'Secret files that would be written (mode 0600, directory 0700):' : 'Secret files written (mode 0600, directory 0700):');
    for (const f of r.secretFiles) lines.push(`  ${e(f.file)}${f.present ? ' (already holds this value)' : ''}`);
  }
  // an entry of a file several projects read (a shared env_file) is skipped by each of them: listed once
  const skippedOnce = new Map<string, (typeof r.skipped)[number]>();
  for (const s of r.skipped) {
    const k = `${s.file}\u0000${s.line}\u0000${s.key}\u0000${s.services.join(',')}\u0000${s.kind}\u0000${s.reason}`;
    if (!skippedOnce.has(k)) skippedOnce.set(k, s);
  }
  const skippedList = [...skippedOnce.values()];
  const unsafe = skippedList.filter((s) => s.kind === 'unsafe');
  if (unsafe.length) {
    section(`Unsafe fixes skipped (${unsafe.length}): rerun with --unsafe-fixes to apply them`);
    for (const s of unsafe) lines.push(`  ${at(s.file, s.line)}  ${e(s.services.join(', '))} ${e(s.key)}: ${e(s.reason)}`);
  }
  const other = skippedList.filter((s) => s.kind !== 'unsafe');
  if (other.length) {
    section(`Not rewritten (${other.length}):`);
    for (const s of other) lines.push(`  ${at(s.file, s.line)}  ${e(s.services.join(', '))} ${e(s.key)}: ${e(s.reason)}`);
  }
  if (r.dockerfile.length) {
    section('Dockerfile changes (build secrets; the Dockerfile is not edited):');
    for (const d of r.dockerfile) {
      lines.push(`  ${e(d.dockerfile)} (service ${e(d.service)}): remove \`ARG ${e(d.key)}\` and read the secret in the step that needs it:`);
      lines.push(`    RUN --mount=type=secret,id=${e(d.secret)},env=${e(d.key)} <command>        # Dockerfile syntax 1.10 or later`);
      lines.push(`    RUN --mount=type=secret,id=${e(d.secret)} ${e(d.key)}="$(cat /run/secrets/${e(d.secret)})" <command>`);
    }
  }
  if (r.followUps.length) {
    section(`Manual follow-ups (${r.followUps.length}):`);
    for (const f of r.followUps) lines.push(`  ${at(f.file, f.line)}  ${e(f.message)}`);
  }
  if (r.provision) {
    section('Swarm:');
    lines.push('  External secrets exist only in a Swarm: deploy with `docker stack deploy -c <compose file> <stack>`;');
    lines.push('  plain `docker compose up` cannot use them (fix --target compose writes `file:` sources instead).');
    if (!r.dryRun && r.provision.file) lines.push(`  Create the secrets once, before deploying: sh ${e(r.provision.file)}`);
    else if (!r.dryRun) {
      lines.push('  Create the secrets once, before deploying, with this script (or write it to a file with --provision-script):');
      lines.push('');
      lines.push(...r.provision.text.replace(/\n$/, '').split('\n'));
    }
  }
  if (r.patch) {
    if (lines.length && lines[lines.length - 1] !== '') lines.push('');
    lines.push(`Patch with the secret values unmasked written to ${e(r.patch)} (mode 0600): apply it with git apply, then delete it.`);
  }
  if (r.dryRun) {
    if (!pending && !r.skipped.length) lines.push('Nothing to fix.');
    if (lines.length && lines[lines.length - 1] !== '') lines.push('');
    lines.push(
      `Dry run: nothing was written${pending ? ` (${count(r.files.length, 'file')} and ${count(newSecretFiles.length, 'secret file')} would be).` : '.'}`,
    );
  }
  const stderr = errorLines(r);
  const exitCode = r.errors.length ? 2 : r.skipped.length || (r.dryRun && pending) ? 1 : 0;
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', stderr, exitCode };
}

function errorLines(r: FixResult): string {
  return (
    r.errors.map((x) => `compose-secrets fix: ${e(x.line ? `${x.file}:${x.line}:${x.column ?? 1}` : x.file)}: ${e(x.message)}\n`).join('') +
    (r.warnings ?? []).map((w) => `compose-secrets fix: warning: ${e(w.file)}: ${e(w.message)}\n`).join('')
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
