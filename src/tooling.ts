/** What `npm run docs` needs (scripts/docs.mjs): not part of the library's API. */
export { RULES } from '../rules/index.js';
export { ruleDoc, rulesPage, ruleTable, updateReadme } from './report/rule-docs.js';
