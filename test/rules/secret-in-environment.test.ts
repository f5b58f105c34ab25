import { secretInEnvironment } from '../../rules/secret-in-environment.js';
import { testRule } from '../rule-tester.js';

const service = (env: string, image = 'postgres:16') => `services:\n  db:\n    image: ${image}\n    environment:\n${env}`;

testRule(secretInEnvironment, {
  valid: [
    { name: 'a reference to a secret file', files: { 'compose.yaml': service('      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n') } },
    { name: 'passed through from the environment (secret-via-environment)', files: { 'compose.yaml': service('      POSTGRES_PASSWORD: ${DB_PASSWORD}\n') } },
    {
      name: 'a value from .env (secret-in-env-file)',
      files: { 'compose.yaml': service('      POSTGRES_PASSWORD: ${DB_PASSWORD}\n'), '.env': 'DB_PASSWORD=hunter2-x\n' },
    },
    { name: 'a switch, not a secret', files: { 'compose.yaml': service('      BASIC_AUTH_PASSWORD: "false"\n') } },
  ],
  invalid: [
    {
      name: 'a literal, safe to fix for an image that reads _FILE',
      files: { 'compose.yaml': service('      POSTGRES_PASSWORD: hunter2-x\n') },
      errors: [{ messageId: 'literal', line: 5, column: 26, fix: 'safe' }],
    },
    {
      name: 'list form, unsafe for an unknown image',
      files: { 'compose.yaml': service('      - API_TOKEN=tok-123456789\n', 'example/api') },
      errors: [{ messageId: 'literal', line: 5, column: 19, fix: 'unsafe' }],
    },
    {
      name: "a template's default, and a placeholder",
      files: { 'compose.yaml': service('      POSTGRES_PASSWORD: ${DB_PASSWORD:-s3cret-default}\n      SESSION_SECRET: changeme\n') },
      errors: [
        { messageId: 'default', line: 5, column: 26 },
        { messageId: 'literalPlaceholder', line: 6, column: 23 },
      ],
    },
    {
      name: 'an anchor shared by two services is one finding naming both',
      files: {
        'compose.yaml':
          'x-env: &env\n  POSTGRES_PASSWORD: hunter2-x\nservices:\n  a:\n    image: postgres\n    environment: *env\n  b:\n    image: example/b\n    environment: *env\n',
      },
      errors: [{ messageId: 'literal', line: 2, column: 22, services: ['a', 'b'], fix: 'unsafe' }],
    },
  ],
});
