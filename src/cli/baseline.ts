import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { lint } from '../lint.js';
import { BASELINE_FILE, baselineText, newSalt, readBaseline } from '../lint/baseline.js';
import { escapeControl } from '../report/escape.js';
import { loadSettings } from '../settings.js';
import { writeReport } from './lint.js';
import { repeatable } from './util.js';
import { writeOut, writeErr } from './output.js';

interface BaselineFlags {
  output: string;
  file?: string[];
  envFile?: string[];
  config?: string;
}

export function registerBaseline(program: Command): void {
  program
    .command('baseline')
    .description(`record the current findings in ${BASELINE_FILE}, so lint --baseline reports only new ones`)
    .argument('[paths...]', 'compose files or directories', [])
    .option('--output <file>', 'the baseline file to write', BASELINE_FILE)
    .option('-f, --file <file>', 'a compose file of the project; repeatable', repeatable)
    .option('--env-file <file>', 'an env file for interpolation instead of the project .env; repeatable', repeatable)
    .option('--config <file>', 'settings file')
    .action(async (paths: string[], flags: BaselineFlags) => {
      process.exitCode = await runBaseline(paths, flags);
    });
}

async function runBaseline(paths: string[], flags: BaselineFlags): Promise<number> {
  const file = resolve(flags.output);
  // the salt of an existing baseline is kept: unchanged findings keep their entries
  const salt = existsSync(file) ? readBaseline(flags.output).salt : newSalt();
  const settings = flags.config
    ? loadSettings(
        process.cwd(),
        flags.config,
        RULES.map((r) => r.meta.id),
      )
    : undefined;
  const result = await lint(paths, { settings, files: flags.file, envFiles: flags.envFile, record: { salt, file } });
  if (result.errors.length || !result.files.length) {
    for (const e of result.errors)
      writeErr(`compose-secrets: ${escapeControl(e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file)}: ${escapeControl(e.message)}\n`);
    writeErr(`compose-secrets: ${escapeControl(flags.output)} not written\n`);
    return 2;
  }
  const entries = result.baselineEntries ?? [];
  writeReport(file, baselineText({ file, salt, entries }));
  writeOut(`${entries.length} finding${entries.length === 1 ? '' : 's'} recorded in ${escapeControl(flags.output)}\n`);
  return 0;
}
