import type { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { RULE_ALIASES } from '../engine/aliases.js';
import { ruleDoc } from '../report/rule-docs.js';
import { UsageError } from './util.js';
import { writeOut } from './output.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description("list the rules, or print one rule's documentation")
    .argument('[id]', 'a rule id')
    .action((id: string | undefined) => {
      if (!id) {
        for (const r of RULES) writeOut(`${r.meta.id.padEnd(30)} ${r.meta.severity.padEnd(8)} ${r.meta.description}\n`);
        for (const [alias, members] of Object.entries(RULE_ALIASES))
          writeOut(`${alias.padEnd(30)} ${'alias'.padEnd(8)} stands for ${members.length} rules (compose-secrets rules ${alias})\n`);
        return;
      }
      const members = RULE_ALIASES[id];
      if (members) {
        writeOut(aliasDoc(id, members));
        return;
      }
      const rule = RULES.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(`unknown rule "${id}" (see compose-secrets rules)`);
      writeOut(ruleDoc(rule) + '\n');
    });
}

function aliasDoc(id: string, members: readonly string[]): string {
  const lines = members.map((m) => {
    const rule = RULES.find((r) => r.meta.id === m);
    return `- ${m} (${rule?.meta.severity ?? '?'}): ${rule?.meta.description ?? ''}`;
  });
  return [
    `### \`${id}\` (alias)`,
    '',
    `\`${id}\` was one catch-all rule; it is now an alias of the rules that replaced it. Wherever a rule id is accepted — \`"rules"\` in the settings, \`--rule\`, \`# compose-secrets-ignore\` — it stands for all of them:`,
    '',
    ...lines,
    '',
    `\`"${id}": "off"\` (or a level) sets each of them; a rule named on its own wins. Its old option \`["warning", {"external": false}]\` turns off secret-external-without-swarm.`,
    '',
  ].join('\n');
}
