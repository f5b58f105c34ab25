import { secretMisuse } from '../../rules/secret-misuse.js';
import { testRule } from '../rule-tester.js';

const defined = 'secrets:\n  db_password:\n    file: ./db_password\n';

testRule(secretMisuse, {
  valid: [
    {
      name: 'a mounted, defined secret read through _FILE',
      files: {
        'compose.yaml': `services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\n${defined}`,
      },
    },
    {
      name: 'an override mounting a secret its base defines',
      files: { 'compose.yaml': `services:\n  db:\n    image: postgres\n${defined}`, 'compose.override.yaml': 'services:\n  db:\n    secrets: [db_password]\n' },
    },
    {
      name: 'external secrets, with the option external off',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n  s:\n    external: true\n' },
      options: { external: false },
    },
  ],
  invalid: [
    {
      name: 'a mount of an undefined secret, and a _FILE variable pointing at nothing mounted',
      files: {
        'compose.yaml': `services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_pasword]\n${defined}`,
      },
      errors: [
        { messageId: 'fileNotMounted', line: 5, column: 31, severity: 'warning' },
        { messageId: 'undefinedSecret', line: 6, column: 15, severity: 'warning' },
      ],
    },
    {
      name: 'an external secret is noted (info)',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    secrets: [s]\nsecrets:\n  s:\n    external: true\n' },
      errors: [{ messageId: 'external', line: 6, column: 3, severity: 'info' }],
    },
  ],
});
