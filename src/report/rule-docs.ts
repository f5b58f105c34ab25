import type { Rule } from '../engine/rule.js';

export const TABLE_START = '<!-- rules:start (generated from rules/*.ts by `npm run docs`) -->';
export const TABLE_END = '<!-- rules:end -->';

/** The README's rule table, generated from each rule's metadata. */
export function ruleTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => {
    const fix = r.meta.fixable === 'sometimes-safe' ? 'safe for known images, else unsafe' : r.meta.fixable === 'unsafe' ? 'unsafe only' : '—';
    return `| \`${r.meta.id}\` | ${r.meta.severity} | ${r.meta.description} | ${fix} | ${r.meta.docs.cwe.join(', ')} |`;
  });
  return [TABLE_START, '| rule | severity | what it finds | fix | CWE |', '| --- | --- | --- | --- | --- |', ...rows, TABLE_END].join('\n');
}

/** One rule's full documentation, in the shape of ruff's rule pages. */
export function ruleDoc(rule: Rule): string {
  const d = rule.meta.docs;
  return [
    `### \`${rule.meta.id}\` (${rule.meta.severity})`,
    '',
    `**What it does.** ${d.what}`,
    '',
    `**Why is this bad?** ${d.why}`,
    '',
    '**Example**',
    '```yaml',
    d.example,
    '```',
    '',
    '**Use instead**',
    '```yaml',
    d.instead,
    '```',
    '',
    ...(d.fix ? [`**Fix.** ${d.fix}`, ''] : []),
    ...optionsDoc(rule),
    `**References:** ${d.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`).join(', ')}`,
  ].join('\n');
}

/** The rule's options, from its schema (each property's description) and defaults. */
function optionsDoc(rule: Rule): string[] {
  const properties = (rule.meta.schema?.properties ?? {}) as Record<string, { description?: string }>;
  const names = Object.keys(properties);
  if (!names.length) return [];
  const defaults = (rule.meta.defaultOptions ?? {}) as Record<string, unknown>;
  const items = names.map((n) => `- \`${n}\` (default \`${JSON.stringify(defaults[n])}\`): ${properties[n].description ?? ''}`.trimEnd());
  return [`**Options** (\`"rules": {"${rule.meta.id}": ["${rule.meta.severity}", {…}]}\` in the settings):`, '', ...items, ''];
}

/** Replaces the generated part of the README. */
export function updateReadme(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < 0) throw new Error('README has no rules table markers');
  return readme.slice(0, start) + ruleTable(rules) + readme.slice(end + TABLE_END.length);
}

/** docs/rules.md: every rule's full documentation. */
export function rulesPage(rules: readonly Rule[]): string {
  // each rule under an anchor of its id: what its docs.url points at
  const sections = rules.map((r) => `<a id="${r.meta.id}"></a>\n\n${ruleDoc(r)}`);
  return `# Rules\n\n<!-- generated from rules/*.ts by \`npm run docs\` -->\n\n${sections.join('\n\n')}\n`;
}
