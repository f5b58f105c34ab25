import { hardcodedCredential } from '../../rules/hardcoded-credential.js';
import { testRule } from '../rule-tester.js';

testRule(hardcodedCredential, {
  valid: [
    {
      name: 'a password read from a secret file',
      files: { 'compose.yaml': 'services:\n  r:\n    image: redis\n    command: sh -c \'redis-server --requirepass "$$(cat /run/secrets/redis)"\'\n' },
    },
    {
      name: 'a literal in the environment (secret-in-environment)',
      files: { 'compose.yaml': 'services:\n  r:\n    image: redis\n    environment:\n      REDIS_PASSWORD: s3cr3t-pass\n' },
    },
    { name: 'a URL without a password', files: { 'compose.yaml': 'services:\n  r:\n    image: x\n    labels:\n      homepage: https://user@example.com/\n' } },
  ],
  invalid: [
    {
      name: 'a password on the command line',
      files: { 'compose.yaml': 'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass s3cr3t-pass\n' },
      errors: [{ messageId: 'command', line: 4, column: 41, fix: null }],
    },
    {
      name: 'a label and an extension field',
      files: {
        'compose.yaml':
          'x-db:\n  password: s3cr3t-pass\nservices:\n  a:\n    image: x\n    labels:\n      homepage.url: https://admin:s3cr3t-pass@db.internal\n',
      },
      errors: [
        { messageId: 'literal', line: 2, column: 13 },
        { messageId: 'literal', line: 7, column: 35 },
      ],
    },
  ],
});
