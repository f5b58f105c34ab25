import type { Origin } from '../model/origin.js';
import type { TreeEntry, TreeMap, TreeNode, TreeScalar, VarUse } from '../model/tree.js';
import { findReferences, InterpolationError, substitute } from './interpolate.js';

/** One variable available to interpolation, and where its value was written. */
export interface EnvValue {
  value: string;
  source: 'dotenv' | 'process';
  origin?: Origin;
}

export type Environment = ReadonlyMap<string, EnvValue>;

export interface InterpolationProblem {
  origin: Origin;
  message: string;
  kind: 'invalid-template' | 'missing-required';
}

/**
 * Interpolates every string value of a tree (never keys), as Compose does per file before
 * merging. Nodes shared through aliases stay shared. In lenient mode (lint) a missing required
 * variable is not an error: the value is just unknown. Invalid templates are returned as
 * problems and leave the value as written.
 */
export function interpolateTree(root: TreeMap, env: Environment, options: { lenient: boolean }): { root: TreeMap; problems: InterpolationProblem[] } {
  const problems: InterpolationProblem[] = [];
  const done = new Map<TreeNode, TreeNode>();

  const visit = (node: TreeNode): TreeNode => {
    const seen = done.get(node);
    if (seen) return seen;
    let out: TreeNode;
    if (node.kind === 'scalar') {
      out = typeof node.value === 'string' && node.value.includes('$') ? scalar(node) : node;
    } else if (node.kind === 'seq') {
      out = { ...node, items: node.items.map(visit) };
    } else {
      out = { ...node, entries: node.entries.map((e): TreeEntry => ({ ...e, value: visit(e.value) })) };
    }
    done.set(node, out);
    return out;
  };

  const scalar = (node: TreeScalar): TreeScalar => interpolateScalar(node, env, options, problems);

  return { root: visit(root) as TreeMap, problems };
}

/** Interpolates one string scalar, recording how each variable was resolved; problems are collected, the value kept as written. */
export function interpolateScalar(node: TreeScalar, env: Environment, options: { lenient: boolean }, problems: InterpolationProblem[]): TreeScalar {
  const template = node.value as string;
  const lookup = (name: string) => env.get(name)?.value;
  try {
    const result = substitute(template, lookup, { lenient: options.lenient });
    for (const m of result.missingRequired) {
      if (!options.lenient) problems.push({ origin: node.origin, message: oneLine(m.message), kind: 'missing-required' });
    }
    if (!result.vars.length && result.value === template) return node;
    const vars: VarUse[] = result.vars.map((v) => {
      const def = env.get(v.name);
      if (v.resolution === 'set' && def) {
        return { name: v.name, resolution: 'set', source: def.source, value: def.value, ...(def.origin ? { origin: def.origin } : {}) };
      }
      if (v.resolution === 'default') return { name: v.name, resolution: 'default', source: 'default', value: defaultValue(template, v.name, lookup) };
      return { name: v.name, resolution: v.resolution };
    });
    return { ...node, value: result.value, interpolation: { template, vars } };
  } catch (err) {
    if (err instanceof RangeError) {
      // hostile nesting (${A:-${A:-…}} thousands deep) overflows the evaluator's stack
      problems.push({ origin: node.origin, message: 'Invalid template: variables nest too deeply', kind: 'invalid-template' });
      return node;
    }
    if (!(err instanceof InterpolationError)) throw err;
    problems.push({ origin: node.origin, message: oneLine(err.message), kind: err.kind });
    return node;
  }
}

/** The value a template's default for `name` (`${name:-default}`) evaluates to. */
function defaultValue(template: string, name: string, lookup: (name: string) => string | undefined): string {
  const ref = findReferences(template).find((r) => r.name === name && (r.operator === ':-' || r.operator === '-'));
  if (!ref?.argument) return '';
  try {
    return substitute(ref.argument, lookup, { lenient: true }).value;
  } catch {
    return ref.argument;
  }
}

/**
 * Error messages quote the template; a multi-line or huge one is cut so the error stays one short
 * line, and the text written around the variables is masked — it may be a secret
 * (`PASSWORD: hunter2${X`): only the references themselves are shown.
 */
function oneLine(message: string): string {
  const flat = maskQuotedLiterals(message).replace(/\n/g, '\\n');
  return flat.length <= 160 ? flat : `${flat.slice(0, 150)}…"`;
}

/**
 * Masks the literal text of the first quoted excerpt of an error message (a template, a dotenv
 * value; the closing quote may be missing), keeping `${…}`/`$NAME` references: compose-go's
 * messages quote what the user wrote, and that may be a secret.
 */
export function maskQuotedLiterals(message: string): string {
  return message.replace(
    /"((?:[^"\\]|\\.)*)("|$)/,
    (_, t: string, end: string) =>
      `"${t.replace(/(\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*|\$\$)|[^$]+/g, (m: string, ref: string | undefined) => (ref ? m : '•'.repeat(Math.min(m.length, 8))))}${end}`,
  );
}
