/** Duplicate keys are found without yaml's quadratic check, with yaml's own error and position. */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlReason } from '../../src/load/messages.js';
import { LoadError, parseComposeText } from '../../src/load/parse.js';
import { LineIndex } from '../../src/model/origin.js';

/** The error parseComposeText gave when it parsed with yaml's uniqueKeys check (the first document's with an error). */
function withYamlCheck(text: string): string | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, strict: false, stringKeys: false });
  if (!Array.isArray(docs)) return undefined;
  const err = docs.map((d) => d.errors[0]).find(Boolean);
  if (!err) return undefined;
  const pos = new LineIndex(text).position(err.pos[0]);
  return `invalid YAML: ${yamlReason(err)} ${pos.line}:${pos.column}`;
}

function outcome(text: string): string {
  try {
    parseComposeText('f.yaml', text);
    return 'ok';
  } catch (err) {
    if (err instanceof LoadError) return `${err.message} ${err.line}:${err.column}`;
    throw err;
  }
}

describe('duplicate keys', () => {
  it('are refused with the error and position yaml gives them', () => {
    const key = fc.constantFrom(
      'a',
      'b',
      '"a"',
      "'a'",
      '1',
      '1.0',
      '0x1',
      '.nan',
      '.NaN',
      'null',
      '~',
      '',
      '? a',
      '!!str a',
      '&x a',
      'true',
      'True',
      '<<',
      '[a]',
    );
    const line = fc
      .tuple(fc.constantFrom('', '', '  '), key, fc.constantFrom(': 1', ':', ': [a, b]', ': {a: 1, a: 2}', ': *x', ' # c', ':\n  z: 1'))
      .map(([i, k, v]) => i + k + v);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, flow) => {
        const text = flow ? `{${lines.map((l) => l.trim().replace(/\n/g, ' ')).join(', ')}}\n` : `${lines.join('\n')}\n`;
        const expected = withYamlCheck(text);
        const got = outcome(text);
        if (expected) expect(got).toBe(expected);
        else expect(got).not.toMatch(/unique/);
      }),
      { numRuns: 3000 },
    );
  });

  // the time is measured by `npm run bench` (scaling: 1k–10k services), never here
  it('in a mapping of 5,000 keys: none found, and a late duplicate found where yaml finds it', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `  s${i}:\n    image: x`);
    expect(outcome(`services:\n${keys.join('\n')}\n`)).toBe('ok');
    expect(outcome(`services:\n${keys.slice(0, 500).join('\n')}\n  s7:\n    image: y\n`)).toBe('invalid YAML: Map keys must be unique 1002:3');
  });
});
