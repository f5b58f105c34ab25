import { secretInBuildArgs } from '../../rules/secret-in-build-args.js';
import { testRule } from '../rule-tester.js';

const build = (args: string) => `services:\n  app:\n    build:\n      context: .\n      args:\n${args}`;

testRule(secretInBuildArgs, {
  valid: [
    { name: 'an argument that is no secret', files: { 'compose.yaml': build('        NODE_VERSION: "20"\n') } },
    {
      name: 'a build secret',
      files: {
        'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      secrets: [npm_token]\nsecrets:\n  npm_token:\n    environment: NPM_TOKEN\n',
      },
    },
    {
      name: 'a value from .env (secret-in-env-file)',
      files: { 'compose.yaml': build('        NPM_TOKEN: ${NPM_TOKEN}\n'), '.env': 'NPM_TOKEN=a8Fq2xLm9Tz4\n' },
    },
  ],
  invalid: [
    {
      name: 'a literal, always unsafe',
      files: { 'compose.yaml': build('        NPM_TOKEN: a8Fq2xLm9Tz4\n') },
      errors: [{ messageId: 'literal', line: 6, column: 20, fix: 'unsafe' }],
    },
    {
      name: 'passed from the environment, map and list form',
      files: { 'compose.yaml': build('        - NPM_TOKEN\n        - GITHUB_TOKEN=${GH_TOKEN}\n') },
      errors: [
        { messageId: 'viaEnv', line: 6, column: 11, fix: 'unsafe' },
        { messageId: 'viaEnv', line: 7, column: 11, fix: 'unsafe' },
      ],
    },
    {
      name: "a template's default",
      files: { 'compose.yaml': build('        NPM_TOKEN: ${NPM_TOKEN:-npm-default-1}\n') },
      errors: [{ messageId: 'default', line: 6, column: 20 }],
    },
  ],
});
