/**
 * The decisions of a plan, before any edit: whether an entry fix met can be moved into a secret
 * (or is refused, and why), which secret holds its value (reused, or a new one and its name), and
 * the record of the rewrite the user reads. plan.ts carries them out as text edits.
 */
import { join } from 'node:path';
import type { Exposure } from '../detect/exposures.js';
import { literalValue, passthroughVariable, templateVariable } from '../detect/fixability.js';
import { serviceNamed, type KeyValueEntry, type ServiceModel } from '../model/model.js';
import { originKey } from '../model/origin.js';
import { composePlainValue } from '../load/plain-scalar.js';
import { isEnvironmentKey, isVariableName, secretName, uniqueName, versionedName } from './naming.js';
import type { PlanContext, Rewrite, RewriteSource, SecretDef, Skipped, VariableOverride } from './plan.js';

/** The entries of one text (a key, or a list item) and the exposures and services that read it. */
export interface Group {
  key: string;
  file: string;
  start: number;
  context: 'environment' | 'env-file' | 'build-args';
  entry: KeyValueEntry;
  exposures: Exposure[];
  services: string[];
}

export function skip(g: Group, kind: Skipped['kind'], reason: string): Skipped {
  return {
    file: g.file,
    line: g.entry.keyOrigin.line,
    key: g.entry.key,
    services: g.services,
    kind,
    reason,
    origins: g.exposures.map((e) => originKey(e.verdict.origin)),
  };
}

function service(ctx: PlanContext, name: string): ServiceModel | undefined {
  return serviceNamed(ctx.model, name);
}

/**
 * The variable a literal value came through, when it did: a bare `KEY` or `${VAR}` filled from .env
 * (`set`), a `${VAR:-default}` / `${VAR-default}` default (`nonEmpty` / `set`); 'mixed' when the
 * value depends on variables in any other way.
 */
function valueVariable(entry: KeyValueEntry): VariableOverride | 'mixed' | undefined {
  if (!entry.value) return entry.passthrough?.source === 'dotenv' ? { variable: entry.key, when: 'set' } : undefined;
  const interpolation = entry.value.interpolation;
  if (!interpolation?.vars.length) return undefined;
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)[^}]*\}$|^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(interpolation.template.trim());
  if (!m || interpolation.vars.length !== 1) return 'mixed';
  const use = interpolation.vars[0];
  if (m[3] !== undefined) return { variable: m[3], when: 'set' };
  // a default whose variable .env sets: the .env value, which the shell still overrides
  if (use.resolution === 'set') return { variable: m[1], when: m[2] === ':-' ? 'nonEmpty' : 'set' };
  // the template's own default (`${VAR-x}` as well as `${VAR:-x}`): no variable holds it
  return { variable: m[1], when: m[2] === ':-' ? 'nonEmpty' : 'set', fromDefault: true };
}

/** How an entry is moved: its value (or the variable it is passed through) and the key that replaces it. */
export interface Decision {
  build: boolean;
  /** The value the secret holds; undefined when the secret reads `variable` from the environment. */
  value?: string;
  variable?: string;
  /** The variable a literal value came through, which the secret must still follow. */
  override?: VariableOverride;
  safe: boolean;
  reason: string;
  /** `<KEY>_FILE` (not for a build argument). */
  newKey?: string;
}

function refuse(g: Group, kind: Skipped['kind'], reason: string): { refused: Skipped } {
  return { refused: skip(g, kind, reason) };
}

/** Whether and how the entry of a group is moved into a secret, or why it is refused. */
export function decide(ctx: PlanContext, g: Group): Decision | { refused: Skipped } {
  const { entry, context } = g;
  const build = context === 'build-args';
  // Compose refuses a mapping or a list as a variable's value: no container receives anything to keep
  if (entry.node && entry.node.kind !== 'scalar') {
    return refuse(
      g,
      'unsupported',
      `the value is a ${entry.node.kind === 'map' ? 'mapping' : 'list'}, which Compose refuses (a variable holds a string, number, boolean or null); fix leaves it alone`,
    );
  }
  const hardcoded = g.exposures.some((e) => e.verdict.class === 'hardcoded');
  let value = hardcoded ? literalValue(entry) : undefined;
  let variable = value === undefined ? passthroughVariable(entry) : undefined;
  if (value === undefined && variable === undefined) {
    return refuse(g, 'unsupported', 'the value mixes text and variables; no secret source can express it');
  }
  // `docker stack deploy` reads an env_file line as written (docker's --env-file rules: no quote
  // removal), `docker compose` unquotes it: where the two differ the container's value depends on
  // the tool, and no one secret keeps both
  if (value !== undefined && context === 'env-file' && ctx.target === 'swarm') {
    const asWritten = dockerEnvFileValue(ctx.text(ctx.abs(g.file)), entry.keyOrigin.range[0]);
    if (asWritten !== undefined && asWritten !== value) {
      return refuse(
        g,
        'unsupported',
        `docker stack deploy passes this env_file value as written (${asWritten.length} characters, its quotes included) where docker compose passes ${value.length}; write it without quotes, or fix with --target compose`,
      );
    }
  }
  // a value read through a variable (.env, a template default) must still follow the variable
  let override: VariableOverride | undefined;
  if (value !== undefined && !build) {
    const through = valueVariable(entry);
    if (through === 'mixed') {
      return refuse(g, 'unsupported', 'the value mixes text and variables; no secret source can express it');
    }
    if (through && through.when === 'set' && !through.fromDefault && ctx.target === 'compose') {
      // Compose reads an `environment:` secret from the shell and the .env file, as it read the value
      variable = through.variable;
      value = undefined;
    } else if (through && ctx.target === 'compose') {
      return refuse(
        g,
        'unsupported',
        `the value is the default of \${${through.variable}}, which an \`environment:\` secret source cannot keep; set ${through.variable} in .env and run fix again, or use --target swarm`,
      );
    } else override = through;
  } else if (value !== undefined && build && valueVariable(entry)) {
    return refuse(g, 'unsupported', 'the value is read through a variable, which a build secret file cannot follow; pass the variable instead');
  }
  // names fix writes into files and the provisioning script: a variable read at provisioning time
  // must be a plain variable name (`DB_PASSWORD:-$(touch x)}` as a bare list entry is refused, never
  // quoted into shell); a key becomes `<KEY>_FILE`, so it may hold dots (`canal.adminPasswd`) but no
  // quote, space, `$` or other character a shell or Compose gives meaning to
  if (variable !== undefined ? !isVariableName(variable) : !isEnvironmentKey(entry.key)) {
    return refuse(g, 'unsupported', 'the key is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*); fix leaves it alone');
  }
  // an unquoted number whose text is not what Compose passes on (2024_0101 → 20240101, 0777 → 511,
  // 1e6 → 1e+06): storing either form could be what the author did not mean; the author decides
  const written = entry.value;
  const text =
    written && !written.interpolation ? ctx.text(ctx.abs(written.origin.file))?.slice(written.origin.range[0], written.origin.range[1]).trim() : undefined;
  if (value !== undefined && text !== undefined && String(composePlainValue(text, text)) !== text) {
    return refuse(
      g,
      'unsupported',
      'the value is an unquoted number, which Compose passes on in its own form (underscores dropped; 0x, 0o, 0b and leading-zero octal converted; exponents rewritten), not as written; quote it as the service should receive it and run fix again',
    );
  }
  if (build && variable !== undefined && ctx.target === 'swarm') {
    return refuse(
      g,
      'unsupported',
      `a build secret read from the environment needs an \`environment:\` source, which \`docker stack deploy\` rejects; use --target compose, or build with \`docker build --secret id=${secretName(variable)},env=${variable}\``,
    );
  }

  // safe only where it is for every receiving service (detect/fixability.ts decides, per exposure)
  let safe = true;
  let reason = '';
  for (const name of g.services) {
    const fix = g.exposures.find((e) => e.service === name)?.fix ?? g.exposures[0].fix!;
    if (fix.applicability !== 'safe') {
      safe = false;
      reason = g.services.length > 1 && !build ? `service ${name}: ${fix.detail}` : fix.detail;
      break;
    }
    reason ||= fix.detail;
  }
  if (!safe && !ctx.unsafeFixes) {
    return refuse(g, 'unsafe', reason);
  }

  // `<VAR>_FILE` written beside `<VAR>` (the same mapping, list or env file) would clash
  const newKey = build ? undefined : `${entry.key}_FILE`;
  if (newKey) {
    const sameBlock = (e: KeyValueEntry) =>
      e.key === newKey &&
      e.keyOrigin.file === entry.keyOrigin.file &&
      (context === 'env-file' || e.path.slice(0, -1).join('\u0000') === entry.path.slice(0, -1).join('\u0000'));
    for (const name of g.services) {
      const s = service(ctx, name);
      if (s && [...s.environment, ...s.envFile].some(sameBlock)) {
        return refuse(g, 'conflict', `${entry.key} and ${newKey} are both set; remove one of them by hand`);
      }
    }
  }

  return { build, value, variable, override, safe, reason, newKey };
}

/** The secret that holds the group's value: an existing one that holds it, else a new one (named, registered, its file planned). */
export function decideSecret(ctx: PlanContext, g: Group, d: Decision): SecretDef {
  const { entry } = g;
  const { build, value, variable, override } = d;
  // one secret per source: one variable, or one key holding one value (a credential's name says
  // which credential it is); different credentials that merely hold equal values stay apart
  const identity = value !== undefined ? `v:${value}\u0000${override ? `${override.when}:${override.variable}` : `k:${entry.key}`}` : `e:${variable}`;
  const baseName = secretName(value !== undefined ? (templateVariable(entry) ?? entry.key) : variable!);
  // an existing top-level secret (the project's own, or an earlier run's) holding the value is reused
  let def = ctx.registry.find(identity, build) ?? (value !== undefined && !override ? ctx.registry.findExisting(`v:${value}`, build) : undefined);
  if (!def) {
    const kind: SecretDef['kind'] = !build && ctx.target === 'swarm' ? 'external' : value !== undefined ? 'file' : 'environment';
    const name = uniqueName(baseName, g.services.length === 1 ? g.services[0] : undefined, (n) => {
      if (ctx.registry.taken.has(n)) return true;
      return value !== undefined && ctx.store.check(join(ctx.secretsDir, n), value) === 'taken';
    });
    def = { name, kind, identity, source: value !== undefined ? { value } : { variable: variable! }, created: true, users: [] };
    if (kind === 'external') def.externalName = swarmName(ctx, name, identity);
    if (override) def.override = override;
    if (value !== undefined) {
      def.storePath = join(ctx.secretsDir, name);
      ctx.store.put(def.storePath, value);
    }
    ctx.registry.add(def);
  }
  for (const s of g.services) def.users.push({ service: s, key: entry.key, file: g.file, line: entry.keyOrigin.line, build });

  return def;
}

/**
 * The Swarm name of a new external secret: `<name>_v1`, unless another project of the run (or an
 * existing definition) gives that name another value — then the project's name goes in front, as
 * `docker stack deploy` prefixes a stack's other objects (`shop_postgres_password_v1`), then a number.
 */
function swarmName(ctx: PlanContext, name: string, identity: string): string {
  const candidates = [versionedName(name), versionedName(secretName(`${ctx.projectName}_${name}`))];
  for (let i = 2; ; i++) {
    const c = candidates.shift() ?? versionedName(`${secretName(`${ctx.projectName}_${name}`)}_${i}`);
    if (ctx.swarmNames.fits(c, identity)) {
      ctx.swarmNames.claim(c, identity);
      return c;
    }
  }
}

/** The record of the rewrite, as the user reads it. */
export function describeRewrite(g: Group, d: Decision, def: SecretDef): Rewrite {
  const { entry, context } = g;
  const { value, variable, safe, reason, newKey } = d;
  const first = g.exposures.find((e) => e.verdict.class === 'hardcoded');
  const source: RewriteSource =
    variable !== undefined
      ? 'passthrough'
      : context === 'env-file'
        ? 'env-file'
        : first?.verdict.class === 'hardcoded' && first.verdict.source === 'dotenv'
          ? 'dotenv'
          : first?.verdict.class === 'hardcoded' && first.verdict.source === 'default'
            ? 'default'
            : 'literal';
  const rewrite: Rewrite = { file: g.file, line: entry.keyOrigin.line, context, key: entry.key, services: g.services, secret: def.name, safe, reason, source };
  if (newKey) rewrite.newKey = newKey;
  // the variable named in messages: the one the template reads, else the one the .env value came through
  const tv = templateVariable(entry) ?? (first?.verdict.class === 'hardcoded' ? first.verdict.variable : undefined);
  if (tv && value !== undefined) rewrite.variable = tv;
  if (source === 'dotenv' && first?.verdict.class === 'hardcoded') {
    // the variable's own line, not the one of a variable its value expands (where the secret is reported)
    const use = entry.value?.interpolation?.vars.find((v) => v.name === tv) ?? entry.passthrough;
    const at = use?.written ?? first.verdict.origin;
    rewrite.dotenv = { file: at.file, line: at.line };
  }
  return rewrite;
}

/**
 * The value of an env_file line as the docker CLI reads it (`docker stack deploy`, `docker run
 * --env-file`): the text after the first `=`, leading blanks of the line dropped, nothing unquoted.
 * `keyStart` is the offset of the variable's name in `text`: only that line is read.
 */
export function dockerEnvFileValue(text: string | undefined, keyStart: number): string | undefined {
  if (text === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const lineEnd = text.indexOf('\n', keyStart);
  const raw = text
    .slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
    .replace(/\r$/, '')
    .trimStart();
  const eq = raw.indexOf('=');
  return eq > 0 ? raw.slice(eq + 1) : undefined;
}
