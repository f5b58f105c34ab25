import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { emptySettings } from '../../src/settings.js';
import { REPO, walk } from '../helpers.js';

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = ['\n', ' ', ':', '-', '[', ']', '{', '}', '&a', '*a', '<<: *a', '!reset', '${', '$$', '"', "'", '|', '>', '#', 'x', '=', '\t', '\u0000', '%'];

describe('mutated compose files', () => {
  it('never give anything but located errors (2,000 mutations of the fixtures)', async () => {
    const files = walk(`${REPO}/fixtures`, (n) => /\.ya?ml$/.test(n)).filter((f) => !f.includes('broken'));
    const random = rng(Number(process.env.FUZZ_SEED ?? 20261128));
    for (let i = 0; i < 2000; i++) {
      const text = readFileSync(files[i % files.length], 'utf8');
      let mutated = text;
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
        const at = Math.floor(random() * mutated.length);
        const r = random();
        if (r < 0.4) mutated = mutated.slice(0, at) + mutated.slice(at + 1 + Math.floor(random() * 8));
        else mutated = mutated.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)] + mutated.slice(at);
      }
      let errors: { message: string; line?: number }[];
      try {
        errors = (await lintText('m.yaml', mutated, { settings: emptySettings() })).errors;
      } catch (err) {
        throw new Error(`mutation ${i} of ${files[i % files.length]}: ${(err as Error).stack}`);
      }
      for (const e of errors) {
        expect(e.message, `mutation ${i}`).not.toContain('\n');
        expect(e.line, `mutation ${i}: ${e.message}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('hostile templates', () => {
  it('variables nested thousands deep are a located error, not a stack overflow', async () => {
    const n = 20000;
    const text = `services:\n  a:\n    image: x\n    environment:\n      P: "${'${A:-'.repeat(n)}x${'}'.repeat(n)}"\n`;
    const { errors } = await lintText('deep.yaml', text);
    expect(errors).toEqual([{ file: 'deep.yaml', line: 5, column: 10, message: 'Invalid template: variables nest too deeply' }]);
  });
});
