import { RULES } from '../../rules/index.js';
import type { LintResult } from '../lint.js';
import { escapeControl } from './escape.js';

declare const PACKAGE_VERSION: string;

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A file path as a SARIF artifact URI (relative, forward slashes, percent-encoded). */
function uri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/'));
}

/** SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps). */
export function formatSarif(result: LintResult): string {
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.meta.docs.what },
    helpUri: r.meta.docs.url,
    help: {
      text: `${r.meta.docs.why}\n\nUse instead:\n${r.meta.docs.instead}`,
      markdown: `${r.meta.docs.why}\n\n**Use instead**\n\n\`\`\`yaml\n${r.meta.docs.instead}\n\`\`\``,
    },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: { tags: ['security', ...r.meta.tags, ...r.meta.docs.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)] },
  }));
  const index = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'compose-secrets',
            version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev',
            rules,
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: escapeControl(f.redacted ? `${f.message} (${f.redacted})` : f.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          // stable across runs and line moves: rule, file and the value's path in the model
          partialFingerprints: { 'composeSecretsPath/v1': `${f.ruleId}:${f.file}:${f.path.join('.')}` },
        })),
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: [
              ...result.errors.map((e) => ({ ...e, level: 'error' })),
              ...(result.warnings ?? []).map((w) => ({ ...w, level: 'warning', line: undefined, column: undefined })),
            ].map((e) => ({
              level: e.level,
              message: { text: escapeControl(e.message) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: uri(e.file) },
                    ...(e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {}),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
