/**
 * What Compose makes of a plain (unquoted, untagged) scalar. compose-go reads YAML with go-yaml v3
 * and passes a number on as Go's `fmt.Sprint` writes it, so `2024_0101` reaches a container as
 * `20240101`, `0b1010` as `10`, `0777` as `511` and `1e6` as `1e+06` — where the yaml package's
 * YAML 1.2 core schema keeps the first two as text and reads `0777` as 777. The tree holds what
 * Compose holds: a JS number where its text is Go's, the text Go writes otherwise.
 */
import type { ScalarValue } from '../model/tree.js';

const GO_INT = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|0([0-7]+)|([1-9][0-9]*|0))$/;
/** go-yaml's yamlStyleFloat. */
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * The value of a plain scalar written `source` that the yaml package read as `parsed`, as Compose
 * reads it. Null and booleans are read alike by both; so is any text that does not start like a
 * number.
 */
export function composePlainValue(source: string, parsed: ScalarValue): ScalarValue {
  if (parsed === null || typeof parsed === 'boolean') return parsed;
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(source))
    return source.endsWith('nan') || /NaN|NAN/.test(source) ? 'NaN' : source.startsWith('-') ? '-Inf' : '+Inf';
  if (!/^[-+.0-9]/.test(source)) return parsed;
  const plain = source.replace(/_/g, '');
  const int = goInteger(plain);
  if (int !== undefined) {
    const n = Number(int);
    return Number.isSafeInteger(n) ? n : int.toString();
  }
  if (GO_FLOAT.test(plain)) {
    const x = Number(plain);
    // ParseFloat's range error: go-yaml keeps the text
    if (!Number.isFinite(x)) return source;
    const text = goFloat(x);
    return text === String(x) ? x : text;
  }
  return source;
}

/** strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64): a value in range, or undefined. */
function goInteger(s: string): bigint | undefined {
  const m = GO_INT.exec(s);
  if (!m) return undefined;
  const [, sign, hex, bin, oct, legacyOct, dec] = m;
  const magnitude =
    hex !== undefined
      ? BigInt(`0x${hex}`)
      : bin !== undefined
        ? BigInt(`0b${bin}`)
        : oct !== undefined
          ? BigInt(`0o${oct}`)
          : legacyOct !== undefined
            ? BigInt(`0o${legacyOct}`)
            : BigInt(dec!);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) return value;
  // ParseUint takes no sign
  if (!sign && value <= UINT64_MAX) return value;
  return undefined;
}

/** fmt.Sprint of a float64: the shortest digits, in exponent form below 1e-4 and from 1e+06 up ('%g', shortest). */
export function goFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}
