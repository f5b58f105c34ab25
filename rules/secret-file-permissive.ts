import { resolve } from 'node:path';
import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { declaredSecrets, octal, readableBy } from './secret-mounts.js';

/** A secret's source file that group or others can read on disk. */
export const secretFilePermissive: Rule = {
  meta: {
    id: 'secret-file-permissive',
    severity: 'warning',
    description: "A secret's source file is readable by group or others on disk",
    tags: ['secrets-at-rest'],
    fixable: 'no',
    docs: {
      what: 'Finds a top-level secret whose `file:` exists with read permission for its group or for others (mode `0644` is the usual default of a new file).',
      why: 'The file holds the secret in plaintext: every user and process of the host that can read it has the secret, whatever Compose does with it afterwards. `chmod 600` it (fix writes its secret files that way).',
      example: 'services:\n  db:\n    image: postgres:16\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./secrets/db_password   # -rw-r--r--',
      instead:
        'services:\n  db:\n    image: postgres:16\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./secrets/db_password   # -rw------- (chmod 600)',
      cwe: ['CWE-732'],
      url: ruleDocsUrl('secret-file-permissive'),
    },
    messages: {
      permissive: 'the file of secret "{{name}}" ({{file}}) has mode {{mode}}, which lets {{other}} read it: chmod 600 it',
    },
  },
  check(context) {
    for (const secret of declaredSecrets(context.model).values()) {
      if (!secret.file) continue;
      const written = String(secret.file.value);
      const stat = context.host.stat(resolve(context.projectDirectory, written));
      if (stat?.kind !== 'file') continue;
      const who = readableBy(stat.mode);
      if (!who) continue;
      context.report({
        messageId: 'permissive',
        data: { name: secret.name, file: written, mode: octal(stat.mode & 0o777), other: who },
        origin: secret.file.origin,
        path: ['secrets', secret.name, 'file'],
      });
    }
  },
};
