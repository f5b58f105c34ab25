/**
 * Whether `compose-secrets fix` can rewrite an exposure, and whether that is safe (as ruff calls
 * fixes safe or unsafe): a fact about the exposure, decided here at detection time and carried on
 * every finding, which fix then reads — so lint and fix cannot disagree. A rewrite to
 * `<VAR>_FILE` is safe only where the service's image is known to read that variable from a file.
 */
import type { KeyValueEntry, ServiceModel } from '../model/model.js';
import { get } from '../model/tree.js';
import type { Exposure } from './exposures.js';
import { judgeImage, type FileSuffixTable } from './file-suffix-images.js';

/** How fix can rewrite an exposure: safe (applied by default) or unsafe (only with --unsafe-fixes), and why. Never holds a value. */
export interface Fixability {
  applicability: 'safe' | 'unsafe';
  /** Why, in words that name no value and no image (lint prints it). */
  reason: string;
  /** The same, naming the image where there is one (fix's report). */
  detail: string;
}

/** Contexts fix rewrites: a variable (compose environment or env_file) or a build argument. */
const FIXABLE_CONTEXTS = new Set(['environment', 'env-file', 'build-args']);

/** A value that is one reference and nothing else, `$VAR` or `${VAR}`, with a modifier of the given kind: `${VAR?message}`, `${VAR:-default}`. */
const oneReference = (modifier: string) => new RegExp(`^\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:${modifier}[^}]*)?\\}|([A-Za-z_][A-Za-z0-9_]*))$`);
/** `?` and `:?` (an error when unset): the value is still the variable's. */
const REQUIRED = oneReference(':?\\?');
/** Any of `-`, `:-`, `+`, `:+`, `?`, `:?`. */
const ANY_MODIFIER = oneReference('[:?+-]');

/** How fix can rewrite an exposure received by `service`; undefined when it cannot. */
export function decideFix(e: Omit<Exposure, 'id' | 'fix'>, service: ServiceModel | undefined, table: FileSuffixTable): Fixability | undefined {
  if (!isFixableExposure(e)) return undefined;
  if (e.context === 'build-args') {
    const reason = 'the Dockerfile must read the build secret (RUN --mount=type=secret)';
    return { applicability: 'unsafe', reason, detail: reason };
  }
  const verdict = judgeImage(table, service?.image, e.entry!.key, Boolean(service && get(service.node, 'build')));
  return { applicability: verdict.safe ? 'safe' : 'unsafe', reason: verdict.reason, detail: verdict.detail };
}

/** The less safe of two (a value shared by several services is as safe as its least safe use). */
export function worseFix(a: Fixability | undefined, b: Fixability | undefined): Fixability | undefined {
  if (!a || !b) return a ?? b;
  return a.applicability === 'safe' && b.applicability === 'unsafe' ? b : a;
}

/** Whether fix can rewrite an exposure at all: a variable or build argument whose value or variable it can name. */
function isFixableExposure(e: Omit<Exposure, 'id' | 'fix'>): boolean {
  if (!e.entry || !FIXABLE_CONTEXTS.has(e.context)) return false;
  if (e.verdict.class === 'hardcoded') return literalValue(e.entry) !== undefined;
  return passthroughVariable(e.entry) !== undefined;
}

/**
 * The variable a value is passed through when the entry is nothing but one reference to it:
 * bare `- KEY` / `KEY:` (the key itself), `${VAR}`, `$VAR`, `${VAR:?message}`, `${VAR?message}`.
 * Undefined when the value mixes text and variables (a URL around `${DB_PASSWORD}`), which no
 * secret source can express.
 */
export function passthroughVariable(entry: KeyValueEntry): string | undefined {
  if (!entry.value) return entry.key;
  const name = soleVariable(entry, REQUIRED);
  if (name === undefined) return undefined;
  const use = entry.value.interpolation!.vars.find((v) => v.name === name);
  // a value fix can see (a .env file, a default) is a literal, not a passthrough; an empty one is
  // only a slot the deploy environment fills
  return use && (use.resolution === 'unset' || use.source === 'process' || !use.value) ? name : undefined;
}

/**
 * The value a literal entry hands the container, when fix can know it: written in the file, or
 * resolved from a .env file or a template's default. Undefined when any variable of it is unset
 * (the run-time value would differ).
 */
export function literalValue(entry: KeyValueEntry): string | undefined {
  const v = entry.value;
  // a bare `- KEY` that the project's .env fills: that value is what the container gets
  if (!v && entry.passthrough?.source === 'dotenv') return entry.passthrough.value;
  if (!v || v.value === null) return undefined;
  if (v.interpolation?.vars.some((u) => u.resolution === 'unset' || u.source === 'process' || (u.resolution === 'set' && !u.value))) return undefined;
  return String(v.value);
}

/** The single variable a literal was resolved through (`${DB_PASSWORD}` from .env, `${X:-default}`), for naming. */
export function templateVariable(entry: KeyValueEntry): string | undefined {
  if (!entry.value && entry.passthrough) return entry.key;
  return soleVariable(entry, ANY_MODIFIER);
}

/** The variable of an entry whose template is nothing but one reference matching `pattern`. */
function soleVariable(entry: KeyValueEntry, pattern: RegExp): string | undefined {
  const template = entry.value?.interpolation?.template;
  const m = template ? pattern.exec(template.trim()) : null;
  return m ? (m[1] ?? m[2]) : undefined;
}
