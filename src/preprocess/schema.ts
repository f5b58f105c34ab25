/**
 * Validation of a Compose model against the Compose Specification JSON schema, with messages a
 * person understands.
 *
 * The validator is compiled at build time (scripts/build-schema.mjs → src/generated/); nothing is
 * compiled here. ajv reports every failing keyword, and with `oneOf` that means one error per
 * branch that did not match: `build: 42` gives "must be string", "must be object" and "must match
 * exactly one schema in oneOf". This module turns that list into one issue per real problem.
 *
 * How: every `oneOf` in the Compose schema chooses between branches of different JSON types
 * (string or list, mapping or list, integer or string…; test/preprocess/schema.test.ts checks
 * that this stays true). So for each error we walk the schema along the error's instance path,
 * following `$ref` and, at each `oneOf`, taking the branch whose type accepts the value actually
 * there. An error is kept only when the schema node reached that way has the failing keyword;
 * errors of branches that were never meant are dropped. When no branch accepts the value, the one
 * issue says which forms are allowed ("must be a string or a list of strings").
 *
 * The schema itself (annotation-free JSON in the generated module) is parsed only when a model
 * has errors, so valid files cost nothing but the compiled validator.
 */
import { validate, schemaJson, type ComposeSchemaError } from '../generated/compose-schema-validate.js';
import { isSafeKey, quoteKey, quoteService } from '../load/messages.js';
import { closest } from '../model/did-you-mean.js';
import { dictionary } from '../dictionary.js';

export interface SchemaIssue {
  /** JSON path of the offending node in the validated object, e.g. ['services','app','enviroment']. */
  path: (string | number)[];
  /** Point at the key itself (unknown key) or at the value (wrong type, bad enum…). */
  target: 'key' | 'value';
  /** One line a person understands, e.g. `unknown key "enviroment" in service "app" — did you mean "environment"?`, `services.app.ports must be a list`, `"restart" must be one of …` */
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Schema navigation

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema documents are untyped JSON
type JsonSchema = { [keyword: string]: any };

let rootSchema: JsonSchema | undefined;

function schemaRoot(): JsonSchema {
  if (!rootSchema) rootSchema = JSON.parse(schemaJson) as JsonSchema;
  return rootSchema;
}

function isSchemaObject(s: unknown): s is JsonSchema {
  return typeof s === 'object' && s !== null && !Array.isArray(s);
}

/** Follows `$ref` (local JSON pointers only, which is all the Compose schema uses). */
function deref(s: unknown): JsonSchema | undefined {
  let node = s;
  for (let guard = 0; isSchemaObject(node) && typeof node.$ref === 'string'; guard++) {
    if (guard > 32) return undefined;
    const ref: string = node.$ref;
    if (!ref.startsWith('#')) return undefined;
    let target: unknown = schemaRoot();
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isSchemaObject(target) ? target[seg] : undefined;
    }
    node = target;
  }
  return isSchemaObject(node) ? node : undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    // ajv (strictNumbers) accepts neither NaN nor ±Infinity (YAML .nan/.inf) as a number.
    return Number.isInteger(value) ? 'integer' : Number.isFinite(value) ? 'number' : 'non-finite number';
  }
  return typeof value; // string, boolean, object (undefined/function/bigint never match a schema type)
}

function typeAccepts(type: unknown, value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function alternatives(s: JsonSchema): unknown[] | undefined {
  return Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
}

/** Whether the schema (or one of its alternatives) accepts the JSON type of `value`. */
function acceptsType(s: unknown, value: unknown): boolean {
  const node = deref(s);
  if (!node) return true;
  if (node.type !== undefined && !typeAccepts(node.type, value)) return false;
  const alts = alternatives(node);
  return alts ? alts.some((b) => acceptsType(b, value)) : true;
}

/**
 * The schema that applies to `value`: `$ref` followed and, at each `oneOf`/`anyOf`, the branch
 * whose type accepts the value. Undefined when no branch does.
 */
function select(s: unknown, value: unknown): JsonSchema | undefined {
  let node = deref(s);
  while (node) {
    const alts = alternatives(node);
    if (!alts) return node;
    const branch = alts.find((b) => acceptsType(b, value));
    if (branch === undefined) return undefined;
    node = deref(branch);
  }
  return undefined;
}

function hasAlternatives(s: unknown): boolean {
  const node = deref(s);
  return !!node && !!alternatives(node);
}

function patternMatches(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}

/** The (unselected) schema of the child `seg` of a value that `parent` (a selected schema) describes. */
function childSchema(parent: JsonSchema, seg: string | number): unknown {
  if (typeof seg === 'number') {
    if (Array.isArray(parent.prefixItems) && seg < parent.prefixItems.length) return parent.prefixItems[seg];
    return isSchemaObject(parent.items) ? parent.items : undefined;
  }
  if (isSchemaObject(parent.properties) && Object.hasOwn(parent.properties, seg)) {
    return parent.properties[seg];
  }
  if (isSchemaObject(parent.patternProperties)) {
    for (const [pattern, sub] of Object.entries(parent.patternProperties)) {
      if (patternMatches(pattern, seg)) return sub;
    }
  }
  return isSchemaObject(parent.additionalProperties) ? parent.additionalProperties : undefined;
}

interface Located {
  /** The schema at the path, before `$ref`/`oneOf` resolution (undefined: the path leaves the schema). */
  raw: unknown;
  value: unknown;
}

function locate(model: unknown, path: (string | number)[]): Located {
  let raw: unknown = schemaRoot();
  let value = model;
  for (const seg of path) {
    const sel = select(raw, value);
    if (!sel) return { raw: undefined, value: undefined };
    raw = childSchema(sel, seg);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
    if (raw === undefined) return { raw: undefined, value };
  }
  return { raw, value };
}

/** JSON Pointer → path; array indexes become numbers. */
function parsePointer(model: unknown, pointer: string): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let value = model;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(seg)) {
      path.push(Number(seg));
      value = value[Number(seg)];
    } else {
      path.push(seg);
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Wording

/** Top-level sections whose entries are named things. */
const KINDS: Readonly<Record<string, string>> = dictionary({
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
});

const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';

const SIMPLE_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** `services.app.ports[0]`; segments that are not plain words are quoted: `labels["com.example"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the Compose file';
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_SEGMENT.test(seg)) out += i === 0 ? seg : `.${seg}`;
    else out += `[${isSafeKey(seg) ? JSON.stringify(seg) : '…'}]`;
  });
  return out;
}

/** Where a problem is: `the top level`, `service "app"`, or a path such as `services.app.deploy`. */
function where(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the top level';
  if (path.length === 2 && typeof path[1] === 'string' && typeof path[0] === 'string' && KINDS[path[0]]) {
    return `${KINDS[path[0]]} ${quoteService(path[1])}`;
  }
  return formatPath(path);
}

function joinAlternatives(words: string[]): string {
  const uniq = [...new Set(words)];
  if (uniq.length <= 1) return uniq[0] ?? 'something else';
  return `${uniq.slice(0, -1).join(', ')} or ${uniq[uniq.length - 1]}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = dictionary({
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'empty',
});

/** The forms a schema allows, in words: ['a string', 'a list of strings'], ['"all"', 'a list']. */
function forms(s: unknown, depth = 0): string[] {
  const node = deref(s);
  if (!node || depth > 8) return [];
  const alts = alternatives(node);
  if (alts) return alts.flatMap((b) => forms(b, depth + 1));
  if (Array.isArray(node.enum)) return node.enum.map((v: unknown) => JSON.stringify(v));
  if (node.const !== undefined) return [JSON.stringify(node.const)];
  const types: string[] = Array.isArray(node.type) ? node.type : node.type !== undefined ? [node.type] : [];
  return types.map((t) => {
    if (t === 'array') {
      const items = deref(node.items);
      if (items && !alternatives(items) && typeof items.type === 'string' && items.type !== 'array') {
        return `a list of ${TYPE_WORDS[items.type]?.replace(/^an? /, '') ?? 'value'}s`;
      }
      return 'a list';
    }
    return TYPE_WORDS[t] ?? t;
  });
}

function describeForms(s: unknown): string {
  const words = forms(s);
  // "empty" reads best last: "a string, a list of strings or empty".
  const ordered = [...words.filter((w) => w !== 'empty'), ...words.filter((w) => w === 'empty')];
  return joinAlternatives(ordered);
}

function emptyNote(value: unknown): string {
  return value === null ? ' (it is empty)' : '';
}

/** A repeated list item, named without its value (it may be a secret): KEY=… by its key when the key is a name. */
function repeatedItem(value: unknown): string | undefined {
  if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? JSON.stringify(value) : undefined;
  const eq = value.indexOf('=');
  return eq > 0 && isSafeKey(value.slice(0, eq)) ? `"${value.slice(0, eq)}=…"` : undefined;
}

// ---------------------------------------------------------------------------------------------
// "Did you mean"

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` — did you mean ${JSON.stringify(suggestion)}?`;
}

// ---------------------------------------------------------------------------------------------
// Errors → issues

function unknownKeyIssue(path: (string | number)[], sel: JsonSchema, key: string, model: unknown): Draft {
  const keyPath = [...path, key];
  const props = isSchemaObject(sel.properties) ? Object.keys(sel.properties) : [];
  const patterns = isSchemaObject(sel.patternProperties) ? Object.keys(sel.patternProperties).filter((p) => p !== '^x-') : [];

  if (props.length === 0 && patterns.length > 0) {
    // A map of names (services, volumes, depends_on…): the key is a name that does not fit.
    if (key === '') return { path: keyPath, target: 'key', message: `empty key in ${where(path)}` };
    const last = path[path.length - 1];
    const kind =
      path.length === 1 && typeof last === 'string' && KINDS[last]
        ? KINDS[last]
        : last === 'depends_on'
          ? 'service'
          : last === 'networks'
            ? 'network'
            : undefined;
    if (patterns.length === 1 && patterns[0] === NAME_PATTERN) {
      const inWhere = path.length === 1 ? '' : ` in ${where(path)}`;
      return {
        path: keyPath,
        target: 'key',
        message: `invalid ${kind ? `${kind} name` : 'name'}${isSafeKey(key) ? ` ${JSON.stringify(key)}` : ''}${inWhere}: only letters, digits, ".", "_" and "-" are allowed`,
      };
    }
    return {
      path: keyPath,
      target: 'key',
      message: `invalid key${isSafeKey(key) ? ` ${JSON.stringify(key)}` : ''} in ${where(path)}: keys must match ${patterns.map((p) => `/${p}/`).join(' or ')}`,
    };
  }

  const suggestion = closest(key, props);
  if (path.length === 0) {
    let hint = didYouMean(suggestion);
    if (!hint) {
      const value = (model as Record<string, unknown>)[key];
      if (value && typeof value === 'object' && !Array.isArray(value) && ('image' in value || 'build' in value)) {
        hint = ' — if it is a service, it belongs under "services"';
      }
    }
    return { path: keyPath, target: 'key', message: `unknown top-level key ${quoteKey(key)}${hint}`, suggestion };
  }
  return {
    path: keyPath,
    target: 'key',
    message: `unknown key ${quoteKey(key)} in ${where(path)}${didYouMean(suggestion)}`,
    suggestion,
  };
}

/** An issue plus what is needed to merge related ones. */
interface Draft extends SchemaIssue {
  /** For a missing required key: the key. */
  missing?: string;
  /** For an unknown key: the key suggested instead. */
  suggestion?: string;
}

function issueFor(err: ComposeSchemaError, model: unknown): Draft | undefined {
  const path = parsePointer(model, err.instancePath);
  const { raw, value } = locate(model, path);
  if (raw === undefined) return undefined;
  const sel = select(raw, value);
  const at = formatPath(path);
  const params = err.params ?? {};

  switch (err.keyword) {
    case 'oneOf':
    case 'anyOf':
      if (!sel) return { path, target: 'value', message: `${at} must be ${describeForms(raw)}${emptyNote(value)}` };
      if (Array.isArray(params.passingSchemas)) {
        return { path, target: 'value', message: `${at} is ambiguous: it matches more than one of ${describeForms(raw)}` };
      }
      return undefined; // the chosen branch's own errors say what is wrong
    case 'type':
      // Under a oneOf, type errors come from branches the value was not meant for; the oneOf
      // error above reports the case where no branch fits.
      if (hasAlternatives(raw) || !sel || sel.type === undefined || typeAccepts(sel.type, value)) return undefined;
      // A value of the wrong type is not among an enum's values either; the enum error lists them.
      if (Array.isArray(sel.enum)) return undefined;
      return { path, target: 'value', message: `${at} must be ${describeForms(sel)}${emptyNote(value)}` };
    case 'additionalProperties':
      if (sel?.additionalProperties !== false || typeof params.additionalProperty !== 'string') return undefined;
      return unknownKeyIssue(path, sel, params.additionalProperty, model);
    case 'required':
      if (!sel || !Array.isArray(sel.required)) return undefined;
      return {
        path,
        target: 'value',
        message: `${where(path)} is missing required key ${JSON.stringify(params.missingProperty)}`,
        missing: String(params.missingProperty),
      };
    case 'enum': {
      if (!sel || !Array.isArray(sel.enum)) return undefined;
      const allowed: unknown[] = sel.enum;
      const hint =
        typeof value === 'string'
          ? didYouMean(
              closest(
                value,
                allowed.filter((v): v is string => typeof v === 'string'),
              ),
            )
          : '';
      // Under a oneOf ("all" or a list of devices), name every allowed form, not just this branch's values.
      const what = hasAlternatives(raw)
        ? describeForms(raw)
        : allowed.length === 1
          ? JSON.stringify(allowed[0])
          : `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
      return { path, target: 'value', message: `${at} must be ${what}${hint}` };
    }
    case 'const':
      if (!sel || sel.const === undefined) return undefined;
      return { path, target: 'value', message: `${at} must be ${JSON.stringify(sel.const)}` };
    case 'pattern':
      if (!sel || typeof sel.pattern !== 'string') return undefined;
      return { path, target: 'value', message: `${at} must match the pattern /${sel.pattern}/` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      if (!sel || sel[err.keyword] === undefined) return undefined;
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' };
      return { path, target: 'value', message: `${at} must be ${words[err.keyword]} ${sel[err.keyword]}` };
    }
    case 'uniqueItems': {
      if (sel?.uniqueItems !== true || !Array.isArray(value)) return undefined;
      const i = typeof params.i === 'number' ? params.i : 0;
      const j = typeof params.j === 'number' ? params.j : 0;
      const later = Math.max(i, j);
      const earlier = Math.min(i, j);
      const shown = repeatedItem(value[later]);
      const message = shown ? `${at} contains ${shown} more than once` : `${formatPath([...path, later])} is a duplicate of ${formatPath([...path, earlier])}`;
      return { path: [...path, later], target: 'value', message };
    }
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'maxProperties': {
      if (!sel || sel[err.keyword] === undefined) return undefined;
      const n = sel[err.keyword];
      const what = err.keyword.endsWith('Items') ? 'item' : err.keyword.endsWith('Length') ? 'character' : 'key';
      const bound = err.keyword.startsWith('min') ? 'at least' : 'at most';
      return { path, target: 'value', message: `${at} must have ${bound} ${n} ${what}${n === 1 ? '' : 's'}` };
    }
    default:
      if (!sel || sel[err.keyword] === undefined) return undefined;
      return { path, target: 'value', message: `${at} is not valid (schema keyword "${err.keyword}")` };
  }
}

function compareSegments(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIssues(a: SchemaIssue, b: SchemaIssue): number {
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) {
    const c = compareSegments(a.path[i], b.path[i]);
    if (c !== 0) return c;
  }
  if (a.path.length !== b.path.length) return a.path.length - b.path.length;
  if (a.target !== b.target) return a.target === 'key' ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Validates a Compose model (the plain JSON value of a compose file, as `yaml`'s `parse()` gives
 * it) against the Compose schema. Returns one issue per problem, ordered by path; [] when valid.
 */
export function validateCompose(model: unknown): SchemaIssue[] {
  if (validate(model)) return [];
  const errors = validate.errors ?? [];
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  for (const err of errors) {
    const draft = issueFor(err, model);
    if (!draft) continue;
    const id = `${JSON.stringify(draft.path)}\u0000${draft.target}\u0000${draft.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    drafts.push(draft);
  }
  // `conditon: service_healthy` is one problem, not two: when a misspelt key is suggested as the
  // required key that is missing, the "did you mean" issue says it all.
  const suggested = new Set(drafts.filter((d) => d.suggestion !== undefined).map((d) => JSON.stringify([...d.path.slice(0, -1), d.suggestion])));
  const issues: SchemaIssue[] = drafts
    .filter((d) => d.missing === undefined || !suggested.has(JSON.stringify([...d.path, d.missing])))
    .map(({ path, target, message }) => ({ path, target, message }));
  if (issues.length === 0 && errors.length > 0) {
    // Safety net: never call an invalid file valid just because no error could be explained.
    const first = errors[0];
    const path = parsePointer(model, first.instancePath);
    issues.push({ path, target: 'value', message: `${formatPath(path)} does not match the Compose schema (${first.keyword})` });
  }
  return issues.sort(compareIssues);
}
