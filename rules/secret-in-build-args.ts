import { ruleDocsUrl, type Rule } from '../src/engine/rule.js';
import { reportHardcoded, reportPassedThrough } from './shared.js';

/** A secret passed as a build argument. */
export const secretInBuildArgs: Rule = {
  meta: {
    id: 'secret-in-build-args',
    severity: 'error',
    description: 'A secret is passed to the image build as a build argument',
    tags: ['build', 'hardcoded', 'passthrough'],
    fixable: 'unsafe',
    docs: {
      what: 'Finds secrets in `build.args`, written literally or filled from the environment (`${NPM_TOKEN}`, bare `- NPM_TOKEN`).',
      why: 'Build arguments are recorded in the image: `docker history` shows every `ARG` value used by a `RUN` step, and the image is pushed to registries where anyone who can pull it can read them. Passing the value through a variable does not help: it is baked in just the same.',
      example: 'services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}',
      instead:
        'services:\n  app:\n    build:\n      context: .\n      secrets:\n        - npm_token\nsecrets:\n  npm_token:\n    environment: NPM_TOKEN\n# Dockerfile: RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci',
      cwe: ['CWE-798', 'CWE-538'],
      url: ruleDocsUrl('secret-in-build-args'),
      fix: 'Unsafe (needs `--unsafe-fixes`): the argument becomes a build secret, and the Dockerfile must be changed to read it with `RUN --mount=type=secret`; the fix prints the line to add. With `--target swarm` an argument passed through from the environment is not rewritten (`docker stack deploy` rejects `environment:` secret sources): use `--target compose`.',
    },
    messages: {
      literal: 'build argument {{name}} holds a hardcoded {{kind}}; build arguments are stored in the image history',
      literalPlaceholder: 'build argument {{name}} holds a placeholder-like hardcoded {{kind}}; build arguments are stored in the image history',
      default: 'build argument {{name}} falls back to a hardcoded {{kind}} as the default of ${{{variable}}}; build arguments are stored in the image history',
      defaultPlaceholder:
        'build argument {{name}} falls back to a placeholder-like {{kind}} as the default of ${{{variable}}}; build arguments are stored in the image history',
      viaEnv: 'build argument {{name}} passes {{aKind}} into the build (${{{variables}}}); its value is stored in the image history',
    },
  },
  // a .env value reaching a build argument is secret-in-env-file's
  claims: (e) => e.context === 'build-args' && !(e.verdict.class === 'hardcoded' && e.verdict.source === 'dotenv'),
  check(context) {
    for (const e of context.exposures) {
      const v = e.verdict;
      if (v.class === 'hardcoded') reportHardcoded(context, e, v);
      else reportPassedThrough(context, e, v, 'viaEnv');
    }
  },
};
