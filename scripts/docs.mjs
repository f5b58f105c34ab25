// Regenerates the README's rule table and docs/rules.md from the rules' metadata (after `npm run build`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { RULES, rulesPage, updateReadme } from '../dist/tooling.mjs';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, updateReadme(readFileSync(readme, 'utf8'), RULES));
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/rules.md', import.meta.url), rulesPage(RULES));
