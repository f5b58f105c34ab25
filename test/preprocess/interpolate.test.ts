import { describe, expect, it } from 'vitest';
import { CONFORMANCE, conformanceVectors, HAS_CONFORMANCE } from '../helpers.js';
import { findReferences, goQuote, hasReferences, interpolate, InterpolationError, substitute } from '../../src/preprocess/interpolate.js';

const conformance = CONFORMANCE;
const present = HAS_CONFORMANCE;

interface Vector {
  name: string;
  source: string;
  template: string;
  env: Record<string, string>;
  expected?: string;
  error?: boolean;
  errorContains?: string;
  errorType?: string;
  errorVariable?: string;
  errorReason?: string;
  warnings?: number;
  castTo?: 'int' | 'bool';
  castExpected?: number | boolean;
}

/** The casts compose-go applies after interpolation, reduced to what the vectors use. */
function cast(value: string, to: 'int' | 'bool'): number | boolean {
  if (to === 'int') return Number.parseInt(value, 10);
  return ['y', 'yes', 'true', 'on'].includes(value.toLowerCase());
}

describe.skipIf(!present)(`interpolation conformance vectors (${present ? conformance : `skipped: ${conformance} is absent`})`, () => {
  const vectors = conformanceVectors<Vector>('interpolation.json');

  it('has the 140 vectors', () => expect(vectors.length).toBe(140));

  vectors.forEach((v, i) => {
    it(`#${i} ${v.name} (${v.source})`, () => {
      if (v.error) {
        let caught: unknown;
        try {
          interpolate(v.template, v.env);
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(InterpolationError);
        const err = caught as InterpolationError;
        if (v.errorContains) expect(err.message).toContain(v.errorContains);
        expect(err.kind).toBe(v.errorType === 'MissingRequiredError' || v.errorContains?.startsWith('required') ? 'missing-required' : 'invalid-template');
        if (v.errorVariable) expect(err.variable).toBe(v.errorVariable);
        if (v.errorReason !== undefined) expect(err.reason).toBe(v.errorReason);
        return;
      }
      expect(interpolate(v.template, v.env)).toBe(v.expected);
      const lookup = (name: string) => (Object.hasOwn(v.env, name) ? v.env[name] : undefined);
      const result = substitute(v.template, lookup);
      expect(result.value).toBe(v.expected);
      if (v.warnings !== undefined) expect(result.unsetWarnings).toBe(v.warnings);
      if (v.castTo) expect(cast(result.value, v.castTo)).toBe(v.castExpected);
      // Static analysis accepts every template compose-go accepts here.
      expect(() => findReferences(v.template)).not.toThrow();
    });
  });
});

/** The message an invalid template throws. */
function errorOf(template: string): string {
  try {
    interpolate(template, {});
  } catch (err) {
    if (err instanceof InterpolationError) return err.message;
    throw err;
  }
  return 'no error';
}

describe('substitute', () => {
  const env: Record<string, string> = { SET: 'v', EMPTY: '' };
  const lookup = (name: string) => env[name];

  it('reports lookups in evaluation order, lazily', () => {
    expect(substitute('${A:-${SET}}$EMPTY${SET:+${B}}${SET-${C}}', lookup).vars).toEqual([
      { name: 'A', resolution: 'default' },
      { name: 'SET', resolution: 'set' },
      { name: 'EMPTY', resolution: 'set' },
      { name: 'SET', resolution: 'set' },
      { name: 'B', resolution: 'unset' },
      { name: 'SET', resolution: 'set' },
    ]);
    expect(substitute('${EMPTY:-x}', lookup).vars).toEqual([{ name: 'EMPTY', resolution: 'default' }]);
  });

  it('counts unset warnings for plain references only', () => {
    expect(substitute('$A ${B} ${C:-x} ${D:+x} ${E-$F}', lookup).unsetWarnings).toBe(2 + 1);
  });

  it('collects missing required variables in lenient mode', () => {
    const r = substitute('a${X:?need X}b${EMPTY:?}c${Y?}', lookup, { lenient: true });
    expect(r.value).toBe('abc');
    expect(r.missingRequired).toEqual([
      { name: 'X', message: 'required variable X is missing a value: need X', reason: 'need X', written: 'need X' },
      { name: 'EMPTY', message: 'required variable EMPTY is missing a value', reason: '', written: '' },
      { name: 'Y', message: 'required variable Y is missing a value', reason: '', written: '' },
    ]);
    expect(() => substitute('${', lookup, { lenient: true })).toThrow(InterpolationError);
  });

  it('says what is wrong with an invalid template without quoting it (compose-go quotes it: it may hold a secret)', () => {
    expect(errorOf('a "${x!}"')).toBe('Invalid template: a variable name after "${" is not followed by "}" or an operator (:- - :? ? :+ +)');
    expect(errorOf('${A-x}${}}')).toBe('Invalid template: "${" is not followed by a variable name');
    expect(errorOf('Hunter2Secret${X:-Hunter2Secret')).toBe('Invalid template: ${X:- has no closing "}" on its line');
    // A nested default is a template of its own too, evaluated only when taken.
    expect(() => interpolate('${A-${}', {})).toThrow('Invalid template: "${" is not followed by a variable name');
    expect(interpolate('${A-${}', { A: 'a' })).toBe('a');
  });

  it('refuses templates nested past the limit, whatever their length', () => {
    const deep = (n: number) => `${'${A:-'.repeat(n)}x${'}'.repeat(n)}`;
    expect(interpolate(deep(101), {})).toBe('x');
    expect(() => interpolate(deep(102), {})).toThrow('Invalid template: variables nest too deeply');
    expect(() => interpolate(deep(20_000), {})).toThrow('Invalid template: variables nest too deeply');
    expect(() => findReferences(deep(20_000))).toThrow('Invalid template: variables nest too deeply');
  });

  it('follows compose-go where a reference ends', () => {
    expect(interpolate('${A:-{}}x}', {})).toBe('{}}x'); // `{}`: the brace after `{` is not counted
    expect(interpolate('${A:-x}y}', {})).toBe('xy}');
    expect(() => interpolate('${A:-x\n}', {})).toThrow(InterpolationError); // `.` stops at a newline
    expect(interpolate('${A:-x}\n}', {})).toBe('x\n}');
    expect(interpolate('$$$A$', { A: '1' })).toBe('$1$');
    expect(interpolate('$1 $- ${a}', { a: 'x' })).toBe('$1 $- x');
  });
});

describe('findReferences', () => {
  it('finds references with offsets and nesting', () => {
    const t = 'x $A ${B} ${C:-d${E:+$F}} $$G';
    expect(findReferences(t)).toEqual([
      { name: 'A', start: 2, end: 4, depth: 0 },
      { name: 'B', start: 5, end: 9, depth: 0 },
      { name: 'C', operator: ':-', argument: 'd${E:+$F}', start: 10, end: 25, argumentStart: 15, argumentEnd: 24, depth: 0 },
      { name: 'E', operator: ':+', argument: '$F', start: 16, end: 24, argumentStart: 21, argumentEnd: 23, depth: 1 },
      { name: 'F', start: 21, end: 23, depth: 2 },
    ]);
    for (const r of findReferences(t)) {
      if (r.argument !== undefined) expect(t.slice(r.argumentStart, r.argumentEnd)).toBe(r.argument);
    }
  });

  it('rejects invalid templates, nested ones included', () => {
    expect(() => findReferences('${A:-${ }}')).toThrow(InterpolationError);
    expect(() => findReferences('${')).toThrow('Invalid template');
  });
});

describe('hasReferences', () => {
  it.each([
    ['plain', false],
    ['$$A $${B}', false],
    ['a $ b $1', false],
    ['$A', true],
    ['$$$A', true],
    ['${', true],
    ['x${A:-b}', true],
  ])('%j → %s', (t, expected) => expect(hasReferences(t)).toBe(expected));
});

describe('goQuote', () => {
  it("renders strings like Go's %q", () => {
    expect(goQuote('a"\\\n\x01\x7f\u00a0é€\u{1F600}')).toBe('"a\\"\\\\\\n\\x01\\x7f\\u00a0é€\u{1F600}"');
  });
});
