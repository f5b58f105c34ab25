import type { Command } from 'commander';
import { repeatable, UsageError } from './util.js';
import { writeOut, writeErr } from './output.js';

interface ConfigFlags {
  file?: string[];
  envFile?: string[];
  profile?: string[];
  projectDirectory?: string;
  format: string;
  showSecrets?: boolean;
}

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the effective project model, like docker compose config (secrets redacted)')
    .option('-f, --file <file>', 'a compose file; repeat for several, in order', repeatable)
    .option('--env-file <file>', 'an env file for interpolation instead of the project .env; repeatable', repeatable)
    .option('--profile <name>', 'an active profile; repeatable (default: COMPOSE_PROFILES)', repeatable)
    .option('--project-directory <dir>', "project directory (default: the first file's directory)")
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--show-secrets', 'print secret values instead of redacting them')
    .action(async (flags: ConfigFlags) => {
      // loaded on demand: the schema validator is large and lint does not need it
      const { describeIssues, renderConfig, validateProject } = await import('../compose-config.js');
      const { loadProject } = await import('../preprocess/project.js');
      if (flags.format !== 'yaml' && flags.format !== 'json') throw new UsageError(`unknown format "${flags.format}" (use yaml or json)`);
      const project = loadProject({
        files: flags.file,
        envFiles: flags.envFile,
        profiles: flags.profile,
        projectDirectory: flags.projectDirectory,
        mode: 'config',
      });
      const issues = validateProject(project);
      if (issues.length) {
        writeErr(describeIssues(issues) + '\n');
        process.exitCode = 2;
        return;
      }
      writeOut(renderConfig(project, { format: flags.format, showSecrets: Boolean(flags.showSecrets) }));
      process.exitCode = 0;
    });
}
