import type { Exposure } from '../src/detect/exposures.js';
import type { HardcodedVerdict, ViaEnvVerdict } from '../src/detect/entry.js';
import type { RuleContext } from '../src/engine/rule.js';

/** Reports a hardcoded verdict with the message ids every hardcoded-secret rule shares. */
export function reportHardcoded(context: RuleContext, e: Exposure, v: HardcodedVerdict): void {
  const base = v.source === 'default' ? 'default' : v.source === 'dotenv' ? 'dotenv' : 'literal';
  context.report({
    messageId: v.placeholder ? `${base}Placeholder` : base,
    data: { name: e.name ?? String(e.path[e.path.length - 1]), kind: v.kind, variable: v.variable ?? '', service: e.service ?? '' },
    origin: v.origin,
    path: e.path,
    service: e.service,
    value: v.value,
    exposure: e,
    detail: { context: e.context, source: v.source, variable: v.variable, placeholder: v.placeholder },
  });
}

/** Reports a secret passed through the environment, with the data every such message uses. */
export function reportPassedThrough(context: RuleContext, e: Exposure, v: ViaEnvVerdict, messageId: string): void {
  context.report({
    messageId,
    data: {
      name: e.name ?? String(e.path[e.path.length - 1]),
      kind: v.kind,
      aKind: withArticle(v.kind),
      variables: v.variables.join('}, ${'),
      service: e.service ?? '',
    },
    origin: v.origin,
    locate: v.locate,
    path: e.path,
    service: e.service,
    exposure: e,
    detail: { context: e.context, variables: v.variables.join(','), ...(v.optional ? { optional: 'empty-default' } : {}) },
  });
}

/** "a password", "an API key". */
export function withArticle(noun: string): string {
  return /^(?:[aeiou]|API\b|AWS\b|SSH\b|RSA\b|HTTP|npm\b|SMTP|LDAP|S3\b|HMAC)/i.test(noun) && !/^(?:user|uni|url|us)/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
