import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { MESSAGE_FIELDS, RULE_DOCS_BASE_URL } from '../../src/engine/rule.js';
import { lintText } from '../../src/lint.js';
import { rulesPage, ruleTable } from '../../src/report/rule-docs.js';
import { REPO } from '../helpers.js';

describe('rule metadata', () => {
  it('ids are unique and kebab-case, docs complete', () => {
    expect(new Set(RULES.map((r) => r.meta.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const field of ['what', 'why', 'example', 'instead'] as const) expect(r.meta.docs[field].length).toBeGreaterThan(20);
      expect(r.meta.docs.cwe.every((c) => /^CWE-\d+$/.test(c))).toBe(true);
    }
  });

  it("each rule's docs.url is its anchor in docs/rules.md", () => {
    const page = readFileSync(join(REPO, 'docs/rules.md'), 'utf8');
    for (const r of RULES) {
      expect(r.meta.docs.url).toBe(`${RULE_DOCS_BASE_URL}#${r.meta.id}`);
      expect(page).toContain(`<a id="${r.meta.id}"></a>\n\n### \`${r.meta.id}\``);
    }
  });

  it('options: a schema of an object with documented properties, and defaults it accepts', () => {
    for (const r of RULES) {
      if (!r.meta.schema) {
        expect(r.meta.defaultOptions, r.meta.id).toBeUndefined();
        continue;
      }
      expect(r.meta.schema).toMatchObject({ type: 'object', additionalProperties: false });
      const properties = r.meta.schema.properties as Record<string, { description?: string }>;
      for (const [name, p] of Object.entries(properties)) expect(p.description?.length, `${r.meta.id} ${name}`).toBeGreaterThan(20);
      expect(Object.keys(r.meta.defaultOptions ?? {}).sort()).toEqual(Object.keys(properties).sort());
    }
  });

  it('the README table and docs/rules.md are generated from the rules (run `npm run docs`)', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain(ruleTable(RULES));
    expect(readFileSync(join(REPO, 'docs/rules.md'), 'utf8')).toBe(rulesPage(RULES));
  });

  // secret-in-env-file's example needs a .env beside the file, secret-in-mounted-file the file it
  // mounts (fixtures/lint/mounted-files, test/rules/secret-in-mounted-file.test.ts), secret-in-project-file
  // the file beside it (test/rules/secret-in-project-file.test.ts), secret-file-tracked and
  // secret-file-permissive a file on disk (and a git repository): covered by the project fixtures
  // and their own tests
  // (and the access rules a policy: test/rules/access-policy.test.ts)
  const needFiles = [
    'secret-in-env-file',
    'secret-in-mounted-file',
    'secret-in-project-file',
    'secret-file-tracked',
    'secret-file-permissive',
    'secret-access-denied',
    'secret-access-unused-grant',
  ];
  it.each(RULES.filter((r) => !needFiles.includes(r.meta.id)).map((r) => [r.meta.id, r] as const))(
    '%s: its documented example is reported and its "use instead" is not',
    async (id, rule) => {
      const example = (await lintText('example.yaml', rule.meta.docs.example)).findings.map((f) => f.ruleId);
      expect(example).toContain(id);
      const instead = (await lintText('instead.yaml', rule.meta.docs.instead.replace(/^#.*$/gm, ''))).findings.map((f) => f.ruleId);
      expect(instead).not.toContain(id);
    },
  );

  it('every message template names only data its rule provides', () => {
    for (const r of RULES) {
      for (const m of Object.values(r.meta.messages)) {
        const names = [...m.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((x) => x[1]);
        for (const n of names) expect(MESSAGE_FIELDS as readonly string[]).toContain(n);
      }
    }
  });
});
