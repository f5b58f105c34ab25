/**
 * Rule options from the settings, checked against each rule's `meta.schema` before a run. ajv is
 * loaded only when some rule is given options: a plain lint pays nothing for it at start-up.
 */
import { LoadError } from '../load/parse.js';
import { SETTINGS_FILE, type Settings } from '../settings.js';
import type { Rule } from './rule.js';

/** Throws LoadError (naming the settings file) when options are given to a rule that does not accept them. */
export async function validateRuleOptions(rules: readonly Rule[], settings: Settings): Promise<void> {
  const given = Object.entries(settings.ruleOptions ?? {});
  if (!given.length) return;
  const file = settings.source ?? SETTINGS_FILE;
  const { default: ajvModule } = (await import('ajv')) as unknown as { default: AjvClass | { default: AjvClass } };
  const Ajv = 'default' in ajvModule ? ajvModule.default : ajvModule;
  const ajv = new Ajv({ strict: false });
  for (const [id, options] of given) {
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) continue; // unknown ids are refused by loadSettings
    if (!rule.meta.schema) throw new LoadError(file, `rule "${id}" takes no options`);
    const validate = ajv.compile(rule.meta.schema);
    if (!validate(options)) throw new LoadError(file, `rule "${id}": ${describe(validate.errors?.[0])}`);
  }
}

type AjvClass = new (
  options: object,
) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: AjvError[] | null };
};

interface AjvError {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `option external must be boolean`, `unknown option "extrnal"`. */
function describe(e: AjvError | undefined): string {
  if (!e) return 'invalid options';
  if (typeof e.params.additionalProperty === 'string') return `unknown option "${e.params.additionalProperty}"`;
  const where = e.instancePath ? `option ${e.instancePath.slice(1).replace(/\//g, '.')}` : 'options';
  return `${where} ${e.message ?? 'are invalid'}`;
}
