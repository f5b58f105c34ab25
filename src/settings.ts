import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ALIAS_OPTIONS, RULE_ALIASES } from './engine/aliases.js';
import type { Severity } from './engine/types.js';
import { isFile, nodeHost, readHostText, type FileHost } from './load/host.js';
import { LoadError } from './load/parse.js';
import { LineIndex } from './model/origin.js';
import { policyFromText, type Policy } from './policy/policy.js';

/**
 * Project settings, from `.compose-secrets.json` in the working directory (or `--config FILE`):
 * {
 *   "rules": { "secret-via-environment": "off", "hardcoded-credential": "warning",
 *              "secret-misuse": ["warning", { "external": false }] },   // a level, or [level, options]
 *   "allow": ["^DEMO_", "^E2E_.*_PASSWORD$"],      // names (variables, keys) never reported
 *   "ignore": ["test/fixtures/**"]                  // files never linted (glob patterns)
 * }
 */
export interface Settings {
  rules: Record<string, Severity | 'off'>;
  allow: RegExp[];
  ignore: string[];
  /** Options of rules, by rule id, as written (checked against each rule's `meta.schema` before a run). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** The settings file, as named in errors. */
  source?: string;
  /** The access policy (`"policy"`, see src/policy/policy.ts), or `--policy FILE`'s. */
  policy?: Policy;
  /** The settings file's directory: `ignore` patterns are relative to it (default: the working directory). */
  baseDir?: string;
  /** Directory searches also take YAML files of other names with a top-level `services:` mapping (default: true). */
  findByContent?: boolean;
}

export const SETTINGS_FILE = '.compose-secrets.json';
/** The names a settings file may have, in the order they are looked for in each directory. */
export const SETTINGS_FILES = [SETTINGS_FILE, '.compose-secrets.yaml', '.compose-secrets.yml'];

/**
 * The settings file that applies to a directory: the nearest one in it or above it, up to the
 * repository's root (the directory holding .git), as ESLint and Prettier find theirs.
 */
export function findSettingsFile(dir: string, host: FileHost = nodeHost, memo?: Map<string, string | undefined>): string | undefined {
  // memo: each directory's answer, for a caller that asks for many directories (lint asks once per
  // directory of files: their parents are looked at once, not once per subdirectory)
  const visited: string[] = [];
  let found: string | undefined;
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (memo?.has(d)) {
      found = memo.get(d);
      break;
    }
    visited.push(d);
    const name = SETTINGS_FILES.find((n) => isFile(host, join(d, n)));
    if (name) {
      found = join(d, name);
      break;
    }
    if (host.stat(join(d, '.git')) || dirname(d) === d) break;
  }
  if (memo) for (const d of visited) memo.set(d, found);
  return found;
}
const LEVELS = new Set(['off', 'info', 'warning', 'error']);

export function emptySettings(): Settings {
  return { rules: {}, allow: [], ignore: [] };
}

/**
 * Reads the settings: `file` (`--config`), or the nearest settings file in `cwd` or above it. No
 * file is no settings; a bad one is a located error. JSON or YAML (by the file's extension).
 */
export function loadSettings(cwd: string, file?: string, knownRules: readonly string[] = [], host: FileHost = nodeHost): Settings {
  const path = file ? resolve(cwd, file) : findSettingsFile(cwd, host);
  if (!path) return emptySettings();
  const display = file ?? (relative(cwd, path) || basename(path));
  const text = readHostText(host, path, display);
  const raw = /\.ya?ml$/i.test(path) ? parseYamlSettings(text, display) : parseJsonSettings(text, display);
  return { ...validateSettings(raw, display, knownRules, text), baseDir: dirname(path) };
}

function parseJsonSettings(text: string, display: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // JSON.parse's message quotes the text around the error: only its position is kept
    const at = /at position (\d+)/.exec((err as Error).message);
    const pos = at ? new LineIndex(text).position(Number(at[1])) : undefined;
    throw new LoadError(display, 'not valid JSON', pos?.line, pos?.column);
  }
}

function parseYamlSettings(text: string, display: string): unknown {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true });
  const error = doc.errors[0];
  // the YAML library's message quotes the text: only its position is kept
  if (error) throw new LoadError(display, 'not valid YAML', error.linePos?.[0].line, error.linePos?.[0].col);
  return doc.toJS({ maxAliasCount: 100 }) ?? {};
}

/** The settings' sections, checked in one place: a new section (policy) is one more entry here and in validateSettings. */
const SECTIONS = ['rules', 'allow', 'ignore', 'policy', 'findByContent'];

function validateSettings(raw: unknown, display: string, knownRules: readonly string[], text: string): Settings {
  const fail = (message: string): never => {
    throw new LoadError(display, message);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('settings must be a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (![...SECTIONS, '$schema'].includes(key)) fail(`unknown setting "${key}" (${SECTIONS.join(', ')})`);
  const settings: Settings = { ...emptySettings(), source: display };
  // validated where it is written, with positions (the text is read again as YAML, of which JSON is a subset)
  if (obj.policy !== undefined) settings.policy = policyFromText(text, display, 'section');
  if (obj.findByContent !== undefined) {
    if (typeof obj.findByContent !== 'boolean') fail('"findByContent" must be true or false');
    settings.findByContent = obj.findByContent as boolean;
  }
  if (obj.rules !== undefined) {
    if (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) fail('"rules" must map rule ids to off, info, warning or error');
    // an alias (secret-misuse) sets each rule it stands for; a rule named on its own wins
    const entries = Object.entries(obj.rules as Record<string, unknown>).sort(([a], [b]) => Number(b in RULE_ALIASES) - Number(a in RULE_ALIASES));
    for (const [id, value] of entries) {
      if (knownRules.length && !knownRules.includes(id) && !(id in RULE_ALIASES)) fail(`"rules" names an unknown rule "${id}"`);
      // a level, or [level, options] as in ESLint
      const [level, options] = Array.isArray(value) ? value : [value];
      if (typeof level !== 'string' || !LEVELS.has(level)) fail(`rule "${id}" must be off, info, warning or error`);
      if (Array.isArray(value) && (value.length !== 2 || !options || typeof options !== 'object' || Array.isArray(options))) {
        fail(`rule "${id}" takes a level or [level, {options}]`);
      }
      if (id in RULE_ALIASES) {
        for (const member of RULE_ALIASES[id]) settings.rules[member] = level as Severity | 'off';
        if (Array.isArray(value)) applyAliasOptions(id, options as Record<string, unknown>, settings, fail);
        continue;
      }
      settings.rules[id] = level as Severity | 'off';
      if (Array.isArray(value)) (settings.ruleOptions ??= {})[id] = options as Record<string, unknown>;
    }
  }
  for (const [key, target] of [
    ['allow', 'allow'],
    ['ignore', 'ignore'],
  ] as const) {
    const value = obj[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(`"${key}" must be a list of strings`);
    if (target === 'allow') {
      for (const pattern of value as string[]) {
        try {
          settings.allow.push(new RegExp(pattern));
        } catch {
          fail(`"allow" has an invalid regular expression: ${pattern}`);
        }
      }
    } else settings.ignore = value as string[];
  }
  return settings;
}

/** The options an alias still accepts (secret-misuse's `external`), turned into the rule levels they mean. */
function applyAliasOptions(id: string, options: Record<string, unknown>, settings: Settings, fail: (message: string) => never): void {
  const known = ALIAS_OPTIONS[id] ?? {};
  for (const [name, value] of Object.entries(options)) {
    const option = known[name];
    if (!option) fail(`rule "${id}": unknown option "${name}"`);
    if (typeof value !== option.type) fail(`rule "${id}": option ${name} must be ${option.type}`);
    if (value === false) settings.rules[option.offWhenFalse] = 'off';
  }
}

/** A finding whose name (variable, key, label) an `allow` pattern matches. */
export function isAllowed(path: readonly (string | number)[], settings: Settings): boolean {
  const name = [...path].reverse().find((p) => typeof p === 'string');
  return typeof name === 'string' && settings.allow.some((re) => re.test(name));
}
