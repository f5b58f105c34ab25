// Peer tools, installed from npm into a cache directory outside the repository (never into its
// node_modules): dclint, and secretlint with its recommended preset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PEERS_DIR = process.env.BENCH_PEERS_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'compose-secrets-bench');
const PACKAGES = ['dclint', 'secretlint', '@secretlint/secretlint-rule-preset-recommend'];
const SECRETLINT_RC = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });

const packageJson = (name) => join(PEERS_DIR, 'node_modules', name, 'package.json');
const manifest = (name) => JSON.parse(readFileSync(packageJson(name), 'utf8'));
const version = (name) => manifest(name).version;

/** The script a package's bin points at (its only bin, or the one named like the package). */
function bin(name) {
  const field = manifest(name).bin;
  const file = typeof field === 'string' ? field : (field[name] ?? Object.values(field)[0]);
  return join(PEERS_DIR, 'node_modules', name, file);
}

/**
 * The peers' command-line prefixes (files are appended), installing them first if the cache
 * lacks them. Returns { peers: [{ name, argv }], note } — peers is empty, with the reason in
 * note, when npm cannot install them (no registry, no network).
 */
export function preparePeers(log) {
  if (!PACKAGES.every((p) => existsSync(packageJson(p)))) {
    log(`installing peers into ${PEERS_DIR} (npm install --prefix)…`);
    mkdirSync(PEERS_DIR, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (r.status !== 0 || !PACKAGES.every((p) => existsSync(packageJson(p)))) {
      const reason = (r.error?.message ?? r.stderr ?? '').split('\n').find((l) => l.trim()) ?? `exit ${r.status}`;
      return { peers: [], note: `peers skipped: npm install failed (${reason.trim().slice(0, 120)})` };
    }
  }
  return {
    peers: [
      { name: `dclint ${version('dclint')}`, argv: [process.execPath, bin('dclint')] },
      {
        name: `secretlint ${version('secretlint')} + preset-recommend ${version('@secretlint/secretlint-rule-preset-recommend')}`,
        argv: [process.execPath, bin('secretlint'), '--no-glob', '--no-color', '--secretlintrcJSON', SECRETLINT_RC],
      },
    ],
    note: '',
  };
}
