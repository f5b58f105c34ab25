import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { isSafeKey } from '../src/load/messages.js';
import { isExtensionKey, SERVICE_FIELDS, TOP_LEVEL_FIELDS } from '../src/preprocess/compose-fields.js';
import { closest } from '../src/model/did-you-mean.js';
import type { TreeEntry } from '../src/model/tree.js';

/** A key Compose does not know, at the top level or in a service: usually a typo that silently drops a setting. */
export const unknownComposeKey: Rule = {
  meta: {
    id: 'unknown-compose-key',
    severity: 'warning',
    description: 'A top-level or service key is not part of the Compose Specification (a typo such as `enviroment:`)',
    tags: ['schema'],
    fixable: 'no',
    docs: {
      what: 'Finds keys that the Compose Specification does not define at the top level of a file or in a service (extension keys `x-…` excepted), and suggests the closest known key. Values written under such a key are still checked for secrets, as in an extension field.',
      why: '`docker compose` refuses the file, and older tools silently ignore the key: a misspelt `enviroment:` means the service gets none of those variables, while every password written there is still committed in the repository. A secret scanner that skipped invalid files would report such a file as clean.',
      example: 'services:\n  db:\n    image: postgres:16\n    enviroment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
      instead: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
      cwe: ['CWE-1188'],
      url: ruleDocsUrl('unknown-compose-key'),
      fix: 'Not rewritten: the intended key is a guess.',
    },
    messages: {
      service: 'service {{service}} has a key Compose does not know ({{name}}); what it holds reaches no container',
      serviceSuggestion: 'service {{service}} has a key Compose does not know ({{name}}) — did you mean "{{suggestion}}"?',
      topLevel: 'top-level key {{name}} is not a Compose key; what it holds is ignored',
      topLevelSuggestion: 'top-level key {{name}} is not a Compose key — did you mean "{{suggestion}}"?',
    },
  },
  check(context) {
    const report = (entry: TreeEntry, known: ReadonlySet<string>, base: 'service' | 'topLevel', path: (string | number)[], service?: string) => {
      const suggestion = closest(entry.key, known);
      context.report({
        messageId: suggestion ? `${base}Suggestion` : base,
        data: { name: isSafeKey(entry.key) ? entry.key : 'an unprintable key', suggestion: suggestion ?? '', service: service ?? '' },
        origin: entry.keyOrigin,
        path,
        service,
      });
    };
    for (const entry of context.model.root.entries) {
      if (!TOP_LEVEL_FIELDS.has(entry.key) && !isExtensionKey(entry.key)) report(entry, TOP_LEVEL_FIELDS, 'topLevel', [entry.key]);
    }
    for (const service of context.model.services) {
      for (const entry of service.node.entries) {
        if (!SERVICE_FIELDS.has(entry.key) && !isExtensionKey(entry.key))
          report(entry, SERVICE_FIELDS, 'service', ['services', service.name, entry.key], service.name);
      }
    }
  },
};
