import type { Origin } from '../model/origin.js';
import type { TreeEntry, TreeMap, TreeNode, TreeScalar, VarUse } from '../model/tree.js';
import { interpolationMessage, requiredMessage } from '../load/messages.js';
import { findReferences, InterpolationError, substitute } from './interpolate.js';

/** One variable available to interpolation, and where its value was written. */
export interface EnvValue {
  value: string;
  source: 'dotenv' | 'process';
  /** Where the value's secret was written: the variable's own line, or the one of the variable it expands. */
  origin?: Origin;
  /** The variable's own line when `origin` is another's (`JWT_SECRET=${NOVU_SECRET_KEY}`). */
  written?: Origin;
}

export type Environment = ReadonlyMap<string, EnvValue>;

/** The use of a variable the environment sets, with where its value was written. */
export function setUse(name: string, def: EnvValue): VarUse {
  return {
    name,
    resolution: 'set',
    source: def.source,
    value: def.value,
    ...(def.origin ? { origin: def.origin } : {}),
    ...(def.written ? { written: def.written } : {}),
  };
}

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
      if (!options.lenient) problems.push({ origin: node.origin, message: requiredMessage(m.name, m.written, m.reason), kind: 'missing-required' });
    }
    if (!result.vars.length && result.value === template) return node;
    const vars: VarUse[] = result.vars.map((v) => {
      const def = env.get(v.name);
      if (v.resolution === 'set' && def) {
        return setUse(v.name, def);
      }
      if (v.resolution === 'default') return { name: v.name, resolution: 'default', source: 'default', value: defaultValue(template, v.name, lookup) };
      return { name: v.name, resolution: v.resolution };
    });
    return { ...node, value: result.value, interpolation: { template, vars } };
  } catch (err) {
    if (!(err instanceof InterpolationError)) throw err;
    problems.push({ origin: node.origin, message: interpolationMessage(err), kind: err.kind });
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
