import type { TreeNode } from '../../src/model/tree.js';
import { describe, expect, it } from 'vitest';
import { parseComposeText as parseText } from '../../src/load/parse.js';
import { composePlainValue, goFloat } from '../../src/load/plain-scalar.js';

// Expected values are what `docker stack config` (docker CLI 28.2, go-yaml v3 + fmt.Sprint, as
// compose-go) printed for these unquoted environment values on this machine.
const STACK_CONFIG: [string, string][] = [
  ['2024_0101', '20240101'],
  ['0b1010', '10'],
  ['0777', '511'],
  ['1e3', '1000'],
  ['1e6', '1e+06'],
  ['0x1F', '31'],
  ['0o17', '15'],
  ['1234567.0', '1.234567e+06'],
  ['.5', '0.5'],
  ['12345678901234567890123', '1.2345678901234568e+22'],
  ['yes', 'yes'],
  ['+12', '12'],
  ['-0b11', '-3'],
  ['1_0.5', '10.5'],
  ['0.000001', '1e-06'],
];

describe('unquoted scalars as Compose reads them', () => {
  it.each(STACK_CONFIG)('%s reaches the container as %s', (source, expected) => {
    const { roots } = parseText('compose.yaml', `services:\n  db:\n    environment:\n      A: ${source}\n`);
    const at = (n: TreeNode | undefined) => (n?.kind === 'map' ? n.entries[0]!.value : undefined);
    const a = at(at(at(at(roots[0]!))));
    expect(a?.kind === 'scalar' ? String(a.value) : undefined).toBe(expected);
  });

  it('keeps quoted and tagged values as written', () => {
    const { roots } = parseText('compose.yaml', `a: "0777"\nb: !!str 2024_0101\nc: '1e6'\n`);
    expect(roots[0]!.entries.map((e) => (e.value.kind === 'scalar' ? e.value.value : undefined))).toEqual(['0777', '2024_0101', '1e6']);
  });

  it('keeps a number a number where Go writes it as JS does', () => {
    expect(composePlainValue('5432', 5432)).toBe(5432);
    expect(composePlainValue('0.5', 0.5)).toBe(0.5);
    expect(composePlainValue('0777', 777)).toBe(511);
    expect(composePlainValue('18446744073709551615', Number('18446744073709551615'))).toBe('18446744073709551615');
    expect(composePlainValue('-9223372036854775809', Number('-9223372036854775809'))).toBe('-9.223372036854776e+18');
    expect(composePlainValue('1e400', Infinity)).toBe('1e400');
    expect(composePlainValue('-.inf', -Infinity)).toBe('-Inf');
    expect(composePlainValue('.NaN', Number.NaN)).toBe('NaN');
    expect(composePlainValue('0x', '0x')).toBe('0x');
    expect(composePlainValue('089', 89)).toBe(89);
    expect(composePlainValue('true', true)).toBe(true);
    expect(composePlainValue('~', null)).toBe(null);
  });

  it('writes floats as fmt.Sprint does', () => {
    expect([100000, 1e6, 0.0001, 0.00001, -0, 1.5e-7, 123456.7].map(goFloat)).toEqual(['100000', '1e+06', '0.0001', '1e-05', '-0', '1.5e-07', '123456.7']);
  });
});
