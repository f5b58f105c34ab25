import { resolve } from 'node:path';
import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { declaredSecrets } from './secret-mounts.js';

/** A secret's `file:` source that does not exist. */
export const secretFileMissing: Rule = {
  meta: {
    id: 'secret-file-missing',
    severity: 'error',
    description: "A secret's file: source does not exist",
    // not one of the checks fix runs before and after: a file it names for you to provision is missing until you do
    tags: ['secret-files'],
    fixable: 'no',
    docs: {
      what: 'Finds a top-level secret whose `file:` names a path (relative to the project directory) where there is no file.',
      why: 'Compose cannot mount what is not there: the service fails to start, or — with Docker bind-mount semantics — gets an empty directory where it expects its password. A missing file in a fresh checkout usually means the set-up step that provisions it is undocumented.',
      example: 'services:\n  db:\n    image: postgres:16\n    secrets: [db_creds]\nsecrets:\n  db_creds:\n    file: ./config/db-creds.json',
      instead: 'services:\n  db:\n    image: postgres:16\n    secrets: [db_creds]\nsecrets:\n  db_creds:\n    environment: DB_CREDS',
      cwe: ['CWE-1188'],
      url: ruleDocsUrl('secret-file-missing'),
    },
    messages: {
      missing: 'the file of secret "{{name}}" does not exist: {{file}}',
    },
  },
  check(context) {
    for (const secret of declaredSecrets(context.model).values()) {
      if (!secret.file) continue;
      const written = String(secret.file.value);
      if (context.host.stat(resolve(context.projectDirectory, written))) continue;
      context.report({
        messageId: 'missing',
        data: { name: secret.name, file: written },
        origin: secret.file.origin,
        path: ['secrets', secret.name, 'file'],
      });
    }
  },
};
