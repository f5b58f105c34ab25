import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../rules/index.js';
import { RULE_DOCS_BASE_URL } from '../engine/rule.js';
import type { LintResult } from '../lint.js';
import { escapeControl } from './escape.js';
import type { FormatOptions } from './formatter.js';

declare const PACKAGE_VERSION: string;

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * GitHub code scanning's severity of a rule's findings (`security-severity`, CVSS-like: 7.0–8.9
 * high, 4.0–6.9 medium, 0.1–3.9 low): a committed secret is high, a secret passed through the
 * environment medium.
 */
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0', info: '2.0' } as const;

/** The tool's home page: the repository the rule documentation lives in. */
const INFORMATION_URI = RULE_DOCS_BASE_URL.split('/blob/')[0];

/** The repository's root above a directory (the nearest one with .git), or the directory itself. */
export function repositoryRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

/** A file path as an artifact location: relative to the repository's root (%SRCROOT%), forward slashes, percent-encoded. */
function artifact(file: string, cwd: string, root: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(cwd, file);
  const rel = relative(root, abs);
  if (file === '<stdin>' || file === '-') return { uri: encodeURI(file) };
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: encodeURI(rel.split('\\').join('/')), uriBaseId: '%SRCROOT%' };
}

/** SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps). */
export function formatSarif(result: LintResult, options: FormatOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const root = repositoryRoot(cwd);
  const uri = (file: string) => artifact(file, cwd, root);
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
    properties: {
      tags: ['security', ...r.meta.tags, ...r.meta.docs.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[r.meta.severity],
    },
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
            informationUri: INFORMATION_URI,
            version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: escapeControl(f.redacted ? `${f.message} (${f.redacted})` : f.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: uri(f.file),
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          // stable across runs and line moves: rule, file and the value's path in the model
          partialFingerprints: { 'composeSecretsPath/v1': `${f.ruleId}:${uri(f.file).uri}:${f.path.join('.')}` },
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
                    artifactLocation: uri(e.file),
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
