/** --file-suffix-images extends the table that decides fixability, for lint's findings and fix's plan alike. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fix } from './helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe('fix --file-suffix-images', () => {
  it('makes a rewrite safe for an image the user says reads <VAR>_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-images-'));
    temps.push(dir);
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  api:\n    image: registry.example.com/acme/api:2\n    environment:\n      API_TOKEN: tok-9f8e7d6c5b4a\n',
    );
    writeFileSync(join(dir, 'images.json'), JSON.stringify({ images: [{ image: 'acme/api', variables: ['API_TOKEN'] }] }));
    const plain = await fix({ paths: ['.'], cwd: dir, dryRun: true, target: 'compose' });
    expect(plain.rewrites).toEqual([]);
    expect(plain.skipped.map((s) => `${s.kind}: ${s.reason}`)).toEqual(['unsafe: image acme/api is not known to read API_TOKEN_FILE']);
    const extended = await fix({ paths: ['.'], cwd: dir, dryRun: true, target: 'compose', fileSuffixImages: 'images.json' });
    expect(extended.skipped).toEqual([]);
    expect(extended.rewrites.map((r) => `${r.key} → ${r.newKey} safe=${r.safe}: ${r.reason}`)).toEqual([
      'API_TOKEN → API_TOKEN_FILE safe=true: image acme/api reads API_TOKEN_FILE',
    ]);
  });
});
