import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { Alias } from 'yaml';
import { LoadError, parseComposeText } from '../../src/load/parse.js';
import { findExcessiveNesting } from '../../src/load/limits.js';
import { get, toPlain, type TreeMap } from '../../src/model/tree.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

function loadError(file: string, text: string): LoadError {
  try {
    parseComposeText(file, text);
  } catch (err) {
    if (err instanceof LoadError) return err;
    throw err;
  }
  throw new Error('expected a LoadError');
}

describe('parseComposeText', () => {
  it('keeps 1-based positions of keys and values', () => {
    const { roots } = parseComposeText('c.yaml', 'services:\n  db:\n    image: "postgres:16"\n');
    const image = get(get(get(roots[0]!, 'services'), 'db'), 'image')!;
    expect(image.origin).toEqual({ file: 'c.yaml', range: [27, 40], line: 3, column: 12, endLine: 3, endColumn: 25 });
    expect(image.kind === 'scalar' && image.sourceOffset).toBe(1);
  });

  it('resolves aliases to the anchor node itself and applies merge keys', () => {
    const { roots } = parseComposeText('c.yaml', fixture('lint/anchors/compose.yaml'));
    const services = get(roots[0]!, 'services') as TreeMap;
    const apiEnv = get(get(services, 'api'), 'environment');
    const workerEnv = get(get(services, 'worker'), 'environment');
    expect(apiEnv).toBe(workerEnv);
    expect(toPlain(get(get(services, 'cron'), 'environment')!)).toEqual({
      DB_HOST: 'db',
      DB_USER: 'app',
      DB_PASSWORD: 'cron-only-password',
    });
    const pw = get(apiEnv, 'DB_PASSWORD')!;
    expect([pw.origin.line, pw.origin.column]).toEqual([4, 16]);
  });

  it('an alias refers to the last anchor of its name before it (a redefined anchor included)', () => {
    const { roots } = parseComposeText('c.yaml', 'x-a: &v one\nx-b: *v\nx-c: &v two\nx-d: *v\nx-e: [&w {k: 1}, *w]\n');
    expect(toPlain(roots[0]!)).toEqual({ 'x-a': 'one', 'x-b': 'one', 'x-c': 'two', 'x-d': 'two', 'x-e': [{ k: 1 }, { k: 1 }] });
    expect(get(roots[0]!, 'x-d')).toBe(get(roots[0]!, 'x-c'));
  });

  it('finds the anchors of all aliases in one walk of the document, not one walk per alias', () => {
    // yaml's Alias.resolve walks the whole document on every call: 2,000 services sharing one
    // anchor made loading quadratic (11 s)
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const services = Array.from({ length: 50 }, (_, i) => `  s${i}:\n    image: x\n    environment: *env\n`).join('');
      const { roots } = parseComposeText('c.yaml', `x-env: &env\n  A: b\nservices:\n${services}`);
      expect(get(get(get(roots[0]!, 'services'), 's49'), 'environment')).toBe(get(roots[0]!, 'x-env'));
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it('keeps !reset and !override tags', () => {
    const { roots } = parseComposeText('c.yaml', 'services:\n  a:\n    ports: !reset []\n    environment: !override {A: 1}\n');
    const a = get(get(roots[0]!, 'services'), 'a');
    expect(get(a, 'ports')!.tag).toBe('!reset');
    expect(get(a, 'environment')!.tag).toBe('!override');
  });

  it('returns a null root for empty and comment-only files', () => {
    expect(parseComposeText('e.yaml', fixture('broken/empty.yaml')).roots).toEqual([null]);
    expect(parseComposeText('c.yaml', fixture('broken/comment-only.yaml')).roots).toEqual([null]);
  });

  it.each([
    ['broken/invalid-yaml.yaml', 6, 1, /^invalid YAML: /],
    ['broken/not-a-mapping.yaml', 1, 1, /^the top level of a compose file must be a mapping, not a list$/],
    ['broken/alias-bomb.yaml', 6, 7, /alias bomb/],
    ['broken/deep-nesting.yaml', 3, 1, /nest deeper than 100 levels/],
  ])('refuses %s with a located one-line error', (name, line, column, message) => {
    const err = loadError(name, fixture(name));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
    expect([err.line, err.column]).toEqual([line, column]);
  });

  it('refuses duplicate keys like Compose does', () => {
    const err = loadError('d.yaml', 'services:\n  a:\n    image: x\n    image: y\n');
    expect(err.message).toBe('invalid YAML: Map keys must be unique');
    expect(err.line).toBe(4);
  });
});

describe('findExcessiveNesting', () => {
  it('measures block and flow nesting', () => {
    const block = Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(findExcessiveNesting(block)).toBe(101);
    expect(findExcessiveNesting('a: ' + '['.repeat(99) + ']'.repeat(99))).toBe(0);
    expect(findExcessiveNesting('a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["')).toBe(0);
  });
});
