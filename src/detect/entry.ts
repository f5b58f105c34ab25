import type { KeyValueEntry } from '../model/model.js';
import { subOrigin, type Origin } from '../model/origin.js';
import type { TScalar } from '../model/tree.js';
import { findEmbeddedAssignments } from './embedded.js';
import { classifyKey, describeKind } from './keys.js';
import { isPlaceholder } from './placeholder.js';
import { findUrlCredentials, isVariableOnly, judgeSecretValue, scanValue } from './scan.js';

/** A secret written in a file (the compose file, or a .env file that interpolation read). */
export interface HardcodedVerdict {
  class: 'hardcoded';
  origin: Origin;
  /** What it is, for messages: 'password', 'GitHub personal access token', … */
  kind: string;
  placeholder: boolean;
  /** Where the literal comes from: written as the value, a template's default, or a .env file. */
  source: 'literal' | 'default' | 'dotenv';
  /** The variable whose value it is, for 'dotenv' and 'default'. */
  variable?: string;
  /** The value itself, only for redaction; never put in a message. */
  value: string;
}

/** A secret fed from the environment at run time (host passthrough or interpolation). */
export interface ViaEnvVerdict {
  class: 'via-env';
  origin: Origin;
  kind: string;
  variables: string[];
}

export type EntryVerdict = HardcodedVerdict | ViaEnvVerdict;

/** Judge one KEY=VALUE entry (environment, build arg, label): which secrets it holds and how they get there. */
export function judgeEntry(entry: KeyValueEntry): EntryVerdict[] {
  const verdict = classifyKey(entry.key);
  const value = entry.value;
  if (!value) {
    return verdict.sensitive ? [{ class: 'via-env', origin: entry.keyOrigin, kind: describeKind(verdict.kind), variables: [entry.key] }] : [];
  }
  const text = String(value.value);
  const vars = value.interpolation?.vars ?? [];
  if (vars.length) return judgeInterpolated(entry, value, text, verdict.sensitive ? describeKind(verdict.kind) : undefined);
  if (verdict.sensitive) {
    // `$$VAR` written in the file reaches the container as `$VAR`: a reference its program expands
    if (judgeSecretValue(text) !== 'literal' || isVariableOnly(text)) return [];
    return [hardcoded(value.origin, describeKind(verdict.kind), text, 'literal')];
  }
  return judgeFreeText(value, text);
}

/** Credentials recognised by their format, anywhere in a free text value. */
export function judgeFreeText(value: TScalar, text: string): HardcodedVerdict[] {
  const matches = scanValue(text);
  const out = matches.map((m) =>
    hardcoded(subOrigin(value.origin, m.start, m.end, value.sourceOffset), m.description, text.slice(m.start, m.end), 'literal'),
  );
  // settings written inside a blob, e.g. GITLAB_OMNIBUS_CONFIG's gitlab_rails['initial_root_password'] = '…'
  for (const a of findEmbeddedAssignments(text)) {
    if (a.viaVariable || matches.some((m) => m.start < a.end && a.start < m.end)) continue;
    out.push(hardcoded(subOrigin(value.origin, a.start, a.end, value.sourceOffset), a.kind, text.slice(a.start, a.end), 'literal'));
  }
  return out;
}

function judgeInterpolated(entry: KeyValueEntry, value: TScalar, resolved: string, sensitiveKind: string | undefined): EntryVerdict[] {
  const interp = value.interpolation!;
  const out: EntryVerdict[] = [];
  // fed at run time: unset here, from the shell, or with an empty (non-literal) default like ${API_KEY:-}
  const unset = interp.vars
    .filter((v) => v.resolution === 'unset' || v.source === 'process' || (v.resolution === 'default' && judgeSecretValue(v.value ?? '') !== 'literal'))
    .map((v) => v.name);
  if (sensitiveKind) {
    const literalVars = interp.vars.filter((v) => v.resolution !== 'unset' && v.source !== 'process' && v.value);
    // A literal that reached the secret: a template default, or a value from a .env file.
    for (const v of literalVars) {
      if (judgeSecretValue(v.value!) !== 'literal') continue;
      if (v.resolution === 'set' && v.origin) {
        out.push({ ...hardcoded(v.origin, sensitiveKind, v.value!, 'dotenv'), variable: v.name });
      } else if (v.resolution === 'default') {
        out.push({ ...hardcoded(value.origin, sensitiveKind, v.value!, 'default'), variable: v.name });
      }
    }
    if (!out.length && unset.length) {
      out.push({ class: 'via-env', origin: entry.keyOrigin, kind: sensitiveKind, variables: unset });
    }
    if (!out.length && !unset.length && judgeSecretValue(resolved) === 'literal' && literalText(interp.template) !== '') {
      // the template mixes literal text with variables: the literal part is written in the file
      out.push(hardcoded(value.origin, sensitiveKind, resolved, 'literal'));
    }
    return out;
  }
  // Not a secret-named key: look for credentials inside the value, e.g. a URL's password.
  const inTemplate = findUrlCredentials(interp.template);
  if (inTemplate.some((m) => m.viaVariable)) {
    out.push({ class: 'via-env', origin: value.origin, kind: 'URL password', variables: unset.length ? unset : interp.vars.map((v) => v.name) });
  }
  for (const m of scanValue(resolved)) {
    const fromDotenv = interp.vars.find((v) => v.origin && v.value && v.value.includes(resolved.slice(m.start, m.end)));
    if (fromDotenv?.origin) {
      out.push({ ...hardcoded(fromDotenv.origin, m.description, resolved.slice(m.start, m.end), 'dotenv'), variable: fromDotenv.name });
    } else if (!inTemplate.some((t) => t.viaVariable)) {
      out.push(hardcoded(value.origin, m.description, resolved.slice(m.start, m.end), 'literal'));
    }
  }
  return out;
}

/** The template with every reference removed: what is literally written around the variables. */
function literalText(template: string): string {
  return template.replace(/\$\$|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, (m) => (m === '$$' ? '$' : '')).trim();
}

function hardcoded(origin: Origin, kind: string, value: string, source: HardcodedVerdict['source']): HardcodedVerdict {
  return { class: 'hardcoded', origin, kind, placeholder: isPlaceholder(value), source, value };
}
