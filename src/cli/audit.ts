import type { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { loadPolicyFile } from '../policy/policy.js';
import { loadSettings, SETTINGS_FILE } from '../settings.js';
import { UsageError } from './util.js';
import { writeOut } from './output.js';

interface AuditFlags {
  format: string;
  file?: string[];
  envFile?: string[];
  projectDirectory?: string;
  config?: string;
  policy?: string;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description("report each project's secrets × services: sources, mounts, roles, git status, and what is still exposed")
    .argument('[paths...]', 'compose files or directories', [])
    .option('--format <format>', 'output format: table, markdown, json or csv', 'table')
    .option('-f, --file <file...>', 'compose files of one project, in order (like docker compose -f)')
    .option('--env-file <file...>', 'env files for interpolation instead of the project .env')
    .option('--project-directory <dir>', "project directory (default: the first file's directory)")
    .option('--config <file>', `settings file (default: ./${SETTINGS_FILE} when present)`)
    .option('--policy <file>', "access policy (YAML or JSON) instead of the settings' one")
    .action(async (paths: string[], flags: AuditFlags) => {
      // loaded on demand: lint's start-up does not pay for the audit
      const { AUDIT_FORMATS, formatAudit } = await import('../audit/format.js');
      const { audit } = await import('../audit/collect.js');
      if (!(AUDIT_FORMATS as readonly string[]).includes(flags.format))
        throw new UsageError(`unknown format "${flags.format}" (use table, markdown, json or csv)`);
      if (flags.file?.length && paths.length) throw new UsageError('give either paths or -f files, not both');
      const settings = loadSettings(
        process.cwd(),
        flags.config,
        RULES.map((r) => r.meta.id),
      );
      if (flags.policy) settings.policy = loadPolicyFile(process.cwd(), flags.policy);
      const report = await audit({ paths, files: flags.file, envFiles: flags.envFile, projectDirectory: flags.projectDirectory, cwd: process.cwd(), settings });
      writeOut(formatAudit(report, flags.format as (typeof AUDIT_FORMATS)[number]));
    });
}
