import { join } from 'node:path';
import { ALIAS_OPTIONS, RULE_ALIASES } from './engine/aliases.js';
import type { Severity } from './engine/types.js';
import { nodeHost, readHostText, type FileHost } from './load/host.js';
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
}

export const SETTINGS_FILE = '.compose-secrets.json';
const LEVELS = new Set(['off', 'info', 'warning', 'error']);

export function emptySettings(): Settings {
  return { rules: {}, allow: [], ignore: [] };
}

/** Reads the settings file; a missing default file is no settings, a bad one a located error. */
export function loadSettings(cwd: string, file?: string, knownRules: readonly string[] = [], host: FileHost = nodeHost): Settings {
  const path = file ?? join(cwd, SETTINGS_FILE);
  if (!file && !host.stat(path)) return emptySettings();
  const display = file ?? SETTINGS_FILE;
  const text = readHostText(host, path, display);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // JSON.parse's message quotes the text around the error: only its position is kept
    const at = /at position (\d+)/.exec((err as Error).message);
    const pos = at ? new LineIndex(text).position(Number(at[1])) : undefined;
    throw new LoadError(display, 'not valid JSON', pos?.line, pos?.column);
  }
  const fail = (message: string): never => {
    throw new LoadError(file ?? SETTINGS_FILE, message);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('settings must be a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj))
    if (!['rules', 'allow', 'ignore', 'policy', '$schema'].includes(key)) fail(`unknown setting "${key}" (rules, allow, ignore, policy)`);
  const settings: Settings = { ...emptySettings(), source: file ?? SETTINGS_FILE };
  // validated where it is written, with positions (the text is read again as YAML, of which JSON is a subset)
  if (obj.policy !== undefined) settings.policy = policyFromText(text, display, 'section');
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
