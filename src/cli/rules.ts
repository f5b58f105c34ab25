import type { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { ruleDoc } from '../report/rule-docs.js';
import { UsageError } from './util.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description("list the rules, or print one rule's documentation")
    .argument('[id]', 'a rule id')
    .action((id: string | undefined) => {
      if (!id) {
        for (const r of RULES) process.stdout.write(`${r.meta.id.padEnd(24)} ${r.meta.severity.padEnd(8)} ${r.meta.description}\n`);
        return;
      }
      const rule = RULES.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(`unknown rule "${id}" (see compose-secrets rules)`);
      process.stdout.write(ruleDoc(rule) + '\n');
    });
}
