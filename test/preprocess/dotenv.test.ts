import { describe, expect, it } from 'vitest';
import { CONFORMANCE, conformanceVectors, HAS_CONFORMANCE } from '../helpers.js';
import { DotenvError, parseDotenv, parseDotenvEntries, readDotenv, readDotenvFiles } from '../../src/preprocess/dotenv.js';

const conformance = CONFORMANCE;
const present = HAS_CONFORMANCE;

interface Vector {
  name: string;
  source: string;
  api: 'parse' | 'read' | 'getEnvFromFile';
  input?: string;
  inputs?: string[];
  env?: Record<string, string>;
  expected?: Record<string, string>;
  exact?: boolean;
  absent?: string[];
  error?: boolean;
  errorContains?: string;
}

function run(v: Vector): Record<string, string> {
  const env = v.env;
  const lookup = env ? (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined) : undefined;
  if (v.api === 'getEnvFromFile') return readDotenvFiles(v.inputs!, lookup);
  return v.api === 'read' ? readDotenv(v.input!, lookup) : parseDotenv(v.input!, lookup);
}

describe.skipIf(!present)(`dotenv conformance vectors (${present ? conformance : `skipped: ${conformance} is absent`})`, () => {
  const vectors = conformanceVectors<Vector>('dotenv.json');

  it('has the 97 vectors', () => expect(vectors.length).toBe(97));

  vectors.forEach((v, i) => {
    it(`#${i} ${v.name} (${v.source})`, () => {
      if (v.error) {
        expect(() => run(v)).toThrow(DotenvError);
        // compose-go's messages quote the line; ours stop before any quoted source text
        if (v.errorContains) expect(() => run(v)).toThrow(v.errorContains.split(' "')[0]);
        return;
      }
      const result = run(v);
      if (v.exact) expect({ ...result }).toEqual(v.expected);
      else expect(result).toMatchObject(v.expected!);
      for (const key of v.absent ?? []) expect(Object.hasOwn(result, key)).toBe(false);
      if (v.api === 'parse') {
        // The entries fold to the same map.
        const folded: Record<string, string> = {};
        for (const e of parseDotenvEntries(v.input!, v.env && ((n) => v.env![n]))) folded[e.key] = e.value;
        expect(folded).toEqual({ ...result });
      }
    });
  });
});

describe('parseDotenvEntries', () => {
  it('gives positions of keys and values', () => {
    const text = '\uFEFF# c\nexport A=1 # x\nB = "two\nlines"\n  C=\'3\'\nD\nA=${A}${A}\n';
    const entries = parseDotenvEntries(text, (n) => (n === 'D' ? 'dee' : undefined));
    expect(entries.map(({ key, value, line, column, quoted, inherited }) => ({ key, value, line, column, quoted, inherited }))).toEqual([
      { key: 'A', value: '1', line: 2, column: 8, quoted: 'none', inherited: false },
      { key: 'B', value: 'two\nlines', line: 3, column: 1, quoted: 'double', inherited: false },
      { key: 'C', value: '3', line: 5, column: 3, quoted: 'single', inherited: false },
      { key: 'D', value: 'dee', line: 6, column: 1, quoted: 'none', inherited: true },
      { key: 'A', value: '11', line: 7, column: 1, quoted: 'none', inherited: false },
    ]);
    for (const e of entries) expect(text.slice(e.keyStart, e.keyEnd)).toBe(e.key);
    expect(entries.map((e) => text.slice(e.valueStart, e.valueEnd))).toEqual(['1', 'two\nlines', '3', '', '${A}${A}']);
  });

  it('with `unresolved`, keeps a bare name the lookup has no value for, and later lines expand it as unset', () => {
    const text = 'TOKEN\nURL=x${TOKEN:-none}\n';
    expect(parseDotenvEntries(text).map((e) => e.key)).toEqual(['URL']);
    const entries = parseDotenvEntries(text, undefined, { unresolved: true });
    expect(entries.map(({ key, value, line, inherited }) => ({ key, value, line, inherited }))).toEqual([
      { key: 'TOKEN', value: '', line: 1, inherited: true },
      { key: 'URL', value: 'xnone', line: 2, inherited: false },
    ]);
  });
});

describe('compose-go quirks', () => {
  it('does not count a BOM as a column', () => {
    expect(parseDotenvEntries('\uFEFFA=1')[0]).toMatchObject({ key: 'A', line: 1, column: 1, keyStart: 1, valueStart: 3 });
  });

  it('reads a key with no separator at the end of the text as the value of the empty key', () => {
    expect({ ...parseDotenv('A=1\nLAST') }).toEqual({ A: '1', '': 'LAST' });
  });

  it('resumes right after a closing quote', () => {
    expect({ ...parseDotenv('A="x" B\n', (n) => (n === 'B' ? 'b' : undefined)) }).toEqual({ A: 'x', B: 'b' });
  });

  it('drops the 0 of an octal escape it cannot read', () => {
    expect(parseDotenv('A="\\0 \\01 \\0400 \\0101 \\c \\$X"').A).toBe('\\ \\1 \\400 A \\c $X');
  });

  it('cuts unquoted values at " #" only', () => {
    expect(parseDotenv('A=a\t#b\nB=a #b').A).toBe('a\t#b');
    expect(parseDotenv('A=a\t#b\nB=a #b').B).toBe('a');
  });

  it("reports compose-go's line numbers in messages, and the real position in the error", () => {
    let err: DotenvError | undefined;
    try {
      parseDotenv('A=1\nB="open\nC=2\nD=3');
    } catch (e) {
      err = e as DotenvError;
    }
    expect(err).toBeInstanceOf(DotenvError);
    expect(err!.message).toBe('line 4: unterminated quoted value of B');
    expect(err!.line).toBe(2);
    expect(err!.offset).toBe(6);
  });

  it('wraps interpolation errors', () => {
    expect(() => parseDotenv('A=${B:?need B}')).toThrow('required variable B is missing a value: need B');
    expect(() => parseDotenv("A='${'\nB=${")).toThrow('Invalid template: "${" is not followed by a variable name');
  });

  it('returns objects without a prototype, so any key is safe', () => {
    const r = parseDotenv('__proto__=x\nconstructor=y');
    expect(Object.getOwnPropertyDescriptor(r, '__proto__')?.value).toBe('x');
    expect(r.constructor).toBe('y');
  });
});
