import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { findExcessiveNesting } from '../../src/load/limits.js';
import { LoadError, parseComposeText } from '../../src/load/parse.js';

function failure(file: string, text: string): string {
  try {
    parseComposeText(file, text);
  } catch (err) {
    if (err instanceof LoadError) return `${err.file}:${err.line}:${err.column}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

/** A mapping `levels` deep, one space of indentation per level. */
function deepMapping(levels: number): string {
  return `x-deep:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}${' '.repeat(levels + 1)}v\n`;
}

const SERVICE = 'services:\n  a:\n    image: x\n    environment:\n      PW: Hunter2Secret\n';

describe('the nesting limit holds whatever precedes it', () => {
  it('an apostrophe inside a plain value does not open a quote for the lexical estimate', () => {
    expect(findExcessiveNesting(`x-a: it 's\n${SERVICE}${deepMapping(790)}`)).toBe(107);
  });

  it('checks the parsed document itself, when the estimate is fooled (a quote opened on a continuation line)', () => {
    const text = `x-a: it\n  'hidden\n${SERVICE}${deepMapping(790)}`;
    expect(findExcessiveNesting(text)).toBe(0);
    expect(failure('c.yaml', text)).toBe('c.yaml:108:101: collections nest deeper than 100 levels; refusing to load');
  });

  it('counts the depth an alias brings along', () => {
    const chain = ['x-a0: &a0 [x]', ...Array.from({ length: 150 }, (_, i) => `x-a${i + 1}: &a${i + 1} [*a${i}]`)].join('\n');
    expect(findExcessiveNesting(chain)).toBe(0);
    expect(failure('c.yaml', `${chain}\n${SERVICE}`)).toBe('c.yaml:100:14: collections nest deeper than 100 levels; refusing to load');
    // 99 levels through aliases are fine
    const ok = ['x-a0: &a0 [x]', ...Array.from({ length: 98 }, (_, i) => `x-a${i + 1}: &a${i + 1} [*a${i}]`)].join('\n');
    expect(failure('c.yaml', `${ok}\n${SERVICE}`)).toBe('no error');
  });

  it('a template nested 20,000 deep in .env is a located error for lint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-depth-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n    environment:\n      - DB_PASSWORD\n');
    writeFileSync(join(dir, '.env'), `DB_PASSWORD=${'${A:-'.repeat(20_000)}Hunter2Secret${'}'.repeat(20_000)}\n`);
    const result = await lint([dir], { cwd: dir });
    expect(result.errors).toEqual([{ file: '.env', line: 1, column: 13, message: 'invalid env file: Invalid template: variables nest too deeply' }]);
  });
});
