// Regenerates the README's rule table from the rules' metadata (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES, updateReadme } from '../dist/index.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, updateReadme(readFileSync(path, 'utf8'), RULES));
