import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { discover, ignoreMatcher } from '../../src/load/discover.js';
import { REPO } from '../helpers.js';

const globbed = vi.hoisted(() => ({ patterns: [] as unknown[] }));
vi.mock('fast-glob', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (...a: unknown[]) => Promise<string[]> }).default;
  const spy = (patterns: unknown, options: unknown) => {
    globbed.patterns.push(patterns);
    return real(patterns, options);
  };
  return { default: spy };
});

describe('settings ignore patterns', () => {
  it('are matched against the files found, never globbed over the working directory', async () => {
    globbed.patterns = [];
    const found = await discover(['fixtures/demo/compose.yaml', 'fixtures/lint/tokens/compose.yaml'], ['**/tokens/**'], REPO);
    expect(found.files).toEqual(['fixtures/demo/compose.yaml']);
    expect(globbed.patterns).toEqual([]);
  });

  it('a directory is still searched with fast-glob, and its files filtered', async () => {
    globbed.patterns = [];
    const found = await discover(['fixtures/lint'], ['fixtures/lint/[a-s]*/**'], REPO);
    expect(found.files).toEqual(['fixtures/lint/tokens/compose.yaml', 'fixtures/lint/traps/compose.yaml', 'fixtures/lint/values/compose.yaml']);
    expect(globbed.patterns).toHaveLength(1);
  });

  it('are relative to the working directory, match dot files, and take ./ and absolute paths alike', async () => {
    const ignored = await ignoreMatcher(['test/**', './deploy/*.yaml', '**/.hidden/**'], '/work/p');
    expect(ignored('test/a/compose.yaml')).toBe(true);
    expect(ignored('/work/p/test/compose.yaml')).toBe(true);
    expect(ignored('./deploy/compose.yaml')).toBe(true);
    expect(ignored('deploy/sub/compose.yaml')).toBe(false);
    expect(ignored('x/.hidden/compose.yaml')).toBe(true);
    expect(ignored('/elsewhere/test/compose.yaml')).toBe(false);
    expect(ignored(join('..', 'p', 'test', 'compose.yaml'))).toBe(true);
  });
});
