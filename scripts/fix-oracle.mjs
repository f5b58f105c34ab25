// Independent-oracle check of fix's guarantee over the corpus (fix-semantics issue): for every
// compose project fix changes, what each container receives is unchanged, or VAR is replaced by
// VAR_FILE=/run/secrets/<target> where the service mounts a secret whose content is exactly the old
// value. The effective configuration is loaded by tools that are NOT our loader:
//   --target compose: Debian's docker-compose v1 (`docker-compose config`), which inlines env_file
//     and .env into `environment`. It predates `environment:` secret sources: each one is loaded as
//     the value v1 itself interpolates for ${VAR} (a helper service), i.e. a file holding that value.
//   --target swarm: `docker stack config` (docker CLI, no engine), and the provisioning script run
//     with a fake `docker` on PATH that records what each `docker secret create NAME -|FILE` gets;
//     both with the project's .env exported, as a deploying shell does (docker stack reads no .env).
// Every project is fixed on a temporary copy (the corpus is read-only). Secret values are never
// printed: a broken case names the directory, service, variable and what differs.
//
// Usage: node scripts/fix-oracle.mjs [--limit N] [--skip K] [--seed S] [--target compose|swarm|both]
//          [--corpus DIR] [--dirs a,b,...] [--lint-json FILE] [--json FILE] [--verbose]
//          [--jsonl FILE [--resume]]
//   --dirs: corpus-relative directories to check instead of a sample (e.g. for the test)
//   a project that fix refuses alone because a sibling project shares the env file it would change
//   ("… was not named") is checked again with its whole directory fixed in one run (`fix DIR`), every project
//   of the directory compared (`dirMode` in the result); --no-dir-mode turns that off
//   --jsonl: each result appended to FILE as it comes (a long run can be stopped and resumed);
//   --resume: the (target, project) pairs already in FILE are not checked again, and the summary
//     counts every result in FILE
// FIX_ORACLE_TAMPER=1 appends a newline to each secret file fix writes: every such project must come out BROKEN.
// Exit code: 1 when a fixed project is BROKEN, else 0. Needs a build (dist/cli.js).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { seededRandom } from './lib/random.mjs';

const root = join(fileURLToPath(import.meta.url), '../..');
const cli = join(root, 'dist/cli.js');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const corpus = resolve(option('corpus', join(root, '../shared/corpus')));
const limit = Number(option('limit', 40));
const seed = Number(option('seed', 1));
const targetOpt = option('target', 'both');
const targets = targetOpt === 'both' ? ['compose', 'swarm'] : [targetOpt];
const verbose = flag('verbose');
const jsonOut = option('json');
const jsonlOut = option('jsonl');
const resume = flag('resume');
const dirsOpt = option('dirs');
const TIMEOUT = Number(option('timeout', 60_000));
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: TIMEOUT, env: baseEnv, maxBuffer: 64 << 20, ...opts });
  if (r.error?.code === 'ETIMEDOUT') return { status: 'timeout', stdout: r.stdout ?? '', stderr: `timed out after ${TIMEOUT} ms` };
  if (r.error) return { status: 'error', stdout: '', stderr: String(r.error.message) };
  return r;
}

function has(cmd, args) {
  return run(cmd, args, { timeout: 20_000 }).status === 0;
}

/** A short, value-free category for an error text: paths, quoted strings and numbers replaced. */
function category(text) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^WARNING|variable is not set/.test(l));
  const because = lines.findIndex((l) => /invalid because:$/.test(l));
  const errorLine = lines.find((l) => /^ERROR:/.test(l));
  const line =
    (because >= 0 && lines[because + 1] ? `invalid: ${lines[because + 1]}` : undefined) ??
    errorLine ??
    lines.find((l) => /error|refus|cannot|can't|could not|invalid|unsupported|not allowed|does not|unexpected/i.test(l)) ??
    lines[0] ??
    '';
  return line
    .replace(/\S+:\d+: service [^:]+: [A-Za-z_][A-Za-z0-9_]*/g, '<entry>')
    .replace(/(\/|\.\.?\/)[^\s:,'")]+/g, '<path>')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '<q>')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// candidates: corpus directories with fixable findings, as projects (one compose file, or a base
// file and its override)

function lintJson(paths) {
  const cached = option('lint-json');
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'));
  const r = run(process.execPath, [cli, 'lint', '--format', 'json', ...paths], { cwd: corpus, timeout: 600_000 });
  if (![0, 1, 2].includes(r.status)) throw new Error(`lint failed: ${r.status} ${category(r.stderr)}`);
  const j = JSON.parse(r.stdout);
  if (cached) writeFileSync(cached, r.stdout);
  return j;
}

function candidates() {
  const paths = dirsOpt ? dirsOpt.split(',').map((d) => d.trim()) : ['.'];
  const j = lintJson(paths);
  const abs = (f) => resolve(corpus, f);
  const composeFiles = new Set(j.files.map(abs));
  const fixable = j.findings.filter((f) => f.fix);
  const byDir = new Map();
  for (const f of fixable) {
    const file = abs(f.file);
    let dir = dirname(file);
    // a finding in an env file: the project is the compose file(s) in its directory or the nearest one above
    const hasCompose = (d) => [...composeFiles].some((c) => dirname(c) === d);
    while (!composeFiles.has(file) && !hasCompose(dir) && dir.startsWith(corpus) && dir !== corpus) dir = dirname(dir);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    if (composeFiles.has(file)) byDir.get(dir).add(file);
    else for (const c of composeFiles) if (dirname(c) === dir) byDir.get(dir).add(c); // a finding in an env file
  }
  const units = [];
  for (const [dir, files] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const file of [...files].sort()) {
      const m = /^((?:docker-)?compose)\.override\.(ya?ml)$/.exec(basename(file));
      let unit = [file];
      if (m) {
        const base = ['yaml', 'yml'].map((e) => join(dir, `${m[1]}.${e}`)).find((b) => existsSync(b));
        if (base) unit = [base, file];
      }
      units.push({ dir, files: unit, composeDirs: null });
    }
  }
  const dirsWithCompose = new Set([...composeFiles].map((f) => dirname(f)));
  for (const u of units) {
    u.composeDirs = dirsWithCompose;
    u.siblings = projectsIn(
      u.dir,
      [...composeFiles].filter((f) => dirname(f) === u.dir),
    );
  }
  if (dirsOpt) return units;
  const r = seededRandom(seed);
  const shuffled = units
    .map((u) => [r(), u])
    .sort((a, b) => a[0] - b[0])
    .map(([, u]) => u);
  const skip = Number(option('skip', 0));
  return shuffled.slice(skip, skip + limit);
}

/** The projects of a directory's compose files: each file alone, an override with its base. */
function projectsIn(dir, files) {
  const out = [];
  const overrides = new Set();
  for (const file of [...files].sort()) {
    const m = /^((?:docker-)?compose)\.override\.(ya?ml)$/.exec(basename(file));
    if (!m) continue;
    const base = ['yaml', 'yml'].map((e) => join(dir, `${m[1]}.${e}`)).find((b) => files.includes(b));
    if (base) overrides.add(file);
  }
  for (const file of [...files].sort()) {
    if (overrides.has(file)) continue;
    const m = /^((?:docker-)?compose)\.(ya?ml)$/.exec(basename(file));
    const override = m ? [...overrides].find((o) => basename(o).startsWith(`${m[1]}.override.`)) : undefined;
    out.push(override ? [file, override] : [file]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// copies

function copyUnit(unit, into) {
  const dest = join(into, 'p');
  cpSync(unit.dir, dest, {
    recursive: true,
    // nested directories holding other compose projects are left out (a repository root can hold them all)
    filter: (src) => {
      if (src === unit.dir) return true;
      try {
        if (statSync(src).isDirectory() && unit.composeDirs.has(src)) return false;
        if (statSync(src).isDirectory() && basename(src) === '.git') return false;
      } catch {
        return false;
      }
      return true;
    },
  });
  execFileSync('chmod', ['-R', 'u+w', dest]);
  return { dir: dest, files: unit.files.map((f) => join(dest, relative(unit.dir, f))) };
}

function snapshot(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
// oracles

const ENV_HELPER = 'zz-fix-oracle-env';

/** docker-compose v1: retries after creating a missing build context (v1 checks it; it does not matter here). */
function loadV1(copy, files, env) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const r = run('docker-compose', [...files.flatMap((f) => ['-f', f]), '--project-directory', copy.dir, 'config'], {
      cwd: copy.dir,
      env: { ...baseEnv, ...env },
    });
    if (r.status === 0) return { config: parse(r.stdout) };
    const missing = /build path (\S+) either does not exist/.exec(r.stderr);
    if (missing && isAbsolute(missing[1]) && missing[1].startsWith(copy.dir) && !existsSync(missing[1])) {
      mkdirSync(missing[1], { recursive: true });
      continue;
    }
    return { error: r.status === 'timeout' ? 'timeout' : category(r.stderr) };
  }
  return { error: 'build contexts keep missing' };
}

/** v1 escapes every $ of its output as $$. */
const unescapeV1 = (v) => (typeof v === 'string' ? v.replaceAll('$$', '$') : v);

/**
 * Loads the project with docker-compose v1. `environment:` secret sources (which v1 rejects) are
 * replaced by a file source and their value is what v1 interpolates for ${VAR} in a helper
 * service; the rewritten files are copies beside the originals (relative paths keep working).
 */
/**
 * Service keys that have nothing to do with what a container's environment or secrets are, left
 * out of the copies the oracles load: both loaders predate parts of the Compose Specification and
 * reject many real files for them (long depends_on, labels with booleans, string ports, volume
 * content, pull_policy, platform, ...). The oracle still reads environment, env_file and secrets itself.
 */
const IRRELEVANT = ['depends_on', 'labels', 'ports', 'volumes', 'pull_policy', 'platform', 'healthcheck', 'networks', 'develop', 'logging'];

/** Copies of the files beside them (relative paths keep working), made lenient; undefined: use the file as it is. */
function lenientCopy(f, tag, { stack = false, envSecrets } = {}) {
  try {
    const doc = parseDocument(readFileSync(f, 'utf8'), { merge: true });
    if (doc.errors.length) return f;
    const services = doc.get('services');
    for (const pair of services?.items ?? []) for (const k of IRRELEVANT) pair.value?.delete?.(k);
    doc.delete('name');
    if (stack) doc.delete('version');
    const secrets = doc.get('secrets');
    if (envSecrets && secrets?.items) {
      for (const pair of secrets.items) {
        const variable = pair.value?.get?.('environment');
        if (typeof variable !== 'string') continue;
        const name = String(pair.key.value ?? pair.key);
        envSecrets.set(name, variable);
        doc.setIn(['secrets', name], doc.createNode({ file: `./.fix-oracle-env-${name}` }));
      }
    }
    const out = join(dirname(f), `.fix-oracle-${tag}-${basename(f)}`);
    writeFileSync(out, doc.toString());
    return out;
  } catch {
    return f;
  }
}

/** Removes what the oracle wrote beside the project for one load (lenient copies, the helper file). */
function removeCopies(copy, files) {
  for (const f of files) if (!copy.files.includes(f)) rmSync(f, { force: true });
}

function oracleCompose(copy, env = {}) {
  const envSecrets = new Map(); // secret name -> variable
  const files = copy.files.map((f, i) => lenientCopy(f, `v1-${i}`, { envSecrets }));
  if (envSecrets.size) {
    const helper = join(copy.dir, '.fix-oracle-helper.yml');
    const environment = Object.fromEntries([...envSecrets.values()].map((v) => [v, `\${${v}}`]));
    writeFileSync(helper, JSON.stringify({ services: { [ENV_HELPER]: { image: 'busybox', environment } } }));
    files.push(helper);
  }
  const loaded = loadV1(copy, files, env);
  // the lenient copies are compose files beside the project's: fix would find them as sibling projects
  removeCopies(copy, files);
  if (loaded.error) return loaded;
  const cfg = loaded.config;
  const helperEnv = cfg.services?.[ENV_HELPER]?.environment ?? {};
  if (cfg.services) delete cfg.services[ENV_HELPER];
  const secretContent = (name) => {
    if (envSecrets.has(name)) {
      const v = helperEnv[envSecrets.get(name)];
      return v === undefined || v === null ? undefined : Buffer.from(unescapeV1(String(v)));
    }
    const def = cfg.secrets?.[name];
    if (def?.file) {
      try {
        return readFileSync(resolve(copy.dir, def.file));
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  return { services: normalise(cfg.services, unescapeV1), secrets: cfg.secrets ?? {}, secretContent };
}

/**
 * The project's .env as a deploying shell exports it (`set -a; . ./.env; set +a; docker stack
 * deploy …`): `docker stack deploy` does not read .env itself, and fix --target swarm follows
 * Compose's reading of it (README). A minimal reader of KEY=VALUE lines, independent of ours;
 * variables of the shell win, as in Compose.
 */
function deployEnv(copy) {
  const out = {};
  let text;
  try {
    text = readFileSync(join(copy.dir, '.env'), 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    const q = /^(['"])(.*)\1\s*(?:#.*)?$/.exec(v);
    v = q ? q[2] : v.replace(/\s+#.*$/, '').trim();
    out[m[1]] = v;
  }
  return out;
}

/** docker stack config (reads env_file itself; .env as the deploying shell exports it). External secrets: what the provisioning script created. */
function oracleSwarm(copy, recorded, env = {}) {
  const files = copy.files.map((f, i) => lenientCopy(f, `stack-${i}`, { stack: true }));
  const r = run('docker', ['stack', 'config', ...files.flatMap((f) => ['-c', f])], { cwd: copy.dir, env: { ...baseEnv, ...deployEnv(copy), ...env } });
  removeCopies(copy, files);
  if (r.status !== 0) return { error: r.status === 'timeout' ? 'timeout' : category(r.stderr) };
  const cfg = parse(r.stdout);
  const secretContent = (name) => {
    const def = cfg.secrets?.[name];
    if (!def) return undefined;
    if (def.external) return recorded?.get(def.name ?? name);
    if (def.file) {
      try {
        return readFileSync(resolve(copy.dir, def.file));
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  return { services: normalise(cfg.services, (v) => v), secrets: cfg.secrets ?? {}, secretContent };
}

function normalise(services, unescapeValue) {
  const out = {};
  for (const [name, svc] of Object.entries(services ?? {})) {
    let env = svc?.environment ?? {};
    if (Array.isArray(env)) {
      env = Object.fromEntries(
        env.map((e) => {
          const i = String(e).indexOf('=');
          return i < 0 ? [String(e), null] : [String(e).slice(0, i), String(e).slice(i + 1)];
        }),
      );
    }
    const mounts = new Map(); // mount path -> secret name
    for (const s of svc?.secrets ?? []) {
      const source = typeof s === 'string' ? s : s.source;
      const target = typeof s === 'string' ? s : (s.target ?? s.source);
      mounts.set(target.startsWith('/') ? target : `/run/secrets/${target}`, source);
    }
    const { environment: _e, secrets: _s, env_file: _f, ...rest } = svc ?? {};
    out[name] = {
      rest,
      env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? null : unescapeValue(String(v))])),
      mounts,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the fake docker for the provisioning script

function fakeDocker(into) {
  const bin = join(into, 'fakebin');
  mkdirSync(bin, { recursive: true });
  const rec = join(into, 'recorded');
  mkdirSync(rec, { recursive: true });
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh
# records docker secret create NAME -|FILE into $FIX_ORACLE_REC/NAME; anything else: no such object
if [ "$1" = secret ] && [ "$2" = create ]; then
  shift 2
  while [ $# -gt 2 ]; do shift; done
  [ -e "$FIX_ORACLE_REC/$1" ] && { echo "duplicate secret $1" >&2; exit 1; }
  if [ "$2" = - ]; then cat > "$FIX_ORACLE_REC/$1"; else cat -- "$2" > "$FIX_ORACLE_REC/$1"; fi
  echo fake-id
  exit 0
fi
echo "fake docker: $*" >&2
exit 1
`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  return { bin, rec };
}

function readRecorded(rec) {
  const m = new Map();
  for (const n of readdirSync(rec)) m.set(n, readFileSync(join(rec, n)));
  return m;
}

// ---------------------------------------------------------------------------------------------
// the comparison

function compare(before, after) {
  const broken = [];
  for (const [name, b] of Object.entries(before.services)) {
    const a = after.services[name];
    if (!a) {
      broken.push({ service: name, variable: '', what: 'service missing after fix' });
      continue;
    }
    const explained = new Set();
    for (const [k, old] of Object.entries(b.env)) {
      if (Object.hasOwn(a.env, k)) {
        if (a.env[k] !== old) broken.push({ service: name, variable: k, what: 'value changed' });
        continue;
      }
      const fileVar = `${k}_FILE`;
      const path = a.env[fileVar];
      if (path === undefined) {
        broken.push({ service: name, variable: k, what: 'removed, no _FILE variable' });
        continue;
      }
      explained.add(fileVar);
      if (Object.hasOwn(b.env, fileVar)) {
        broken.push({ service: name, variable: k, what: `${fileVar} existed before` });
        continue;
      }
      const secret = a.mounts.get(path);
      if (!secret) {
        broken.push({ service: name, variable: k, what: `${fileVar} names no mounted secret` });
        continue;
      }
      const content = after.secretContent(secret);
      if (content === undefined) {
        broken.push({ service: name, variable: k, what: `content of secret ${secret} unavailable` });
        continue;
      }
      if (old === null) {
        broken.push({ service: name, variable: k, what: 'was passed through from the shell (no value), now a secret' });
        continue;
      }
      if (!content.equals(Buffer.from(old))) {
        const len = Buffer.byteLength(old);
        const hint =
          content.length === len + 1 && content.subarray(0, len).equals(Buffer.from(old))
            ? 'secret has one extra trailing byte'
            : `secret content differs (${content.length} bytes vs ${len})`;
        broken.push({ service: name, variable: k, what: hint });
      }
    }
    for (const k of Object.keys(a.env)) {
      if (!Object.hasOwn(b.env, k) && !explained.has(k)) broken.push({ service: name, variable: k, what: 'added by fix' });
    }
  }
  for (const name of Object.keys(after.services)) {
    if (!before.services[name]) broken.push({ service: name, variable: '', what: 'service added by fix' });
  }
  // anything else of a service that fix changed (keys only, never values): reported, not judged
  // v1 writes some numbers as strings when it merges several files (the helper of environment sources)
  const same = (v) => JSON.stringify(v, (_k, x) => (typeof x === 'number' ? String(x) : x));
  const other = [];
  for (const [name, b] of Object.entries(before.services)) {
    const a = after.services[name];
    if (!a) continue;
    for (const k of new Set([...Object.keys(b.rest), ...Object.keys(a.rest)])) {
      if (same(b.rest[k]) !== same(a.rest[k])) other.push(`${name}.${k}`);
    }
  }
  broken.other = other;
  return broken;
}

// ---------------------------------------------------------------------------------------------

/**
 * dirMode: the whole directory is fixed in one run (`fix DIR`, as a user fixes a directory whose
 * projects share an env file), and every project of it is compared before and after.
 */
function checkUnit(unit, target, dirMode = false) {
  const tmp = mkdtempSync(join(tmpdir(), 'fix-oracle-'));
  try {
    const copy = copyUnit(unit, tmp);
    const projects = dirMode ? unit.siblings.map((files) => ({ dir: copy.dir, files: files.map((f) => join(copy.dir, relative(unit.dir, f))) })) : [copy];
    const loadOne = (p, env, recorded) => (target === 'compose' ? oracleCompose(p, env) : oracleSwarm(p, recorded, env));
    const load = (env, recorded) => {
      const all = projects.map((p) => loadOne(p, env, recorded));
      const failed = all.findIndex((r) => r.error);
      return failed < 0 ? { all } : { error: dirMode ? `${relative(copy.dir, projects[failed].files[0])}: ${all[failed].error}` : all[failed].error };
    };
    // in a directory, a sibling the oracle cannot load is left out of the comparison (fix still
    // changes it; it is named in the result as unverified); the project under test must load
    const unverified = [];
    if (dirMode) {
      const own = unit.files.map((f) => join(copy.dir, relative(unit.dir, f))).join('\0');
      for (let i = projects.length - 1; i >= 0; i--) {
        if (projects[i].files.join('\0') === own) continue;
        const r = loadOne(projects[i], {}, new Map());
        if (r.error) {
          unverified.push(relative(copy.dir, projects[i].files[0]));
          projects.splice(i, 1);
        }
      }
    }
    let before = load({}, new Map());
    if (before.error) return { outcome: 'skipped', reason: `oracle: ${before.error}` };
    // variables passed through from the shell (no value): loaded again with each one set to a
    // known value, before and after, so that what moves into a secret is compared too
    const shellEnv = {};
    for (const b of before.all) {
      for (const svc of Object.values(b.services)) {
        for (const [k, v] of Object.entries(svc.env)) if (v === null) shellEnv[k] = `fix-oracle-${k.toLowerCase()}-value`;
      }
    }
    if (Object.keys(shellEnv).length) {
      before = load(shellEnv, new Map());
      if (before.error) return { outcome: 'skipped', reason: `oracle with the shell variables set: ${before.error}` };
    }
    const snap = snapshot(copy.dir);
    const script = join(tmp, 'provision.sh');
    const args = [cli, 'fix', '--unsafe-fixes', '--no-color', '--target', target];
    if (dirMode) args.push(copy.dir);
    else args.push(...copy.files.flatMap((f) => ['-f', f]), '--project-directory', copy.dir);
    if (target === 'swarm') args.push('--provision-script', script);
    const fixed = run(process.execPath, args, { cwd: copy.dir });
    if (fixed.status === 2) return { outcome: 'refused', reason: category(fixed.stderr || fixed.stdout) };
    if (fixed.status !== 0 && fixed.status !== 1) return { outcome: 'fix-failed', reason: `exit ${fixed.status}: ${category(fixed.stderr)}` };
    const after0 = snapshot(copy.dir);
    const changed = [...after0].some(([k, h]) => snap.get(k) !== h) || after0.size !== snap.size;
    if (!changed) return { outcome: 'unchanged', reason: `exit ${fixed.status}: ${category(fixed.stdout.replace(/^[^\n]*:\d+\s+/gm, ''))}` };
    // self-check of the oracle (FIX_ORACLE_TAMPER=1): a newline appended to every secret file fix wrote must be caught
    if (process.env.FIX_ORACLE_TAMPER) {
      for (const k of after0.keys()) if (!snap.has(k) && /(^|\/)secrets\//.test(k)) appendFileSync(join(copy.dir, k), '\n');
    }
    let recorded = new Map();
    const asked = [];
    if (target === 'swarm') {
      if (!existsSync(script)) return { outcome: 'fix-failed', reason: 'no provisioning script written' };
      // the script takes a value written as ${VAR} from the deploying shell (as `docker stack deploy`
      // interpolates it): each variable it asks for is set to a known value, and the project is
      // loaded again before the fix with the same environment
      for (let attempt = 0; ; attempt++) {
        const fake = fakeDocker(join(tmp, `fake-${attempt}`));
        const p = run('bash', [script], {
          cwd: tmp,
          env: { ...baseEnv, ...deployEnv(copy), ...shellEnv, PATH: `${fake.bin}:${baseEnv.PATH}`, FIX_ORACLE_REC: fake.rec },
        });
        const ask = /([A-Za-z_][A-Za-z0-9_]*): set \1 to the secret value/.exec(p.stderr);
        if (p.status !== 0 && ask && !(ask[1] in shellEnv) && attempt < 30) {
          shellEnv[ask[1]] = `fix-oracle-${ask[1].toLowerCase()}-value`;
          asked.push(ask[1]);
          continue;
        }
        if (p.status !== 0) return { outcome: 'broken', broken: [{ service: '', variable: '', what: `provisioning script failed: ${category(p.stderr)}` }] };
        recorded = readRecorded(fake.rec);
        break;
      }
      if (asked.length) {
        // the fix ran on the copy already: the "before" is loaded from the corpus files again
        // (at the same path, so that resolved paths compare equal)
        renameSync(copy.dir, `${copy.dir}-fixed`);
        copyUnit(unit, tmp);
        before = load(shellEnv, new Map());
        rmSync(copy.dir, { recursive: true, force: true });
        renameSync(`${copy.dir}-fixed`, copy.dir);
        if (before.error) return { outcome: 'skipped', reason: `oracle with the script's variables set: ${before.error}` };
      }
    }
    const after = load(shellEnv, recorded);
    if (after.error) return { outcome: 'broken', broken: [{ service: '', variable: '', what: `oracle cannot load the fixed project: ${after.error}` }] };
    const broken = [];
    const otherKeys = [];
    projects.forEach((p, i) => {
      const found = compare(before.all[i], after.all[i]);
      const prefix = dirMode ? `${relative(copy.dir, p.files[0])}: ` : '';
      broken.push(...found.map((b) => ({ ...b, service: prefix + b.service })));
      otherKeys.push(...found.other.map((o) => prefix + o));
    });
    const other = otherKeys.length ? { otherChanged: otherKeys } : {};
    if (dirMode) other.projectsInDirectory = projects.length;
    if (unverified.length) other.unverifiedSiblings = unverified;
    if (asked.length) other.scriptAsked = asked;
    return broken.length ? { outcome: 'broken', broken, ...other } : { outcome: 'equivalent', ...other };
  } catch (e) {
    return { outcome: 'error', reason: category(String(e?.message ?? e)) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function main() {
  const tools = { compose: has('docker-compose', ['version']), swarm: has('docker', ['--version']) };
  const units = candidates();
  const results = [];
  const done = new Set();
  if (resume && jsonlOut && existsSync(jsonlOut)) {
    for (const line of readFileSync(jsonlOut, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      results.push(r);
      done.add(`${r.target}\0${r.project}`);
    }
    console.log(`resumed: ${results.length} results already in ${jsonlOut}`);
  } else if (jsonlOut) writeFileSync(jsonlOut, '');
  for (const target of targets) {
    if (!tools[target]) {
      console.log(`target ${target}: oracle not installed (${target === 'compose' ? 'docker-compose' : 'docker'}), skipped`);
      continue;
    }
    for (const unit of units) {
      const name = unit.files.map((f) => relative(corpus, f)).join(' + ');
      if (done.has(`${target}\0${name}`)) continue;
      const t0 = Date.now();
      let r = checkUnit(unit, target);
      // refused with -f (a sibling project shares what would change): the directory fixed as a whole
      if (r.outcome === 'refused' && /names no secret the service mounts|was not named/.test(r.reason) && !flag('no-dir-mode') && unit.siblings.length > 1)
        r = { ...checkUnit(unit, target, true), dirMode: true, refusedAlone: r.reason };
      results.push({ target, project: name, ...r });
      if (jsonlOut) appendFileSync(jsonlOut, `${JSON.stringify({ target, project: name, ...r })}\n`);
      if (verbose || r.outcome === 'broken') {
        console.log(`${target} ${r.outcome.padEnd(10)} ${name}${r.reason ? `  (${r.reason})` : ''}  ${Date.now() - t0} ms`);
        if (r.otherChanged) console.log(`    other keys changed (not judged): ${r.otherChanged.join(', ')}`);
        for (const b of r.broken ?? []) console.log(`    BROKEN service=${b.service} variable=${b.variable}: ${b.what}`);
      }
    }
  }
  // summary
  const outcomes = ['skipped', 'refused', 'unchanged', 'fix-failed', 'error', 'equivalent', 'broken'];
  console.log(`\nfix-oracle: corpus ${relative(root, corpus) || corpus}, ${units.length} projects, seed ${seed}${dirsOpt ? `, dirs ${dirsOpt}` : ''}`);
  console.log(`| target | tried | ${outcomes.join(' | ')} |`);
  console.log(`|---|---:|${outcomes.map(() => '---:').join('|')}|`);
  for (const target of targets) {
    const rs = results.filter((r) => r.target === target);
    if (!rs.length) continue;
    console.log(`| ${target} | ${rs.length} | ${outcomes.map((o) => rs.filter((r) => r.outcome === o).length).join(' | ')} |`);
  }
  for (const o of ['skipped', 'refused', 'unchanged', 'fix-failed', 'error']) {
    const rs = results.filter((r) => r.outcome === o);
    if (!rs.length) continue;
    const byReason = new Map();
    for (const r of rs) byReason.set(`${r.target}: ${r.reason}`, (byReason.get(`${r.target}: ${r.reason}`) ?? 0) + 1);
    console.log(`\n${o}, by reason:`);
    for (const [k, n] of [...byReason].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${k}`);
  }
  const other = results.filter((r) => r.otherChanged);
  if (other.length) {
    console.log('\nother service keys fix changed (not judged: build args, command, ...):');
    for (const r of other) console.log(`  ${r.target}  ${r.project}  ${r.otherChanged.join(', ')}`);
  }
  const broken = results.filter((r) => r.outcome === 'broken');
  if (broken.length) {
    console.log('\nBROKEN:');
    for (const r of broken) for (const b of r.broken) console.log(`  ${r.target}  ${r.project}  service=${b.service} variable=${b.variable}: ${b.what}`);
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ seed, limit, targets, results }, null, 2));
  process.exitCode = broken.length ? 1 : 0;
}

main();
