import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { reportHardcoded } from './shared.js';

/** A credential anywhere outside environment and build args. */
export const hardcodedCredential: Rule = {
  meta: {
    id: 'hardcoded-credential',
    severity: 'error',
    description: 'A credential is written in a command, healthcheck, label, URL, extension field or config',
    tags: ['hardcoded'],
    fixable: 'no',
    docs: {
      what: 'Finds credentials outside `environment` and `build.args`: passwords on command lines (`--password x`, `-psecret`, `-u user:pass`), in healthchecks, labels, `x-` extension fields, logging and driver options, inline `configs` content, settings commented out in a compose file (`# - DB_PASSWORD=…`, `# command: … --requirepass …`: the comment is committed), and recognised token formats (cloud keys, GitHub/GitLab/Slack tokens, private keys, URLs with `user:password@`) in any value.',
      why: 'Such a credential is committed with the file, shown by `docker inspect` and, on command lines, by `ps` to every user of the host. Unlike an environment variable it cannot be moved to a secret by a mechanical rewrite: the program has to be told to read it from somewhere else.',
      example: 'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass s3cr3t-pass',
      instead:
        'services:\n  cache:\n    image: redis:7\n    command: sh -c \'redis-server --requirepass "$$(cat /run/secrets/redis_password)"\'\n    secrets:\n      - redis_password\nsecrets:\n  redis_password:\n    file: ./secrets/redis_password',
      cwe: ['CWE-798', 'CWE-214'],
      url: ruleDocsUrl('hardcoded-credential'),
      fix: 'Not rewritten automatically; `fix` lists each one with what to change.',
    },
    messages: {
      literal: '{{name}} holds a hardcoded {{kind}}',
      literalPlaceholder: '{{name}} holds a hardcoded {{kind}} that looks like a placeholder',
      default: '{{name}} falls back to a hardcoded {{kind}} as the default of ${{{variable}}}',
      defaultPlaceholder: '{{name}} falls back to a placeholder-like {{kind}} as the default of ${{{variable}}}',
      comment: 'a commented-out {{name}} holds a hardcoded {{kind}}: the comment is committed with the file',
      commentPlaceholder: 'a commented-out {{name}} holds a placeholder-like hardcoded {{kind}}',
      command: 'the command of service {{service}} holds a hardcoded {{kind}} ({{name}}); it shows in `docker inspect` and the process list',
      commandPlaceholder: 'the command of service {{service}} holds a placeholder-like hardcoded {{kind}} ({{name}})',
    },
  },
  // literals outside environments, env files and build args (a .env value is secret-in-env-file's)
  claims: (e) =>
    e.verdict.class === 'hardcoded' &&
    e.verdict.source !== 'dotenv' &&
    e.context !== 'environment' &&
    e.context !== 'build-args' &&
    e.context !== 'env-file' &&
    e.context !== 'mounted-file' &&
    e.context !== 'project-file',
  check(context) {
    for (const e of context.exposures) {
      const v = e.verdict;
      if (v.class !== 'hardcoded') continue;
      // a comment and a command each have messages of their own; the rest share reportHardcoded's
      if (e.context === 'comment' || e.context === 'command') {
        const command = e.context === 'command';
        context.report({
          messageId: `${e.context}${v.placeholder ? 'Placeholder' : ''}`,
          data: command ? { name: e.name ?? 'argument', kind: v.kind, service: e.service ?? '' } : { name: e.name ?? 'setting', kind: v.kind },
          origin: v.origin,
          path: e.path,
          service: e.service,
          value: v.value,
          exposure: e,
          detail: { context: e.context, placeholder: v.placeholder },
        });
        continue;
      }
      reportHardcoded(context, e, v);
    }
  },
};
